"""Names in dtmarkup XML: the namespace, xml:lang, and THE local-name helper."""

from __future__ import annotations

from lxml import etree

__all__ = ["NS", "XML_LANG", "XML_NS", "local_name"]

NS = "urn:dtmarkup:1"
"""The dtmarkup namespace (model.NAMESPACE too; not imported from there: validating one
file does not load the model)."""
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
"""``xml:lang`` as lxml spells it."""


def local_name(node: etree._Element | str) -> str:
    """The name without namespace of an element (or of an lxml tag ``{uri}local``); ""
    for comments and processing instructions.

    Not etree.QName: libxml2 lets some malformed namespace URIs through (``xmlns="}"``),
    and QName refuses the result; the local name is what follows the last ``}``.
    """
    tag = node if isinstance(node, str) else node.tag
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1 :]
