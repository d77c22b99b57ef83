"""Model -> XML: the dtmarkup XML writer, and the canonical form round trips compare.

The writer indents element-only content by two spaces and never touches mixed content,
so what it writes is what the model holds. ``canonical`` is the comparison the round-trip
tests use: layout white space in element-only content, comments and processing
instructions removed, then W3C Canonical XML.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy

from lxml import etree

from dtmarkup import model as m
from dtmarkup.xml.names import NS, XML_LANG

INDENT = "  "

_CONTAINERS = frozenset(
    {
        "article",
        "head",
        "byline",
        "dateline",
        "subjects",
        "keywords",
        "entities",
        "person",
        "organization",
        "body",
        "figure",
        "blockquote",
        "list",
    }
)


def _q(local: str) -> str:
    return f"{{{NS}}}{local}"


def is_element_only(element: etree._Element) -> bool:
    """Whether ``element`` has element-only content in dtmarkup 1 (so white space between
    its children is layout, not text)."""
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{NS}}}"):
        return False
    local = tag[len(NS) + 2 :]
    if local in _CONTAINERS:
        return True
    parent = element.getparent()
    parent_local = parent.tag if parent is not None and isinstance(parent.tag, str) else ""
    if local == "place":
        return parent_local == _q("entities")
    if local == "statement":
        return parent_local == _q("body")
    return False


# ---------------------------------------------------------------------------- writer


def _sub(parent: etree._Element, local: str, **attrs: str | None) -> etree._Element:
    element = etree.SubElement(parent, _q(local))
    for key, value in attrs.items():
        if value is not None:
            element.set(key, value)
    return element


def _text_element(parent: etree._Element, local: str, text: str, **attrs: str | None) -> None:
    element = _sub(parent, local, **attrs)
    element.text = text or None


def fill_mixed(
    element: etree._Element,
    content: tuple[object, ...],
    write_inline: Callable[[etree._Element, object], etree._Element],
) -> None:
    """Write mixed content into ``element``: strings become text and tails, and every
    other node is written by ``write_inline`` (each format has its own markup)."""
    last: etree._Element | None = None
    for item in content:
        if isinstance(item, str):
            append_text(element, last, item)
        else:
            last = write_inline(element, item)


def append_text(parent: etree._Element, last: etree._Element | None, text: str) -> None:
    """Add ``text`` after ``last`` (its tail), or to ``parent``'s text when none yet."""
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _fill(element: etree._Element, content: tuple[object, ...]) -> None:
    fill_mixed(element, content, _inline_node)


def _inline_node(parent: etree._Element, node: object) -> etree._Element:
    if isinstance(node, m.Mention):
        element = _sub(parent, "mention", ref=node.ref)
        element.text = node.text or None
    elif isinstance(node, m.DateRef):
        element = _sub(parent, "date", when=node.when)
        element.text = node.text or None
    elif isinstance(node, m.Emphasis):
        element = _sub(parent, "em")
        _fill(element, node.content)
    elif isinstance(node, m.Strong):
        element = _sub(parent, "strong")
        _fill(element, node.content)
    elif isinstance(node, m.Link):
        element = _sub(parent, "a", href=node.href)
        _fill(element, node.content)
    elif isinstance(node, m.Quote):
        element = _sub(parent, "q", speaker=node.speaker)
        _fill(element, node.content)
    elif isinstance(node, m.InlineStatement):
        element = _sub(parent, "statement", by=node.by, kind=node.kind, issued=node.issued)
        _fill(element, node.content)
    else:
        raise TypeError(f"not an inline node: {node!r}")
    return element


def _paragraphs(parent: etree._Element, paragraphs: tuple[m.Paragraph, ...]) -> None:
    for paragraph in paragraphs:
        _fill(_sub(parent, "p"), paragraph.content)


def _block(body: etree._Element, block: m.Block) -> None:
    if isinstance(block, m.Paragraph):
        _fill(_sub(body, "p"), block.content)
    elif isinstance(block, m.Heading):
        _fill(_sub(body, "h2"), block.content)
    elif isinstance(block, m.Figure):
        figure = _sub(body, "figure")
        image = block.image
        _sub(
            figure,
            "image",
            src=image.src,
            alt=image.alt,
            width=None if image.width is None else str(image.width),
            height=None if image.height is None else str(image.height),
        )
        if block.caption is not None:
            _fill(_sub(figure, "caption"), block.caption)
        credit = block.credit
        _text_element(
            figure,
            "credit",
            credit.text,
            source=credit.source,
            photographer=credit.photographer,
        )
    elif isinstance(block, m.BlockQuote):
        quote = _sub(body, "blockquote", speaker=block.speaker)
        _paragraphs(quote, block.paragraphs)
        if block.attribution is not None:
            _fill(_sub(quote, "attribution"), block.attribution)
    elif isinstance(block, m.BlockStatement):
        statement = _sub(body, "statement", by=block.by, kind=block.kind, issued=block.issued)
        _paragraphs(statement, block.paragraphs)
    elif isinstance(block, m.ListBlock):
        element = _sub(body, "list", kind=block.kind)
        for item in block.items:
            _fill(_sub(element, "item"), item)
    else:
        raise TypeError(f"not a block: {block!r}")


def _entity(parent: etree._Element, entity: m.Entity) -> None:
    if isinstance(entity, m.Person):
        person = _sub(parent, "person", id=entity.id)
        _text_element(person, "name", entity.name)
        if entity.title is not None:
            _text_element(person, "title", entity.title)
        if entity.affiliation is not None:
            _text_element(
                person, "affiliation", entity.affiliation.text, ref=entity.affiliation.ref
            )
    elif isinstance(entity, m.Organization):
        organization = _sub(parent, "organization", id=entity.id, kind=entity.kind)
        _text_element(organization, "name", entity.name)
    elif isinstance(entity, m.Place):
        place = _sub(parent, "place", id=entity.id, country=entity.country)
        _text_element(place, "name", entity.name)
    else:
        raise TypeError(f"not an entity: {entity!r}")


def _head(root: etree._Element, head: m.Head) -> None:
    element = _sub(root, "head")
    _text_element(element, "headline", head.headline)
    if head.subheadline is not None:
        _text_element(element, "subheadline", head.subheadline)
    byline = _sub(element, "byline")
    for author in head.byline.authors:
        _text_element(byline, "author", author.text, ref=author.ref)
    if head.byline.publication is not None:
        publication = head.byline.publication
        _text_element(byline, "publication", publication.text, ref=publication.ref)
    if head.dateline is not None:
        dateline = _sub(element, "dateline")
        place, date = head.dateline.place, head.dateline.date
        _text_element(dateline, "place", place.text, ref=place.ref)
        _text_element(dateline, "date", date.text, when=date.when)
    if head.published is not None:
        _text_element(element, "published", head.published)
    if head.updated is not None:
        _text_element(element, "updated", head.updated)
    if head.subjects:
        subjects = _sub(element, "subjects")
        for subject in head.subjects:
            _text_element(subjects, "subject", subject.text, qcode=subject.qcode)
    if head.keywords:
        keywords = _sub(element, "keywords")
        for keyword in head.keywords:
            _text_element(keywords, "keyword", keyword)
    entities = _sub(element, "entities")
    for entity in head.entities:
        _entity(entities, entity)


def _indent(element: etree._Element, depth: int = 0) -> None:
    """Indent element-only content; mixed and simple content is left exactly as is."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children or not is_element_only(element):
        return
    inner = "\n" + INDENT * (depth + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        _indent(child, depth + 1)
    children[-1].tail = "\n" + INDENT * depth


def to_tree(article: m.Article) -> etree._ElementTree:
    """The article as an lxml tree in the dtmarkup namespace."""
    root = etree.Element(_q("article"), nsmap={None: NS})
    root.set("id", article.id)
    root.set(XML_LANG, article.lang)
    if article.schema_version is not None:
        root.set("schemaVersion", article.schema_version)
    if article.revision is not None:
        root.set("revision", str(article.revision))
    _head(root, article.head)
    body = _sub(root, "body")
    for block in article.body:
        _block(body, block)
    _indent(root)
    return root.getroottree()


def serialize(article: m.Article) -> bytes:
    """The article as a UTF-8 dtmarkup XML document, indented, ending with a newline."""
    data: bytes = etree.tostring(to_tree(article), encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + data + b"\n"


# ---------------------------------------------------------------------------- compare


def canonical(tree: etree._ElementTree | etree._Element) -> bytes:
    """Canonical XML of a dtmarkup tree without layout: what round trips compare.

    Works on a copy: comments and processing instructions are removed (their tails kept),
    white-space-only text in element-only content is dropped.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    copy = deepcopy(root)
    etree.strip_elements(copy, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in copy.iter():
        if is_element_only(element):
            if element.text is not None and not element.text.strip():
                element.text = None
            for child in element:
                if child.tail is not None and not child.tail.strip():
                    child.tail = None
    result: bytes = etree.tostring(copy, method="c14n")
    return result
