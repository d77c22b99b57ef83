"""NewsML-G2 as a package: the article's text item plus one picture item per figure.

``--to newsml`` writes one newsItem whose NITF body carries the photos. Some G2 systems
expect photos as items of their own; ``--to newsml-package`` writes a ``newsMessage``
whose ``itemSet`` holds a ``packageItem`` (``ninat:composite``, one group referencing the
text and every picture), the text ``newsItem`` of ``newsml.py``, and one ``ninat:picture``
newsItem per figure (``remoteContent`` with the image, ``creator`` with role
``crol:photographer``, ``creditline``, caption as ``description[@role='drol:caption']``).
Reading it back is ``newsml.read``: the text item is the article, picture items that its
body already shows are not reported.
"""

from __future__ import annotations

import mimetypes

from lxml import etree

from dtmarkup import model as m
from dtmarkup.formats.base import WriteResult
from dtmarkup.formats.write import newsml
from dtmarkup.formats.write.newsml import G2_NS, XML_DECLARATION, _guid, _sub
from dtmarkup.xml.mixed import indent

ITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"


def _stamp(article: m.Article) -> str:
    head = article.head
    return m.version_stamp(head)


def _item_meta(root: etree._Element, item_class: str, article: m.Article) -> None:
    meta = _sub(root, "itemMeta")
    _sub(meta, "itemClass", qcode=item_class)
    publication = article.head.byline.publication
    provider = _sub(meta, "provider", literal=publication.ref if publication else "dtmarkup")
    _sub(provider, "name", publication.text if publication else "dtmarkup")
    _sub(meta, "versionCreated", _stamp(article))
    _sub(meta, "pubStatus", qcode="stat:usable")


def _picture(article: m.Article, figure: m.Figure, guid: str) -> etree._Element:
    entities = article.head.entities
    item = newsml.item_root("newsItem", guid, article)
    _item_meta(item, "ninat:picture", article)
    meta = _sub(item, "contentMeta")
    photographer = figure.credit.photographer
    if photographer is not None:
        creator = _sub(meta, "creator", role="crol:photographer", literal=photographer)
        _sub(creator, "name", entities.name(photographer) or photographer)
    source = figure.credit.source
    if source is not None:
        info = _sub(meta, "infoSource", role="infosrc:originatingParty", literal=source)
        _sub(info, "name", entities.name(source) or source)
    if figure.caption is not None and m.plain_text(figure.caption).strip():
        _sub(meta, "description", m.plain_text(figure.caption), role="drol:caption")
    _sub(meta, "creditline", figure.credit.text)
    if figure.image.alt:
        _sub(meta, "description", figure.image.alt, role="drol:alternativeText")
    content_set = _sub(item, "contentSet")
    mime, _ = mimetypes.guess_type(figure.image.src)
    image = figure.image
    _sub(
        content_set,
        "remoteContent",
        href=image.src,
        contenttype=mime,
        width=None if image.width is None else str(image.width),
        height=None if image.height is None else str(image.height),
    )
    return item


def write(article: m.Article) -> WriteResult:
    """The article as a NewsML-G2 newsMessage: package, text item, picture items."""
    text_item, findings = newsml.to_element(article)
    guid = _guid(article)
    figures = [b for b in article.body if isinstance(b, m.Figure)]
    message = etree.Element(f"{{{G2_NS}}}newsMessage", nsmap={None: G2_NS})
    header = _sub(message, "header")
    _sub(header, "sent", _stamp(article))
    item_set = _sub(message, "itemSet")

    package = newsml.item_root("packageItem", f"{guid}:package", article)
    _item_meta(package, "ninat:composite", article)
    package_meta = _sub(package, "contentMeta")
    _sub(package_meta, "headline", article.head.headline)
    group_set = _sub(package, "groupSet", root="G1")
    group = _sub(group_set, "group", id="G1", role="group:main")
    ref = _sub(group, "itemRef", residref=guid, contenttype=ITEM_TYPE)
    _sub(ref, "itemClass", qcode="ninat:text")
    _sub(ref, "title", article.head.headline)
    pictures = []
    for number, figure in enumerate(figures, 1):
        picture_guid = f"{guid}:figure-{number}"
        ref = _sub(group, "itemRef", residref=picture_guid, contenttype=ITEM_TYPE)
        _sub(ref, "itemClass", qcode="ninat:picture")
        if figure.caption is not None and m.plain_text(figure.caption).strip():
            _sub(ref, "description", m.plain_text(figure.caption), role="drol:caption")
        pictures.append(_picture(article, figure, picture_guid))
    item_set.append(package)
    item_set.append(text_item)
    for picture in pictures:
        item_set.append(picture)
    etree.cleanup_namespaces(message)
    indent(message)
    data: bytes = XML_DECLARATION + etree.tostring(message, encoding="UTF-8") + b"\n"
    return WriteResult(data, findings)
