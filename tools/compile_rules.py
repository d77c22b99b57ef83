"""Build step: compile the Schematron rules to the XSLT 1.0 stylesheet dtmarkup ships.

Compiling runs lxml's ISO skeleton (include, abstract expansion, SVRL for XSLT 1.0).
Importing ``lxml.isoschematron`` alone costs about 20 ms, because it builds the skeleton
stylesheets on import; a process that validates one file should not pay that. So the
compiled stylesheet is generated once, here, and committed next to the .sch; a test
fails when it is out of date. Run ``python -m tools.compile_rules`` after
editing the .sch (``--check`` only reports whether it is up to date).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from lxml import etree

from dtmarkup.check.rules import (
    DOCUMENT_ORDER,
    ELEMENTS_ATTRIBUTE,
    LAST_ID_ATTRIBUTE,
    compiled_path,
    rules_path,
)

# Parameters of the ISO skeleton's SVRL step. No svrl:fired-rule elements: the runner
# reads only failed asserts and successful reports, and each fired rule would cost an
# output node per matched element. The walk visits elements only: no rule context
# matches an attribute, comment or processing instruction (the skeleton would otherwise
# guess "attributes" from the "@" in predicates like statement[@issued], and visiting
# every attribute costs a third of the run).
SVRL_PARAMETERS = {
    "generate-fired-rule": "'false'",
    "full-path-notation": "'1'",
    "attributes": "'false'",
    "only-child-elements": "'true'",
}

_XSLT = "http://www.w3.org/1999/XSL/Transform"
_SVRL = "http://purl.oclc.org/dsdl/svrl"
_NOTICE = (
    " GENERATED from dtmarkup-1-rules.sch by `make rules` (tools/compile_rules.py):"
    " do not edit. Any XSLT 1.0 processor can run it; its output is SVRL. "
)


def compile_schematron(schematron: bytes) -> bytes:
    """The XSLT 1.0 stylesheet (as bytes) that checks documents against ``schematron``."""
    from lxml import isoschematron  # slow to import: only ever at build time

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    document = etree.ElementTree(etree.fromstring(schematron, parser))
    included = isoschematron.iso_dsdl_include(document)
    expanded = isoschematron.iso_abstract_expand(included)
    # XSLT parameters have names like "generate-fired-rule": only a ** mapping passes them.
    to_svrl: Callable[..., etree._XSLTResultTree] = isoschematron.iso_svrl_for_xslt1
    stylesheet = to_svrl(expanded, **SVRL_PARAMETERS)
    _drop_default_mode_walk(stylesheet)
    _locate_by_document_order(stylesheet)
    stylesheet.getroot().addprevious(etree.Comment(_NOTICE))
    return bytes(etree.tostring(stylesheet, xml_declaration=True, encoding="UTF-8")) + b"\n"


def _drop_default_mode_walk(stylesheet: etree._XSLTResultTree) -> None:
    """Remove the skeleton's second walk of the whole document, which outputs nothing.

    The XSLT 1.0 skeleton writes ``<xsl:apply-templates/>`` (no select, no mode) inside
    each ``svrl:active-pattern``: the built-in rules then visit every element and text
    node of the document in the default mode, where the only template (for text) outputs
    nothing. The rules run in their own mode, so the SVRL is the same without it; the walk
    cost about a sixth of the whole run.
    """
    for walk in stylesheet.getroot().iterfind(
        f"{{{_XSLT}}}template//{{{_SVRL}}}active-pattern/{{{_XSLT}}}apply-templates"
    ):
        if walk.get("select") is None and walk.get("mode") is None and len(walk) == 0:
            parent = walk.getparent()
            if parent is not None:
                parent.remove(walk)


def _locate_by_document_order(stylesheet: etree._XSLTResultTree) -> None:
    """Let dtmarkup ask for locations that cost O(1) each instead of a full path.

    The skeleton writes each finding's location as a full XPath, counting the preceding
    siblings of every ancestor: a flat run of n findings costs O(n^2). Run with the
    parameter ``dt-document-order`` set, the compiled rules first ask ``generate-id()`` of
    every element in document order (libxslt numbers nodes id1, id2... in the order they
    are first asked), record on the root the element count and the last element's id (so
    that the caller can check the numbering is what it expects), and write each finding's
    location as ``generate-id()``: "idN" is the N-th element. Without the parameter the
    output is the skeleton's, for any other XSLT 1.0 processor.
    """
    root = stylesheet.getroot()
    parameter = etree.Element(f"{{{_XSLT}}}param", name=DOCUMENT_ORDER, select="0")
    first_template = root.find(f"{{{_XSLT}}}template")
    if first_template is None:
        raise ValueError("the compiled rules have no template")
    first_template.addprevious(parameter)
    output = root.find(f"{{{_XSLT}}}template[@match='/']/{{{_SVRL}}}schematron-output")
    if output is None:
        raise ValueError("the compiled rules have no root template writing SVRL")
    numbering = etree.Element(f"{{{_XSLT}}}if", test=f"${DOCUMENT_ORDER}")
    count = etree.SubElement(numbering, f"{{{_XSLT}}}attribute", name=ELEMENTS_ATTRIBUTE)
    etree.SubElement(count, f"{{{_XSLT}}}value-of", select="count(/descendant::*[generate-id()])")
    last = etree.SubElement(numbering, f"{{{_XSLT}}}attribute", name=LAST_ID_ATTRIBUTE)
    etree.SubElement(last, f"{{{_XSLT}}}value-of", select="generate-id((/descendant::*)[last()])")
    output.insert(0, numbering)
    replaced = 0
    for location in root.iterfind(f".//{{{_XSLT}}}attribute[@name='location']"):
        paths = list(location)
        choose = etree.SubElement(location, f"{{{_XSLT}}}choose")
        when = etree.SubElement(choose, f"{{{_XSLT}}}when", test=f"${DOCUMENT_ORDER}")
        etree.SubElement(when, f"{{{_XSLT}}}value-of", select="generate-id()")
        otherwise = etree.SubElement(choose, f"{{{_XSLT}}}otherwise")
        for path in paths:
            otherwise.append(path)
        replaced += 1
    if not replaced:
        raise ValueError("the compiled rules write no finding locations")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only check it is up to date")
    args = parser.parse_args(argv)
    compiled = compile_schematron(rules_path().read_bytes())
    target = compiled_path()
    current = target.read_bytes() if target.exists() else b""
    if args.check:
        if current != compiled:
            print(f"{target} is out of date: run make rules")
            return 1
        return 0
    if current != compiled:
        target.write_bytes(compiled)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
