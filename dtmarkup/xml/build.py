"""Tree -> model: the dtmarkup XML reader.

``build`` expects a tree that passed the XSD (``dtmarkup.load`` makes sure of it); it
still checks what it relies on and raises ``BuildError`` rather than guess. Text is kept
exactly; comments and processing instructions are skipped (their tails are kept).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from dtmarkup import model as m
from dtmarkup.errors import DtmError
from dtmarkup.xml.names import NS, XML_LANG


class BuildError(DtmError, ValueError):
    """The tree does not have the shape the schema promises (build on an unvalidated tree)."""


def _q(local: str) -> str:
    return f"{{{NS}}}{local}"


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{NS}}}"):
        raise BuildError(f"line {element.sourceline}: unexpected element {tag!r}")
    return tag[len(NS) + 2 :]


def _children(element: etree._Element) -> Iterator[etree._Element]:
    """Element children, comments and processing instructions skipped."""
    for child in element:
        if isinstance(child.tag, str):
            yield child


def _text(element: etree._Element) -> str:
    """All character content of a simple-content element (comments skipped)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            raise BuildError(f"line {child.sourceline}: unexpected child element in text")
        parts.append(child.tail or "")
    return "".join(parts)


def _attr(element: etree._Element, name: str) -> str:
    value = element.get(name)
    if value is None:
        raise BuildError(f"line {element.sourceline}: {_local(element)} has no @{name}")
    return value


def _int(value: str | None) -> int | None:
    return None if value is None else int(value.strip())


def _one(element: etree._Element, local: str) -> etree._Element:
    found = element.find(_q(local))
    if found is None:
        raise BuildError(f"line {element.sourceline}: {_local(element)} has no {local}")
    return found


def _opt_text(element: etree._Element, local: str) -> str | None:
    found = element.find(_q(local))
    return None if found is None else _text(found)


# ---------------------------------------------------------------------------- inline


def _inline_node(element: etree._Element) -> m.InlineNode:
    name = _local(element)
    if name == "mention":
        return m.Mention(ref=_attr(element, "ref"), text=_text(element))
    if name == "date":
        return m.DateRef(when=_attr(element, "when"), text=_text(element))
    if name == "em":
        return m.Emphasis(content=_phrasing(element))
    if name == "strong":
        return m.Strong(content=_phrasing(element))
    if name == "a":
        return m.Link(href=_attr(element, "href"), content=_phrasing(element))
    if name == "q":
        return m.Quote(speaker=_attr(element, "speaker"), content=_quoting(element))
    if name == "statement":
        return m.InlineStatement(
            by=_attr(element, "by"),
            kind=_attr(element, "kind"),
            content=_quoting(element),
            issued=element.get("issued"),
        )
    raise BuildError(f"line {element.sourceline}: unexpected inline element {name!r}")


def _mixed(element: etree._Element) -> tuple[object, ...]:
    items: list[object] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            items.append(_inline_node(child))
        items.append(child.tail or "")
    return m.normalize(tuple(items))


def _check(items: tuple[object, ...], allowed: tuple[type, ...], where: etree._Element) -> None:
    for item in items:
        if not isinstance(item, (str, *allowed)):
            raise BuildError(
                f"line {where.sourceline}: {type(item).__name__} not allowed in {_local(where)}"
            )


_PHRASING_TYPES: tuple[type, ...] = (m.Mention, m.Emphasis, m.Strong, m.Link, m.DateRef)


def _phrasing(element: etree._Element) -> m.Phrasing:
    items = _mixed(element)
    _check(items, _PHRASING_TYPES, element)
    return items  # type: ignore[return-value]  # checked just above


def _quoting(element: etree._Element) -> m.Quoting:
    items = _mixed(element)
    _check(items, (*_PHRASING_TYPES, m.Quote), element)
    return items  # type: ignore[return-value]  # checked just above


def _inline(element: etree._Element) -> m.Inline:
    return _mixed(element)  # type: ignore[return-value]  # _inline_node only makes InlineNode


# ---------------------------------------------------------------------------- blocks


def _paragraphs(element: etree._Element) -> tuple[m.Paragraph, ...]:
    return tuple(m.Paragraph(_inline(p)) for p in element.findall(_q("p")))


def _figure(element: etree._Element) -> m.Figure:
    image = _one(element, "image")
    credit = _one(element, "credit")
    caption = element.find(_q("caption"))
    return m.Figure(
        image=m.Image(
            src=_attr(image, "src"),
            alt=image.get("alt"),
            width=_int(image.get("width")),
            height=_int(image.get("height")),
        ),
        credit=m.Credit(
            text=_text(credit),
            source=credit.get("source"),
            photographer=credit.get("photographer"),
        ),
        caption=None if caption is None else _inline(caption),
    )


def _block(element: etree._Element) -> m.Block:
    name = _local(element)
    if name == "p":
        return m.Paragraph(_inline(element))
    if name == "h2":
        return m.Heading(_inline(element))
    if name == "figure":
        return _figure(element)
    if name == "blockquote":
        attribution = element.find(_q("attribution"))
        return m.BlockQuote(
            speaker=_attr(element, "speaker"),
            paragraphs=_paragraphs(element),
            attribution=None if attribution is None else _phrasing(attribution),
        )
    if name == "statement":
        return m.BlockStatement(
            by=_attr(element, "by"),
            kind=_attr(element, "kind"),
            paragraphs=_paragraphs(element),
            issued=element.get("issued"),
        )
    if name == "list":
        return m.ListBlock(
            items=tuple(_inline(item) for item in element.findall(_q("item"))),
            kind=element.get("kind"),
        )
    raise BuildError(f"line {element.sourceline}: unexpected block element {name!r}")


# ---------------------------------------------------------------------------- head


def _entity_name(element: etree._Element) -> m.EntityName:
    return m.EntityName(ref=_attr(element, "ref"), text=_text(element))


def _entity(element: etree._Element) -> m.Entity:
    name = _local(element)
    if name == "person":
        affiliation = element.find(_q("affiliation"))
        return m.Person(
            id=_attr(element, "id"),
            name=_text(_one(element, "name")),
            title=_opt_text(element, "title"),
            affiliation=None
            if affiliation is None
            else m.Affiliation(ref=_attr(affiliation, "ref"), text=_text(affiliation)),
        )
    if name == "organization":
        return m.Organization(
            id=_attr(element, "id"),
            kind=_attr(element, "kind"),
            name=_text(_one(element, "name")),
        )
    if name == "place":
        return m.Place(
            id=_attr(element, "id"),
            country=_attr(element, "country"),
            name=_text(_one(element, "name")),
        )
    raise BuildError(f"line {element.sourceline}: unexpected entity element {name!r}")


def _dateline(element: etree._Element) -> m.Dateline:
    date = _one(element, "date")
    return m.Dateline(
        place=_entity_name(_one(element, "place")),
        date=m.DateRef(when=_attr(date, "when"), text=_text(date)),
    )


def _head(element: etree._Element) -> m.Head:
    byline = _one(element, "byline")
    publication = byline.find(_q("publication"))
    dateline = element.find(_q("dateline"))
    subjects = element.find(_q("subjects"))
    keywords = element.find(_q("keywords"))
    return m.Head(
        headline=_text(_one(element, "headline")),
        subheadline=_opt_text(element, "subheadline"),
        byline=m.Byline(
            authors=tuple(_entity_name(a) for a in byline.findall(_q("author"))),
            publication=None if publication is None else _entity_name(publication),
        ),
        dateline=None if dateline is None else _dateline(dateline),
        published=_opt_text(element, "published"),
        updated=_opt_text(element, "updated"),
        subjects=()
        if subjects is None
        else tuple(
            m.Subject(qcode=_attr(s, "qcode"), text=_text(s))
            for s in subjects.findall(_q("subject"))
        ),
        keywords=()
        if keywords is None
        else tuple(_text(k) for k in keywords.findall(_q("keyword"))),
        entities=m.Entities(tuple(_entity(e) for e in _children(_one(element, "entities")))),
    )


def build(tree: etree._ElementTree | etree._Element) -> m.Article:
    """The Article a schema-valid dtmarkup tree holds."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    if root.tag != _q("article"):
        raise BuildError(f"the root element is {root.tag!r}, not {{{NS}}}article")
    lang = root.get(XML_LANG)
    if lang is None:
        raise BuildError("article has no @xml:lang")
    return m.Article(
        id=_attr(root, "id"),
        lang=lang,
        head=_head(_one(root, "head")),
        body=tuple(_block(b) for b in _children(_one(root, "body"))),
        schema_version=root.get("schemaVersion"),
        revision=_int(root.get("revision")),
    )
