"""ninjs, IPTC's News in JSON: write ninjs 3.1, read ninjs 1.x to 3.x.

Writing: one ``text`` object valid against IPTC's ninjs 3.1 JSON Schema. The body is one
HTML body whose ``data-*`` attributes keep speakers, mentions, statements and typed credits;
figures are also listed in ``associations`` (type ``picture``) with their caption and
credit line. ninjs has no place for a person's title or affiliation, an organization's
kind, a place's country or a dateline date, which is reported (DT320-DT324); docs/formats.md
has the mapping table.

Reading: 2.x/3.x (``headlines``, ``bodies``, ``by``, ``associations`` as a list) and 1.x
(``headline``, ``body_html``/``body_text``, ``byline``, ``associations`` as an object). HTML
bodies are tokenized by Python's html.parser (iptc_html), never by an XML or HTML parser
that could load anything.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import etree

from dtmarkup import model as m
from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats import nitf
from dtmarkup.formats.base import ReadResult, WriteResult
from dtmarkup.formats.iptc_body import STATEMENT_CLASS, BodyReader
from dtmarkup.formats.iptc_credits import parse_byline
from dtmarkup.formats.iptc_html import parse_html
from dtmarkup.formats.iptc_ingest import (
    Draft,
    Findings,
    language_tag,
    later,
    lead_dateline,
    local,
    parse_when,
    parse_xml,
    qcode,
    refuse,
    squash,
)
from dtmarkup.formats.iptc_places import country_for
from dtmarkup.xml.parse import DEFAULT_MAX_BYTES
from dtmarkup.xml.serialize import fill_mixed

Json = dict[str, Any]
PROFILE = "dtmarkup-1"
"""``profile`` of ninjs written by dtmarkup: its conventions can be read back exactly."""
URI_PREFIX = "urn:dtmarkup:article:"
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
        {"name": e.name, "literal": e.id, **({"rel": "author"} if e.id in authors else {})}
        for e in entities.persons
    ]
    if people:
        data["people"] = people
    if entities.organizations:
        data["organisations"] = [{"name": e.name, "literal": e.id} for e in entities.organizations]
    if entities.places:
        dateline = head.dateline.place.ref if head.dateline is not None else None
        data["places"] = [
            {"name": e.name, "literal": e.id, **({"rel": "dateline"} if e.id == dateline else {})}
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
                "people, organisations and places carry names and ids only: person titles and "
                "affiliations, organization kinds and place countries are not written",
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


def sniff(data: bytes) -> bool:
    """A JSON object with ninjs properties near its start (and not dtmarkup JSON)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{") or re.search(rb'"format"\s*:\s*"dtmarkup-1"', head):
        return False
    return (
        re.search(
            rb'"(uri|headlines|bodies|body_html|body_text|versionCreated|headline)"\s*:', head
        )
        is not None
    )


def _load(data: bytes, name: str) -> Json:
    if len(data) > DEFAULT_MAX_BYTES:
        raise refuse("DT005", f"the document is larger than {DEFAULT_MAX_BYTES} bytes", name)
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise refuse("DT357", f"the JSON is not UTF-8 (byte {exc.start})", name) from None
    except json.JSONDecodeError as exc:
        raise refuse("DT357", f"not JSON: {exc.msg}", name, line=exc.lineno) from None
    except RecursionError:
        raise refuse("DT357", "the JSON is nested too deeply", name) from None
    if not isinstance(value, dict):
        raise refuse("DT357", "a ninjs document is a JSON object", name)
    return value


def _str(value: object) -> str:
    return squash(value) if isinstance(value, str) else ""


def _list(value: object) -> list[Json]:
    if isinstance(value, dict):  # ninjs 1.x associations: an object keyed by name
        return [{"name": key, **item} for key, item in value.items() if isinstance(item, dict)]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def read(data: bytes, name: str = "<bytes>") -> ReadResult:
    """A ninjs 1.x-3.x object as an article; DT3xx findings say what was inferred."""
    doc = _load(data, name)
    findings = Findings()
    draft = Draft(name, findings)
    ours = doc.get("profile") == PROFILE
    uri = _str(doc.get("uri"))
    draft.id = uri[len(URI_PREFIX) :] if uri.startswith(URI_PREFIX) else (uri or None)
    version = _str(doc.get("version"))
    if ours and version.isdigit() and int(version) > 0:
        draft.revision = int(version)
    draft.lang = language_tag(_str(doc.get("language")))
    _entities(draft, doc, ours)
    for source in _list(doc.get("infoSources")):
        if _str(source.get("name")):
            draft.providers.append(_str(source.get("name")))
    for key in ("copyrightHolder", "provider"):
        if _str(doc.get(key)):
            draft.providers.append(_str(doc.get(key)))
    _dates(draft, doc, ours)
    if not ours:
        draft.unused_metadata(
            [label for key, label in _UNUSED.items() if doc.get(key) not in (None, "", [], {})]
        )
    _headlines(draft, doc)
    _subjects(draft, doc)
    _byline(draft, doc, ours)
    _dateline(draft, doc, ours)
    reader = BodyReader(draft)
    associations = _list(doc.get("associations"))
    _body(draft, doc, reader, associations)
    if draft.place is None:
        lead_dateline(draft)
    reader.report()
    article = draft.finish(data)
    return ReadResult(article, tuple(findings.items))


_UNUSED = {
    "copyrightHolder": "copyright",
    "copyrightNotice": "copyright notice",
    "usageTerms": "usage terms",
    "rightsInfo": "rights",
    "urgency": "urgency",
    "edNote": "editorial note",
    "genres": "genre",
    "slugline": "slugline",
    "embargoedUntil": "embargo",
    "expires": "expiry date",
}


def _entities(draft: Draft, doc: Json, ours: bool) -> None:
    for kind, keys in (
        ("person", ("people", "person")),
        ("org", ("organisations", "organisation", "organizations")),
        ("place", ("places", "place")),
    ):
        for key in keys:
            for item in _list(doc.get(key)):
                label = _str(item.get("name"))
                literal = _str(item.get("literal"))
                if not label:
                    continue
                if ours and re.fullmatch(r"[a-z][a-z0-9\-]{0,63}", literal):
                    if kind == "person":
                        draft.add(m.Person(literal, label))
                    elif kind == "org":
                        draft.add(m.Organization(literal, "other", label))
                    else:
                        code = country_for(label)
                        if code is None:
                            code = draft.fallback_country()
                            findings_note(draft, label, code)
                        draft.add(m.Place(literal, code, label))
                elif kind == "person":
                    draft.person(label)
                elif kind == "org":
                    draft.organization(label)
                elif draft.place_known(label) is None:
                    draft.findings.add(
                        "DT358", f"the place {label!r} was not registered: its country is not known"
                    )


def findings_note(draft: Draft, label: str, code: str) -> None:
    draft.findings.add(
        "DT347",
        f"the country of {label!r} is not given and not in the built-in table; "
        f"{code} was assumed (check it)",
    )


def _dates(draft: Draft, doc: Json, ours: bool) -> None:
    first_value = _str(doc.get("firstCreated")) or _str(doc.get("firstcreated"))
    version_value = _str(doc.get("versionCreated")) or _str(doc.get("versioncreated"))
    first = draft.stamp(first_value, "firstCreated")
    version = draft.stamp(version_value, "versionCreated")
    draft.published = first or version
    if version and first and later(version, first):
        draft.updated = version
    created = parse_when(_str(doc.get("contentCreated")))
    if created is not None:
        when = created.timestamp or created.date
        if (ours and created.timestamp and created.timestamp.endswith("T00:00:00Z")) or not ours:
            when = created.date
        draft.date = m.DateRef(when, created.date)


def _headlines(draft: Draft, doc: Json) -> None:
    for item in _list(doc.get("headlines")):
        role = _str(item.get("role")).lower()
        value = _str(item.get("value"))
        if not value:
            continue
        if role in ("", "main", "headline") and not draft.headline:
            draft.headline = value
        elif role in ("sub", "subheadline", "subtitle") and not draft.subheadline:
            draft.subheadline = value
    if not draft.headline and _str(doc.get("headline")):
        draft.headline = _str(doc.get("headline"))
    if not draft.headline:
        title = _str(doc.get("title")) or _str(doc.get("slugline"))
        if title:
            draft.headline = title
            draft.findings.add("DT343", f"the headline was taken from title/slugline: {title!r}")


def _subjects(draft: Draft, doc: Json) -> None:
    for key in ("subjects", "subject"):
        for item in _list(doc.get(key)):
            label = _str(item.get("name"))
            if _str(item.get("rel")) == "keyword":
                if label:
                    draft.keywords.append(label)
                continue
            literal, uri = _str(item.get("literal")), _str(item.get("uri"))
            code = None
            if uri.startswith(MEDTOP_URI):
                code = qcode("medtop", uri[len(MEDTOP_URI) :])
            elif re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]{0,31}:[A-Za-z0-9_.\-]{1,64}", literal):
                code = literal
            elif literal or label:
                code = qcode("ninjs", literal or label)
            if code and (label or literal):
                draft.subjects.append(m.Subject(code, label or literal))
    for keyword in doc.get("keywords") or []:
        if isinstance(keyword, str) and squash(keyword):
            draft.keywords.append(squash(keyword))


def _byline(draft: Draft, doc: Json, ours: bool) -> None:
    text = _str(doc.get("by")) or _str(doc.get("byline"))
    publication = next(
        (s for s in _list(doc.get("infoSources")) if _str(s.get("role")) == "publisher"), None
    )
    if publication is not None and _str(publication.get("name")):
        literal = _str(publication.get("literal"))
        shown = _str(publication.get("name"))
        if ours and draft.is_kind(literal, m.Organization):
            draft.publication = draft.publication_ref(literal, shown)
        else:
            draft.publication = draft.media(shown)
    if not text:
        return
    authors = [
        _str(p.get("literal")) for p in _list(doc.get("people")) if _str(p.get("rel")) == "author"
    ]
    parts = [p.strip() for p in text.split(", ")] if ours else []
    if ours and len(parts) == len(authors) and all(draft.is_kind(a, m.Person) for a in authors):
        draft.authors.extend(
            m.EntityName(ref, shown) for ref, shown in zip(authors, parts, strict=True)
        )
        return
    names, trailing = parse_byline(text)
    for entry in names:
        ref = draft.person(entry.text) if entry.is_person else draft.organization(entry.text)
        draft.authors.append(m.EntityName(ref, entry.text))
    if not names:
        draft.findings.add("DT344", f"the byline {text!r} names no person or organization")
    else:
        draft.byline_text = text
    if trailing and draft.publication is None:
        draft.publication = draft.media(trailing)


def _dateline(draft: Draft, doc: Json, ours: bool) -> None:
    located = _str(doc.get("located"))
    if not located:
        return
    marked = [
        _str(p.get("literal")) for p in _list(doc.get("places")) if _str(p.get("rel")) == "dateline"
    ]
    place = marked[0] if ours and marked and draft.is_kind(marked[0], m.Place) else None
    place = place or (draft.place_known(located) if ours else None)
    if place is not None:
        draft.place = m.EntityName(place, located)
    else:
        draft.set_dateline_place(located)
    raw = doc.get("located")
    if ours and draft.date is not None and isinstance(raw, str):
        for item in _list(doc.get("descriptions")):
            value = item.get("value")
            if _str(item.get("role")) != "dateline" or not isinstance(value, str):
                continue
            if value.startswith(raw + ", "):  # written by dtmarkup: "<place>, <date text>"
                draft.date = m.DateRef(draft.date.when, value[len(raw) + 2 :])


def _body(draft: Draft, doc: Json, reader: BodyReader, associations: list[Json]) -> None:
    bodies = _list(doc.get("bodies"))
    nitf_body = next((b for b in bodies if _is_nitf(b)), None)
    if nitf_body is not None and _nitf_body(draft, str(nitf_body.get("value"))):
        return
    html_body = next(
        (
            b
            for b in bodies
            if "html" in _str(b.get("contentType")).lower() or "html" in _str(b.get("role")).lower()
        ),
        None,
    )
    text_body = next((b for b in bodies if "text/plain" in _str(b.get("contentType"))), None)
    markup = (html_body or {}).get("value") or doc.get("body_html") or doc.get("body_xhtml")
    used: set[str] = set()
    if isinstance(markup, str) and markup.strip():
        tree = parse_html(markup)
        _link_associations(tree, associations, used)
        draft.body.extend(reader.blocks(tree))
    else:
        plain = (text_body or {}).get("value") or doc.get("body_text")
        if not isinstance(plain, str) and bodies:
            plain = bodies[0].get("value")
        if isinstance(plain, str):
            for line in re.split(r"\n\s*\n|\n", plain):
                if squash(line):
                    draft.body.append(m.Paragraph((squash(line),)))
    if _str(doc.get("type")) == "picture" and not draft.body:
        figure = _figure_element(doc)
        if figure is not None:
            draft.body.extend(reader.block(figure))
            draft.findings.add("DT360", "a picture item was imported as an article with one figure")
    for item in associations:
        if (
            _str(item.get("type")) not in ("picture", "graphic", "")
            or _str(item.get("name")) in used
        ):
            continue
        figure = _figure_element(item)
        if figure is not None:
            draft.body.extend(reader.block(figure))


def _is_nitf(body: Json) -> bool:
    value = body.get("value")
    if not isinstance(value, str):
        return False
    head = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", value[:300])
    return "nitf" in _str(body.get("contentType")).lower() or head.startswith("<nitf")


def _nitf_body(draft: Draft, markup: str) -> bool:
    """A NITF document carried as a body string (ninjs 2.2+ examples do this): read through
    the input gate like a NITF file; the ninjs properties already read take precedence.
    False (and a DT353 finding) when it cannot be read, so that another body is used."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    try:
        root = parse_xml(text.encode("utf-8"), draft.name, draft.findings)
    except InvalidDocumentError as exc:
        reason = exc.diagnostics[0].message if exc.diagnostics else str(exc)
        draft.findings.add(
            "DT353", f"the NITF body could not be read ({reason}); another body was used"
        )
        return False
    if local(root) != "nitf":
        return False
    nitf.read_into(root, draft)
    return True


def _figure_element(item: Json) -> etree._Element | None:
    """An HTML ``figure`` for a picture object (its best rendition, caption and credit)."""
    renditions = [r for r in _list(item.get("renditions")) if _str(r.get("href"))]
    renditions.sort(key=lambda r: -(r.get("width") or 0) if isinstance(r.get("width"), int) else 0)
    src = _str(renditions[0].get("href")) if renditions else _str(item.get("uri"))
    if not src:
        return None
    figure = etree.Element("figure")
    img = etree.SubElement(figure, "img", src=src)
    if renditions:
        for key in ("width", "height"):
            value = renditions[0].get(key)
            if isinstance(value, int) and value > 0:
                img.set(key, str(value))
    caption = credit = alt = ""
    for description in _list(item.get("descriptions")):
        role, value = _str(description.get("role")).lower(), _str(description.get("value"))
        if role in ("caption", "", "text") and not caption:
            caption = value
        elif role == "creditline":
            credit = value
        elif role == "alt":
            alt = value
    caption = caption or _str(item.get("description_text"))
    if alt:
        img.set("alt", alt)
    if caption:
        etree.SubElement(figure, "figcaption").text = caption
    by = _str(item.get("by")) or _str(item.get("byline"))
    if by and credit and by not in credit:
        credit = f"{by}/{credit}"
    credit = credit or by
    if credit:
        etree.SubElement(figure, "small", {"class": "credit"}).text = credit
    return figure


def _link_associations(tree: etree._Element, associations: list[Json], used: set[str]) -> None:
    """Figures in the HTML that stand for an association: take its credit if they have none."""
    by_name = {_str(a.get("name")): a for a in associations if _str(a.get("name"))}
    for figure in tree.iter("figure"):
        key = figure.get("data-association") or next(
            (img.get("data-assoc-ref") or "" for img in figure.iter("img")), ""
        )
        item = by_name.get(key or "")
        if item is None:
            continue
        used.add(key)
        has_credit = any(
            {"credit", "byline", "photographer"} & set((c.get("class") or "").split())
            for c in figure.iter()
        )
        if not has_credit:
            credit = _figure_element(item)
            small = credit.find("small") if credit is not None else None
            if small is not None:
                figure.append(small)
