"""NITF, the News Industry Text Format: the writer (its reader is in dtmarkup.formats.read).

Writing: NITF 3.6 in IPTC's namespace, valid against IPTC's XSD. NITF names speakers only
by a string (``quote-source``) and has no statements or typed registry, so dtmarkup's
references travel in ``dtm:*`` extension attributes (NITF 3.6 allows attributes from other
namespaces everywhere), which other NITF readers ignore; each such reduction is reported
(DT320-DT322). docs/formats.md has the mapping table.
"""

from __future__ import annotations

import mimetypes

from lxml import etree

from dtmarkup import model as m
from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.formats.base import WriteResult
from dtmarkup.formats.write.iptc import DTM, STATEMENT_CLASS, basic_stamp
from dtmarkup.xml.mixed import indent
from dtmarkup.xml.serialize import append_text, fill_mixed

NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
NITF_VERSION = "-//IPTC//DTD NITF 3.6//EN"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# ============================================================================ writing


class _Writer:
    def __init__(self, article: m.Article) -> None:
        self.article = article
        self.entities = article.head.entities
        self.speakers = 0
        self.statements = 0
        self.credits = 0

    def q(self, local_name: str) -> str:
        return f"{{{NITF_NS}}}{local_name}"

    def sub(
        self, parent: etree._Element, name: str, text: str | None = None, **attrs: str | None
    ) -> etree._Element:
        element = etree.SubElement(parent, self.q(name))
        for key, value in attrs.items():
            if value is not None:
                element.set(_attr_name(key), value)
        if text:
            element.text = text
        return element

    def name_of(self, entity_id: str) -> str:
        return self.entities.name(entity_id) or entity_id

    # ------------------------------------------------------------------ document

    def document(self) -> etree._Element:
        article, head = self.article, self.article.head
        root = etree.Element(self.q("nitf"), nsmap={None: NITF_NS, "dtm": DTM})
        root.set("version", NITF_VERSION)
        root.set("baselang", article.lang)
        if article.revision is not None:
            root.set(f"{{{DTM}}}revision", str(article.revision))
        nhead = self.sub(root, "head")
        self.sub(nhead, "title", head.headline)
        docdata = self.sub(nhead, "docdata")
        self.sub(docdata, "doc-id", **{"id-string": article.id})
        issued = head.updated or head.published
        if issued is not None:
            self.sub(docdata, "date.issue", norm=basic_stamp(issued))
        if head.keywords:
            keys = self.sub(docdata, "key-list")
            for keyword in head.keywords:
                self.sub(keys, "keyword", key=keyword)
        if head.subjects or len(head.entities):
            content = self.sub(docdata, "identified-content")
            for entity in head.entities:
                self.registry_entry(content, entity)
            for subject in head.subjects:
                self.sub(content, "classifier", subject.text, type="subject", value=subject.qcode)
        if head.published is not None:
            self.sub(nhead, "pubdata", **{"date.publication": basic_stamp(head.published)})
        body = self.sub(root, "body")
        self.body_head(body)
        content_el = self.sub(body, "body.content")
        for block in article.body:
            self.block(content_el, block)
        return root

    def registry_entry(self, parent: etree._Element, entity: m.Entity) -> None:
        if isinstance(entity, m.Person):
            person = self.sub(parent, "person", entity.name, **{"dtm:id": entity.id})
            if entity.title is not None:
                self.sub(person, "function", entity.title)
            if entity.affiliation is not None:
                person.set(f"{{{DTM}}}affiliation", entity.affiliation.ref)
                if entity.affiliation.text:
                    person.set(f"{{{DTM}}}affiliation-text", entity.affiliation.text)
        elif isinstance(entity, m.Organization):
            self.sub(parent, "org", entity.name, **{"dtm:id": entity.id, "dtm:kind": entity.kind})
        else:
            location = self.sub(parent, "location", entity.name, **{"dtm:id": entity.id})
            self.sub(location, "country", **{"iso-cc": entity.country})

    def body_head(self, body: etree._Element) -> None:
        head = self.article.head
        body_head = self.sub(body, "body.head")
        hedline = self.sub(body_head, "hedline")
        self.sub(hedline, "hl1", head.headline)
        if head.subheadline is not None:
            self.sub(hedline, "hl2", head.subheadline)
        byline = self.sub(body_head, "byline")
        last: etree._Element | None = None
        for index, author in enumerate(head.byline.authors):
            if index:
                append_text(byline, last, ", ")
            entity = self.entities.get(author.ref)
            if isinstance(entity, m.Person):
                last = self.sub(byline, "person", author.text, **{"dtm:ref": author.ref})
            else:
                last = self.sub(byline, "byttl")
                self.sub(last, "org", author.text, **{"dtm:ref": author.ref})
        publication = head.byline.publication
        if publication is not None:
            distributor = self.sub(body_head, "distributor")
            self.sub(distributor, "org", publication.text, **{"dtm:ref": publication.ref})
        if head.dateline is None:
            return
        dateline = self.sub(body_head, "dateline")
        place, date = head.dateline.place, head.dateline.date
        location = self.sub(dateline, "location", place.text, **{"dtm:ref": place.ref})
        location.tail = ", "
        self.sub(
            dateline,
            "story.date",
            date.text,
            norm=basic_stamp(date.when),
            **{"dtm:when": date.when},
        )

    # ------------------------------------------------------------------ blocks

    def block(self, parent: etree._Element, block: m.Block) -> None:
        if isinstance(block, m.Paragraph):
            self.fill(self.sub(parent, "p"), block.content)
        elif isinstance(block, m.Heading):
            self.fill(self.sub(parent, "hl2"), block.content)
        elif isinstance(block, m.Figure):
            self.figure(parent, block)
        elif isinstance(block, m.BlockQuote):
            self.speakers += 1
            bq = self.sub(
                parent,
                "bq",
                **{"quote-source": self.name_of(block.speaker), "dtm:speaker": block.speaker},
            )
            inner = self.sub(bq, "block")
            for paragraph in block.paragraphs:
                self.fill(self.sub(inner, "p"), paragraph.content)
            if block.attribution is not None:
                self.fill(self.sub(bq, "credit"), block.attribution)
        elif isinstance(block, m.BlockStatement):
            self.statements += 1
            bq = self.sub(
                parent,
                "bq",
                **{
                    "class": STATEMENT_CLASS,
                    "quote-source": self.name_of(block.by),
                    "dtm:by": block.by,
                    "dtm:kind": block.kind,
                    "dtm:issued": block.issued,
                },
            )
            inner = self.sub(bq, "block")
            for paragraph in block.paragraphs:
                self.fill(self.sub(inner, "p"), paragraph.content)
        elif isinstance(block, m.ListBlock):
            lst = self.sub(parent, "ol" if block.ordered else "ul")
            for item in block.items:
                self.fill(self.sub(lst, "li"), item)

    def figure(self, parent: etree._Element, figure: m.Figure) -> None:
        image = figure.image
        media = self.sub(parent, "media", **{"media-type": "image"})
        mime, _ = mimetypes.guess_type(image.src)
        self.sub(
            media,
            "media-reference",
            source=image.src,
            **{
                "mime-type": mime,
                "alternate-text": image.alt,
                "width": None if image.width is None else str(image.width),
                "height": None if image.height is None else str(image.height),
            },
        )
        if figure.caption is not None:
            self.fill(self.sub(media, "media-caption"), figure.caption)
        credit = figure.credit
        if credit.source is not None or credit.photographer is not None:
            self.credits += 1
        self.sub(
            media,
            "media-producer",
            credit.text,
            **{"dtm:source": credit.source, "dtm:photographer": credit.photographer},
        )

    # ------------------------------------------------------------------ inline

    def fill(self, element: etree._Element, content: tuple[object, ...]) -> None:
        fill_mixed(element, content, self.inline)

    def inline(self, parent: etree._Element, node: object) -> etree._Element:
        if isinstance(node, m.Mention):
            entity = self.entities.get(node.ref)
            tag = (
                "person"
                if isinstance(entity, m.Person)
                else "location"
                if isinstance(entity, m.Place)
                else "org"
            )
            return self.sub(parent, tag, node.text, **{"dtm:ref": node.ref})
        if isinstance(node, m.Emphasis):
            element = self.sub(parent, "em")
        elif isinstance(node, m.Strong):
            element = self.sub(parent, "em", **{"class": "strong"})
        elif isinstance(node, m.Link):
            element = self.sub(parent, "a", href=node.href)
        elif isinstance(node, m.DateRef):
            return self.sub(
                parent, "chron", node.text, norm=basic_stamp(node.when), **{"dtm:when": node.when}
            )
        elif isinstance(node, m.Quote):
            self.speakers += 1
            element = self.sub(
                parent,
                "q",
                **{"quote-source": self.name_of(node.speaker), "dtm:speaker": node.speaker},
            )
        elif isinstance(node, m.InlineStatement):
            self.statements += 1
            element = self.sub(
                parent,
                "q",
                **{
                    "class": STATEMENT_CLASS,
                    "quote-source": self.name_of(node.by),
                    "dtm:by": node.by,
                    "dtm:kind": node.kind,
                    "dtm:issued": node.issued,
                },
            )
        else:
            raise TypeError(f"not an inline node: {node!r}")
        self.fill(element, node.content)
        return element

    def findings(self) -> tuple[Diagnostic, ...]:
        found: list[Diagnostic] = []
        if self.speakers:
            found.append(
                diagnostic(
                    "DT320",
                    f"{self.speakers} speaker reference(s) written as NITF quote-source names; the "
                    "reference itself survives only in the dtm:speaker extension attribute",
                )
            )
        if self.statements:
            found.append(
                diagnostic(
                    "DT321",
                    f"{self.statements} statement(s) written as NITF quotations (q/bq); issuer, "
                    "kind and date survive only in dtm: extension attributes",
                )
            )
        if self.credits:
            found.append(
                diagnostic(
                    "DT323",
                    f"{self.credits} typed photo credit(s) written as media-producer text; "
                    "source and photographer survive only in dtm: extension attributes",
                )
            )
        if len(self.article.head.entities):
            found.append(
                diagnostic(
                    "DT322",
                    "the entity registry is written to docdata/identified-content; ids, "
                    "organization kinds and affiliations survive only in dtm: extension attributes",
                )
            )
        return tuple(found)


def _attr_name(key: str) -> str:
    if key.startswith("dtm:"):
        return f"{{{DTM}}}{key[4:]}"
    return key


def to_element(article: m.Article) -> tuple[etree._Element, tuple[Diagnostic, ...]]:
    """The article as an ``nitf`` element (NITF 3.6, IPTC namespace) and the DT3xx findings."""
    writer = _Writer(article)
    root = writer.document()
    return root, writer.findings()


def write(article: m.Article) -> WriteResult:
    """The article as a NITF 3.6 document."""
    root, findings = to_element(article)
    indent(root)
    data: bytes = XML_DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n"
    return WriteResult(data, findings)


# ============================================================================ reading
