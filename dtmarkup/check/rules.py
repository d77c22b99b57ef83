"""The editorial rules layer (DT2xx): the ISO Schematron rules, run as compiled XSLT.

schema/dtmarkup-1-rules.sch is the portable artifact; dtmarkup runs its XSLT 1.0
compilation, schema/dtmarkup-1-rules.xsl (see rules_build), loaded once per process.
Each SVRL finding becomes a Diagnostic: code from @id, severity from @role, and the
element its @location points to gives the line, column and readable XPath.

Locations cost O(1) each: dtmarkup runs the rules with the parameter DOCUMENT_ORDER, so
each location is "idN", the N-th element in document order (see
tools/compile_rules.py), mapped back in one pass over the tree, and only when there are
findings. Should an XSLT processor number its ids otherwise (the SVRL root says how many
elements it numbered and the last id it gave), the rules run again with the skeleton's
full-path locations, resolved with one index of children per parent.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from lxml import etree

from dtmarkup.check import cap
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

DOCUMENT_ORDER = "dt-document-order"
"""The compiled rules' parameter: write each location as the element's document-order id."""
ELEMENTS_ATTRIBUTE = "dt-elements"
"""On the SVRL root, with DOCUMENT_ORDER: how many elements the rules numbered."""
LAST_ID_ATTRIBUTE = "dt-last-id"
"""On the SVRL root, with DOCUMENT_ORDER: the id given to the last element."""
_ID = re.compile(r"id([1-9][0-9]*)")


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
    svrl = transform()(tree, profile_run=False, **{DOCUMENT_ORDER: "1"}).getroot()
    nodes = list(svrl.iterchildren(*_FINDINGS))
    if not nodes:
        return []
    elements = list(tree.iter(etree.Element))
    count = len(elements)
    locate: _Locate
    if svrl.get(ELEMENTS_ATTRIBUTE) == str(count) and svrl.get(LAST_ID_ATTRIBUTE) == f"id{count}":
        locate = functools.partial(_by_document_order, elements)
    else:  # pragma: no cover - an XSLT processor that numbers its ids otherwise
        nodes = list(transform()(tree).getroot().iterchildren(*_FINDINGS))
        locate = _PathIndex(tree).element
    locator = SourceLocator(data, tree.docinfo.encoding)
    kept, summaries = cap.per_code(nodes, lambda node: node.get("id", ""))
    return [_diagnostic(node, locate, locator) for node in kept] + summaries


_Locate = Callable[[str], "etree._Element | None"]


def _by_document_order(elements: list[etree._Element], location: str) -> etree._Element | None:
    """The element a location "idN" names: the N-th in document order."""
    match = _ID.fullmatch(location)
    if match is None:
        return None
    index = int(match.group(1)) - 1
    return elements[index] if index < len(elements) else None


def _diagnostic(node: etree._Element, locate: _Locate, locator: SourceLocator) -> Diagnostic:
    code = node.get("id", "")
    if code not in CODES:
        raise SchemaLoadError(f"the rules emit {code!r}, a code missing from the code table")
    message = " ".join((node.findtext(_TEXT) or "").split())
    element = locate(node.get("location", ""))
    line, column = locator.position(element) if element is not None else (None, None)
    return diagnostic(
        code,
        message,
        line=line,
        column=column,
        xpath=locator.xpath(element) if element is not None else None,
        severity=_SEVERITIES.get(node.get("role", ""), CODES[code].severity),
    )


_STEP = re.compile(
    r"/(?:\*\[local-name\(\)='(?P<local>[^']*)' and namespace-uri\(\)='(?P<uri>[^']*)'\]"
    r"|(?P<name>[^/\[@*]+))(?:\[(?P<index>[1-9][0-9]*)\])?"
)
_ATTRIBUTE_STEP = re.compile(r"/@[^/]*$")


class _PathIndex:
    """Resolves the skeleton's full-path locations, indexing each parent's children once."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self._document = tree
        self._children: dict[etree._Element, dict[str, list[etree._Element]]] = {}

    def _named(self, parent: etree._Element, tag: str) -> list[etree._Element]:
        table = self._children.get(parent)
        if table is None:
            table = {}
            for child in parent.iterchildren(etree.Element):
                table.setdefault(str(child.tag), []).append(child)
            self._children[parent] = table
        return table.get(tag, [])

    def element(self, location: str) -> etree._Element | None:
        """The element a location names (for an attribute, its element); None if none."""
        path = _ATTRIBUTE_STEP.sub("", location)
        node: etree._Element | None = None
        position = 0
        while position < len(path):
            step = _STEP.match(path, position)
            if step is None:
                return None
            position = step.end()
            name = step.group("name")
            tag = (
                name
                if name is not None
                else str(etree.QName(step.group("uri") or None, step.group("local")))
            )
            index = int(step.group("index") or 1) - 1
            if node is None:
                root = self._document.getroot()
                node = root if root.tag == tag and index == 0 else None
            else:
                siblings = self._named(node, tag)
                node = siblings[index] if index < len(siblings) else None
            if node is None:
                return None
        return node
