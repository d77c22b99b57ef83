"""Helpers for every XML-ish writer (NITF, NewsML-G2): layout that never changes content."""

from __future__ import annotations

from lxml import etree

from dtmarkup.xml.names import local_name

ELEMENT_ONLY = frozenset(
    {
        # NITF
        "nitf", "head", "docdata", "key-list", "identified-content", "body", "body.head",
        "hedline", "body.content", "block", "bq", "media", "ul", "ol", "tobject", "distributor",
        # NewsML-G2
        "newsMessage", "header", "itemSet", "packageItem", "newsItem", "itemMeta",
        "contentMeta", "contentSet", "inlineXML", "groupSet", "group", "itemRef", "provider",
        "located", "broader", "infoSource", "creator", "contributor", "subject",
    }
)  # fmt: skip
"""Elements whose content is elements only, so white space between children is layout.
Only these are indented: indenting mixed content (a paragraph that starts with a mention)
would add text."""


def indent(element: etree._Element, depth: int = 0) -> None:
    """Indent element-only content by two spaces; mixed content is left exactly as is."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children or local_name(element) not in ELEMENT_ONLY:
        return
    if (element.text or "").strip():
        return
    if any((child.tail or "").strip() for child in children):
        return
    inner = "\n" + "  " * (depth + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        indent(child, depth + 1)
    children[-1].tail = "\n" + "  " * depth
