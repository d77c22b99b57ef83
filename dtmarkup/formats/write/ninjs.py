"""ninjs, IPTC's News in JSON: the writer (its reader is in dtmarkup.formats.read).

Writing: one ``text`` object valid against IPTC's ninjs 3.1 JSON Schema. The body is one
HTML body whose ``data-*`` attributes keep speakers, mentions, statements and typed credits;
figures are also listed in ``associations`` (type ``picture``) with their caption and
credit line. ninjs has no place for a person's title or affiliation, an organization's
kind, a place's country or a dateline date, which is reported (DT320-DT324); docs/formats.md
has the mapping table.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any

from lxml import etree

from dtmarkup import model as m
from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.formats.base import WriteResult
from dtmarkup.formats.write.iptc import STATEMENT_CLASS
from dtmarkup.xml.serialize import fill_mixed

Json = dict[str, Any]
PROFILE = "dtmarkup-1"
"""``profile`` of ninjs written by dtmarkup: its conventions can be read back exactly."""
URI_PREFIX = "urn:dtmarkup:article:"
ENTITY_URI = "urn:dtmarkup:"
"""Registry details ninjs has no property for travel in the entity's ``uri``:
``urn:dtmarkup:person:ID?title=…&affiliation=REF&affiliation-text=…``,
``urn:dtmarkup:org:ID?kind=KIND``, ``urn:dtmarkup:place:ID?country=CC`` (percent-encoded;
other ninjs readers see an opaque identifier)."""


def entity_uri(entity: m.Entity) -> str:
    """The ``uri`` of a registry entity, carrying what ninjs cannot (see ENTITY_URI)."""
    details: dict[str, str] = {}
    if isinstance(entity, m.Person):
        kind = "person"
        if entity.title:
            details["title"] = entity.title
        if entity.affiliation is not None:
            details["affiliation"] = entity.affiliation.ref
            details["affiliation-text"] = entity.affiliation.text
    elif isinstance(entity, m.Organization):
        kind, details["kind"] = "org", entity.kind
    else:
        kind, details["country"] = "place", entity.country
    query = urllib.parse.urlencode(details, quote_via=urllib.parse.quote)
    return f"{ENTITY_URI}{kind}:{entity.id}" + (f"?{query}" if query else "")


SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
MEDTOP_URI = "http://cv.iptc.org/newscodes/mediatopic/"

# ============================================================================ writing


def _is_absolute_uri(value: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$", value) is not None


class _Html:
    """The body as HTML elements with data- attributes for what HTML cannot say."""

    def __init__(self, article: m.Article) -> None:
        self.article = article
        self.figures = 0
        self.speakers = 0
        self.statements = 0
        self.credits = 0

    def body(self) -> str:
        root = etree.Element("div")
        for block in self.article.body:
            self.block(root, block)
        return "".join(
            etree.tostring(child, method="html", encoding="unicode", with_tail=False)
            for child in root
        )

    def block(self, parent: etree._Element, block: m.Block) -> None:
        if isinstance(block, m.Paragraph):
            self.fill(_sub(parent, "p"), block.content)
        elif isinstance(block, m.Heading):
            self.fill(_sub(parent, "h2"), block.content)
        elif isinstance(block, m.Figure):
            self.figures += 1
            figure = _sub(parent, "figure", {"data-association": f"figure-{self.figures}"})
            image = block.image
            _sub(
                figure,
                "img",
                {
                    "src": image.src,
                    "alt": image.alt,
                    "width": None if image.width is None else str(image.width),
                    "height": None if image.height is None else str(image.height),
                },
            )
            if block.caption is not None:
                self.fill(_sub(figure, "figcaption"), block.caption)
            credit = block.credit
            if credit.source or credit.photographer:
                self.credits += 1
            small = _sub(
                figure,
                "small",
                {
                    "class": "credit",
                    "data-source": credit.source,
                    "data-photographer": credit.photographer,
                },
            )
            small.text = credit.text
        elif isinstance(block, m.BlockQuote):
            self.speakers += 1
            quote = _sub(parent, "blockquote", {"data-speaker": block.speaker})
            for paragraph in block.paragraphs:
                self.fill(_sub(quote, "p"), paragraph.content)
            if block.attribution is not None:
                self.fill(_sub(quote, "footer"), block.attribution)
        elif isinstance(block, m.BlockStatement):
            self.statements += 1
            quote = _sub(
                parent,
                "blockquote",
                {
                    "class": STATEMENT_CLASS,
                    "data-by": block.by,
                    "data-kind": block.kind,
                    "data-issued": block.issued,
                },
            )
            for paragraph in block.paragraphs:
                self.fill(_sub(quote, "p"), paragraph.content)
        elif isinstance(block, m.ListBlock):
            element = _sub(parent, "ol" if block.ordered else "ul")
            for item in block.items:
                self.fill(_sub(element, "li"), item)

    def fill(self, element: etree._Element, content: tuple[object, ...]) -> None:
        fill_mixed(element, content, self.inline)

    def inline(self, parent: etree._Element, node: object) -> etree._Element:
        if isinstance(node, m.Mention):
            element = _sub(parent, "span", {"data-ref": node.ref})
            element.text = node.text
            return element
        if isinstance(node, m.DateRef):
            element = _sub(parent, "time", {"datetime": node.when, "data-when": node.when})
            element.text = node.text
            return element
        if isinstance(node, m.Emphasis):
            element = _sub(parent, "em")
        elif isinstance(node, m.Strong):
            element = _sub(parent, "strong")
        elif isinstance(node, m.Link):
            element = _sub(parent, "a", {"href": node.href})
        elif isinstance(node, m.Quote):
            self.speakers += 1
            element = _sub(parent, "q", {"data-speaker": node.speaker})
        elif isinstance(node, m.InlineStatement):
            self.statements += 1
            element = _sub(
                parent,
                "span",
                {
                    "class": STATEMENT_CLASS,
                    "data-by": node.by,
                    "data-kind": node.kind,
                    "data-issued": node.issued,
                },
            )
        else:
            raise TypeError(f"not an inline node: {node!r}")
        self.fill(element, node.content)
        return element


def _sub(
    parent: etree._Element, tag: str, attrs: dict[str, str | None] | None = None
) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for key, value in (attrs or {}).items():
        if value is not None:
            element.set(key, value)
    return element


def _stamp(when: str) -> str:
    """An xs:date or xs:dateTime as a JSON Schema date-time (a date at 00:00:00Z)."""
    return when if "T" in when else f"{when[:10]}T00:00:00Z"


def to_json(article: m.Article) -> tuple[Json, tuple[Diagnostic, ...]]:
    """The article as a ninjs 3.1 object, and what ninjs could not carry."""
    head, entities = article.head, article.head.entities
    html = _Html(article)
    body = html.body()
    data: Json = {
        "uri": article.id if _is_absolute_uri(article.id) else URI_PREFIX + article.id,
        "standard": {"name": "ninjs", "version": "3.1", "schema": SCHEMA_URI},
        "type": "text",
        "profile": PROFILE,
        "representationType": "full",
    }
    if article.revision is not None:
        data["version"] = str(article.revision)
    if head.published is not None:
        data["firstCreated"] = head.published
    if head.updated or head.published:
        data["versionCreated"] = head.updated or head.published
    if head.dateline is not None:
        data["contentCreated"] = _stamp(head.dateline.date.when)
    data["language"] = article.lang
    data["headlines"] = [{"role": "main", "value": head.headline}]
    if head.subheadline is not None:
        data["headlines"].append({"role": "sub", "value": head.subheadline})
    data["by"] = ", ".join(a.text for a in head.byline.authors)
    if head.dateline is not None:
        data["located"] = head.dateline.place.text
        data["descriptions"] = [
            {"role": "dateline", "value": f"{head.dateline.place.text}, {head.dateline.date.text}"}
        ]
    if head.byline.publication is not None:
        publication = head.byline.publication
        data["infoSources"] = [
            {"name": publication.text, "role": "publisher", "literal": publication.ref}
        ]
    subjects: list[Json] = []
    for subject in head.subjects:
        item: Json = {"name": subject.text, "literal": subject.qcode}
        if subject.qcode.startswith("medtop:"):
            item["uri"] = MEDTOP_URI + subject.qcode[len("medtop:") :]
        subjects.append(item)
    subjects.extend({"name": keyword, "rel": "keyword"} for keyword in head.keywords)
    if subjects:
        data["subjects"] = subjects
    authors = {a.ref for a in head.byline.authors}
    people = [
        {
            "name": e.name,
            "literal": e.id,
            "uri": entity_uri(e),
            **({"rel": "author"} if e.id in authors else {}),
        }
        for e in entities.persons
    ]
    if people:
        data["people"] = people
    if entities.organizations:
        data["organisations"] = [
            {"name": e.name, "literal": e.id, "uri": entity_uri(e)} for e in entities.organizations
        ]
    if entities.places:
        dateline = head.dateline.place.ref if head.dateline is not None else None
        data["places"] = [
            {
                "name": e.name,
                "literal": e.id,
                "uri": entity_uri(e),
                **({"rel": "dateline"} if e.id == dateline else {}),
            }
            for e in entities.places
        ]
    data["bodies"] = [
        {
            "role": "main",
            "contentType": "text/html",
            "value": body,
            "charCount": len(m.plain_text(tuple(_body_text(article)))),
        },
    ]
    associations = _associations(article)
    if associations:
        data["associations"] = associations
    return data, _findings(article, html)


def _body_text(article: m.Article) -> list[str]:
    out: list[str] = []
    for block in article.body:
        if isinstance(block, m.Paragraph | m.Heading):
            out.append(m.plain_text(block.content))
        elif isinstance(block, m.BlockQuote | m.BlockStatement):
            out.extend(m.plain_text(p.content) for p in block.paragraphs)
        elif isinstance(block, m.ListBlock):
            out.extend(m.plain_text(item) for item in block.items)
    return out


def _associations(article: m.Article) -> list[Json]:
    entities = article.head.entities
    out: list[Json] = []
    figures = [b for b in article.body if isinstance(b, m.Figure)]
    for number, figure in enumerate(figures, 1):
        image, credit = figure.image, figure.credit
        uri = (
            image.src
            if _is_absolute_uri(image.src)
            else f"{URI_PREFIX}{article.id}:figure-{number}"
        )
        item: Json = {"name": f"figure-{number}", "uri": uri, "type": "picture"}
        photographer = entities.name(credit.photographer)
        if photographer:
            item["by"] = photographer
        descriptions: list[Json] = []
        if figure.caption is not None and m.plain_text(figure.caption).strip():
            descriptions.append({"role": "caption", "value": m.plain_text(figure.caption)})
        descriptions.append({"role": "creditline", "value": credit.text})
        if image.alt:
            descriptions.append({"role": "alt", "value": image.alt})
        item["descriptions"] = descriptions
        source = entities.name(credit.source)
        if source:
            item["infoSources"] = [{"name": source, "role": "source", "literal": credit.source}]
        rendition: Json = {"name": "original"}
        if _is_absolute_uri(image.src):  # the schema's href is a URI; the body keeps any src
            rendition["href"] = image.src
        if image.width is not None:
            rendition["width"] = image.width
        if image.height is not None:
            rendition["height"] = image.height
        item["renditions"] = [rendition]
        out.append(item)
    return out


def _findings(article: m.Article, html: _Html) -> tuple[Diagnostic, ...]:
    found: list[Diagnostic] = []
    if html.speakers:
        found.append(
            diagnostic(
                "DT320",
                f"{html.speakers} speaker reference(s) kept only as data-speaker attributes in the "
                "HTML body; ninjs itself has no quotation speakers",
            )
        )
    if html.statements:
        found.append(
            diagnostic(
                "DT321",
                f"{html.statements} statement(s) written as HTML quotations; issuer, kind and date "
                "survive only in data- attributes",
            )
        )
    if len(article.head.entities):
        found.append(
            diagnostic(
                "DT322",
                "person titles and affiliations, organization kinds and place countries are "
                "carried only in urn:dtmarkup: entity uris, which other ninjs readers ignore",
            )
        )
    if html.credits:
        found.append(
            diagnostic(
                "DT323",
                f"{html.credits} typed photo credit(s) written as association by/creditline text",
            )
        )
    found.append(
        diagnostic(
            "DT324",
            "the dateline is written as located + contentCreated + a 'dateline' description",
        )
    )
    return tuple(found)


def write(article: m.Article) -> WriteResult:
    """The article as a ninjs 3.1 JSON document (UTF-8, indented)."""
    data, findings = to_json(article)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return WriteResult(text.encode("utf-8"), findings)


# ============================================================================ reading
