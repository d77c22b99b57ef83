"""The editorial rules layer (DT2xx): the ISO Schematron rules, run as compiled XSLT.

schema/dtmarkup-1-rules.sch is the portable artifact; dtmarkup runs its XSLT 1.0
compilation, schema/dtmarkup-1-rules.xsl (see rules_build), loaded once per process.
Each SVRL finding becomes a Diagnostic: code from @id, severity from @role, and the
element its @location points to gives the line, column and readable XPath.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from lxml import etree

from dtmarkup.codes import CODES, diagnostic
from dtmarkup.diagnostics import Diagnostic, Severity
from dtmarkup.errors import SchemaLoadError
from dtmarkup.xml.locate import SourceLocator

RULES_FILE = "dtmarkup-1-rules.sch"
COMPILED_FILE = "dtmarkup-1-rules.xsl"
SVRL = "http://purl.oclc.org/dsdl/svrl"
_FINDINGS = (f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
_TEXT = f"{{{SVRL}}}text"
_SEVERITIES = {str(s): s for s in Severity}


def rules_path() -> Path:
    """The installed Schematron file, for other Schematron engines (Oxygen, SchXslt...)."""
    return Path(str(resources.files("dtmarkup") / "schema" / RULES_FILE))


def compiled_path() -> Path:
    """The installed XSLT 1.0 compilation of the rules (any XSLT 1.0 processor runs it)."""
    return Path(str(resources.files("dtmarkup") / "schema" / COMPILED_FILE))


@functools.cache
def transform() -> etree.XSLT:
    """The compiled rules, loaded on first use, with all XSLT I/O denied."""
    path = compiled_path()
    try:
        with path.open("rb") as handle:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            document = etree.parse(handle, parser)
        return etree.XSLT(document, access_control=etree.XSLTAccessControl.DENY_ALL)
    except (OSError, etree.XMLSyntaxError, etree.XSLTParseError) as exc:
        raise SchemaLoadError(f"cannot load the dtmarkup rules {path}: {exc}") from exc


def check_rules(tree: etree._ElementTree, data: bytes | None = None) -> list[Diagnostic]:
    """Editorial findings for a schema-valid ``tree``; ``data`` (its bytes) gives columns.

    Run only on documents the XSD accepted: the rules assume the vocabulary's structure.
    """
    svrl = transform()(tree)
    locator = SourceLocator(data, tree.docinfo.encoding)
    findings: list[Diagnostic] = []
    for node in svrl.getroot().iterchildren(*_FINDINGS):
        findings.append(_diagnostic(tree, node, locator))
    return findings


def _diagnostic(
    tree: etree._ElementTree, node: etree._Element, locator: SourceLocator
) -> Diagnostic:
    code = node.get("id", "")
    if code not in CODES:
        raise SchemaLoadError(f"the rules emit {code!r}, a code missing from the code table")
    message = " ".join((node.findtext(_TEXT) or "").split())
    element = _located(tree, node.get("location", ""))
    line, column = locator.position(element) if element is not None else (None, None)
    return diagnostic(
        code,
        message,
        line=line,
        column=column,
        xpath=locator.xpath(element) if element is not None else None,
        severity=_SEVERITIES.get(node.get("role", ""), CODES[code].severity),
    )


def _located(tree: etree._ElementTree, location: str) -> etree._Element | None:
    """The element an SVRL @location names (for an attribute, its element).

    The skeleton writes locations as XPaths with namespace-uri() tests, so they resolve
    against the source tree without a prefix map.
    """
    if not location:
        return None
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return None
    if not isinstance(found, list) or not found:
        return None
    first = found[0]
    if isinstance(first, etree._Element):
        return first
    if isinstance(first, etree._ElementUnicodeResult):
        return first.getparent()
    return None
