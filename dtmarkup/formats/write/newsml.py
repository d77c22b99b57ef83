"""NewsML-G2: the writer (its reader is in dtmarkup.formats.read).

Writing: one ``newsItem`` (itemClass ``ninat:text``, conformance power) whose contentMeta
holds the headline(s), ``creator`` per author (role ``crol:writer``) and ``contributor``
per photographer (role ``crol:photographer``), the publication as ``infoSource``,
``located`` with its country, ``dateline``, ``by``, ``creditline``, subjects, keywords and
``language``; the body is the NITF 3.6 of ``nitf.py`` in ``inlineXML``. Photos travel inside
that NITF body as ``media`` elements with caption and credit, so one file carries the whole
article (``newsml_package.py`` writes them as picture items of a package instead);
docs/formats.md has the mapping.
"""

from __future__ import annotations

import re

from lxml import etree

from dtmarkup import model as m
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.formats.base import WriteResult
from dtmarkup.formats.write import nitf
from dtmarkup.xml.mixed import indent

G2_NS = "http://iptc.org/std/nar/2006-10-01/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"
URI_PREFIX = "urn:dtmarkup:article:"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

# ============================================================================ writing


def _q(name: str) -> str:
    return f"{{{G2_NS}}}{name}"


def _sub(
    parent: etree._Element, name: str, text: str | None = None, **attrs: str | None
) -> etree._Element:
    element = etree.SubElement(parent, _q(name))
    for key, value in attrs.items():
        if value is not None:
            element.set(key, value)
    if text:
        # G2 names, headlines and lines are single-line strings (pattern [\S ]*): white space
        # runs become one space here; the NITF body keeps the exact text
        element.text = " ".join(text.split()) or None
    return element


def _guid(article: m.Article) -> str:
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$", article.id):
        return article.id
    return URI_PREFIX + article.id


def item_root(
    name: str, guid: str, article: m.Article, nsmap: dict[str | None, str] | None = None
) -> etree._Element:
    """A NewsML-G2 2.35 item element (newsItem, packageItem) with its common attributes."""
    root = etree.Element(_q(name), nsmap=nsmap)
    root.set("guid", guid)
    if article.revision is not None:
        root.set("version", str(article.revision))
    root.set("standard", "NewsML-G2")
    root.set("standardversion", "2.35")
    root.set("conformance", "power")
    root.set(XML_LANG, article.lang)
    _sub(root, "catalogRef", href=CATALOG)
    return root


def to_element(article: m.Article) -> tuple[etree._Element, tuple[Diagnostic, ...]]:
    """The article as a NewsML-G2 2.35 ``newsItem`` and the DT3xx findings."""
    head, entities = article.head, article.head.entities
    root = item_root("newsItem", _guid(article), article, nsmap={None: G2_NS})
    item_meta = _sub(root, "itemMeta")
    _sub(item_meta, "itemClass", qcode="ninat:text")
    publication = head.byline.publication
    provider = _sub(item_meta, "provider", literal=publication.ref if publication else "dtmarkup")
    _sub(provider, "name", publication.text if publication else "dtmarkup")
    _sub(item_meta, "versionCreated", m.version_stamp(head))
    if head.published is not None:
        _sub(item_meta, "firstCreated", head.published)
    _sub(item_meta, "pubStatus", qcode="stat:usable")

    meta = _sub(root, "contentMeta")
    dateline = head.dateline
    if dateline is not None:
        _sub(meta, "contentCreated", dateline.date.when)
    place = entities.get(dateline.place.ref) if dateline is not None else None
    if dateline is not None:
        located = _sub(meta, "located", literal=dateline.place.ref)
        _sub(located, "name", place.name if place is not None else dateline.place.text)
    if dateline is not None and isinstance(place, m.Place):
        _sub(located, "broader", type="cptype:country", qcode=f"iso3166-1a2:{place.country}")
    if publication is not None:
        source = _sub(meta, "infoSource", role="infosrc:publisher", literal=publication.ref)
        _sub(source, "name", publication.text)
    for author in head.byline.authors:
        creator = _sub(meta, "creator", role="crol:writer", literal=author.ref)
        _sub(creator, "name", entities.name(author.ref) or author.text)
    photographers = dict.fromkeys(
        b.credit.photographer
        for b in article.body
        if isinstance(b, m.Figure) and b.credit.photographer is not None
    )
    for ref in photographers:
        if ref is not None:
            contributor = _sub(meta, "contributor", role="crol:photographer", literal=ref)
            _sub(contributor, "name", entities.name(ref) or ref)
    _sub(meta, "language", tag=article.lang)
    for keyword in head.keywords:
        _sub(meta, "keyword", keyword)
    for subject in head.subjects:
        element = _sub(meta, "subject", qcode=subject.qcode)
        _sub(element, "name", subject.text)
    _sub(meta, "headline", head.headline)
    if head.subheadline is not None:
        _sub(meta, "headline", head.subheadline, role="hlrole:sub")
    if dateline is not None:
        _sub(meta, "dateline", f"{dateline.place.text}, {dateline.date.text}")
    _sub(meta, "by", ", ".join(a.text for a in head.byline.authors))
    if publication is not None:
        _sub(meta, "creditline", publication.text)

    content_set = _sub(root, "contentSet")
    inline = _sub(content_set, "inlineXML", contenttype="application/nitf+xml")
    body, findings = nitf.to_element(article)
    inline.append(body)
    return root, findings


def write(article: m.Article) -> WriteResult:
    """The article as a NewsML-G2 2.35 newsItem with its body as NITF 3.6."""
    root, findings = to_element(article)
    etree.cleanup_namespaces(root)
    indent(root)
    data: bytes = XML_DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n"
    return WriteResult(data, findings)


# ============================================================================ reading
