"""ninjs, IPTC's News in JSON: the reader (its writer is in dtmarkup.formats.write).

Reading: 2.x/3.x (``headlines``, ``bodies``, ``by``, ``associations`` as a list) and 1.x
(``headline``, ``body_html``/``body_text``, ``byline``, ``associations`` as an object). HTML
bodies are tokenized by Python's html.parser (formats.read.html), never by an XML or HTML parser
that could load anything.
"""

from __future__ import annotations

import json
import re
import urllib.parse

from lxml import etree

from dtmarkup import model as m
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats.base import ReadResult
from dtmarkup.formats.read import nitf
from dtmarkup.formats.read.body import BodyReader
from dtmarkup.formats.read.credits import parse_byline
from dtmarkup.formats.read.draft import (
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
from dtmarkup.formats.read.html import parse_html
from dtmarkup.formats.read.places import country_for, iso_code
from dtmarkup.formats.write.ninjs import ENTITY_URI, MEDTOP_URI, PROFILE, URI_PREFIX, Json
from dtmarkup.xml.gate import DEFAULT_MAX_BYTES


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
    if not _looks_like_ninjs(value):
        shown = ", ".join(repr(k)[:40] for k in list(value)[:6]) or "none"
        raise refuse(
            "DT357",
            "this JSON object is not a ninjs item: it has no ninjs identity (uri, type, "
            f"versionCreated) or no content (headline, body); its first properties: {shown}",
            name,
        )
    return value


_IDENTITY = frozenset(
    {"uri", "type", "versionCreated", "versioncreated", "firstCreated", "firstcreated",
     "profile", "standard", "pubStatus", "pubstatus", "mimetype", "representationType"}
)  # fmt: skip
_CONTENT = re.compile(r"(headlines?|bodies|body_\w+|descriptions?|description_\w+|renditions)")


def _looks_like_ninjs(doc: Json) -> bool:
    """A ninjs item names itself (uri, type or a version timestamp) and has content."""
    return bool(_IDENTITY & doc.keys()) and any(
        isinstance(k, str) and _CONTENT.fullmatch(k) and doc[k] not in (None, "", [], {})
        for k in doc
    )


def _named(doc: Json, prefix: str) -> list[tuple[str, str]]:
    """ninjs 1.x named properties (``body_html5``, ``headline_main``): (name, value) pairs
    with a non-empty string value, in document order."""
    return [
        (key[len(prefix) :], value)
        for key, value in doc.items()
        if isinstance(key, str) and key.startswith(prefix) and isinstance(value, str)
        and value.strip()
    ]  # fmt: skip


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
    affiliations: dict[str, m.Affiliation] = {}
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
                    _own_entity(draft, kind, label, literal, _str(item.get("uri")), affiliations)
                elif kind == "person":
                    draft.person(label)
                elif kind == "org":
                    draft.organization(label)
                elif draft.place_known(label) is None:
                    draft.findings.add(
                        "DT358", f"the place {label!r} was not registered: its country is not known"
                    )
    for person_id, affiliation in affiliations.items():
        person = draft.entities.get(person_id)
        if isinstance(person, m.Person) and draft.is_kind(affiliation.ref, m.Organization):
            draft.entities[person_id] = m.Person(person.id, person.name, person.title, affiliation)


def _details(uri: str, kind: str, literal: str) -> dict[str, str]:
    """The registry details a dtmarkup export put in an entity's uri (ENTITY_URI)."""
    stem = f"{ENTITY_URI}{kind}:{literal}"
    if not uri.startswith(stem) or uri[len(stem) : len(stem) + 1] not in ("", "?"):
        return {}
    query = uri[len(stem) + 1 :][:4096]
    return {k: squash(v) for k, v in urllib.parse.parse_qsl(query) if squash(v)}


def _own_entity(
    draft: Draft,
    kind: str,
    label: str,
    literal: str,
    uri: str,
    affiliations: dict[str, m.Affiliation],
) -> None:
    """An entity of a dtmarkup export: its id kept, its details read back from its uri."""
    details = _details(uri, kind, literal)
    if kind == "person":
        draft.add(m.Person(literal, label, details.get("title")))
        ref = details.get("affiliation", "")
        if re.fullmatch(r"[a-z][a-z0-9\-]{0,63}", ref):
            affiliations[literal] = m.Affiliation(ref, details.get("affiliation-text", ""))
    elif kind == "org":
        org_kind = details.get("kind", "other")
        draft.add(
            m.Organization(
                literal, org_kind if org_kind in m.ORGANIZATION_KINDS else "other", label
            )
        )
    else:
        code = iso_code(details.get("country")) or country_for(label)
        if code is None:
            draft.findings.add(
                "DT358", f"the place {label!r} was not registered: its country is not known"
            )
            return
        draft.add(m.Place(literal, code, label))


def _dates(draft: Draft, doc: Json, ours: bool) -> None:
    first_value = _str(doc.get("firstCreated")) or _str(doc.get("firstcreated"))
    version_value = _str(doc.get("versionCreated")) or _str(doc.get("versioncreated"))
    first = draft.stamp(first_value, "firstCreated")
    version = draft.stamp(version_value, "versionCreated")
    draft.published = first or (None if ours else version)
    if version and first and later(version, first):
        draft.updated = version
    elif version and ours and first is None:  # as in the G2 reader: never an invented time
        draft.version = version
        created_day = _str(doc.get("contentCreated"))[:10]
        if version not in (f"{created_day}T00:00:00Z", "1970-01-01T00:00:00Z"):
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
    if not draft.headline:  # ninjs 1.x headline_<name>: the main one, else the first
        named = dict(_named(doc, "headline_"))
        value = named.get("main") or next(iter(named.values()), "")
        draft.headline = squash(value) or None
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
    if ours and authors and all(draft.is_kind(a, m.Person) for a in authors):
        draft.authors.extend(_own_authors(draft, text, authors))
        return
    names, trailing = parse_byline(text)
    for entry in names:
        ref = (
            draft.person(entry.text, title=entry.title)
            if entry.is_person
            else draft.organization(entry.text)
        )
        draft.authors.append(m.EntityName(ref, entry.text))
    draft.wire_byline(text, names, trailing)
    if not names:
        draft.findings.add("DT344", f"the byline {text!r} names no person or organization")
    else:
        draft.byline_text = text
    if trailing and draft.publication is None:
        draft.publication = draft.media(trailing)


def _own_authors(draft: Draft, text: str, authors: list[str]) -> list[m.EntityName]:
    """The authors of a dtmarkup export: ``by`` joins their shown names with ", ", and a
    name may itself hold ", " ("Smith, Jr."): the split that gives one piece per author is
    used, else each author's registry name."""
    parts = text.split(", ")
    if len(parts) == len(authors):
        return [m.EntityName(ref, s.strip()) for ref, s in zip(authors, parts, strict=True)]
    shown: list[str] = []
    rest = text
    for ref in authors:
        name = draft.entities[ref].name
        if rest.startswith(name):
            shown.append(name)
            rest = rest[len(name) :].removeprefix(", ")
        else:
            shown = []
            break
    if shown and not rest:
        return [m.EntityName(ref, s) for ref, s in zip(authors, shown, strict=True)]
    return [m.EntityName(ref, draft.entities[ref].name) for ref in authors]


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
    named = _named(doc, "body_")  # ninjs 1.x: body_html, body_text and body_<name>
    markup = (html_body or {}).get("value") or doc.get("body_html") or doc.get("body_xhtml")
    if not (isinstance(markup, str) and markup.strip()) and not bodies:
        markup = next(
            (value for key, value in named if key != "text" and value.lstrip().startswith("<")),
            None,
        )
    used: set[str] = set()
    if isinstance(markup, str) and markup.strip():
        tree = parse_html(markup)
        _link_associations(tree, associations, used)
        draft.body.extend(reader.blocks(tree))
    else:
        plain = (text_body or {}).get("value") or doc.get("body_text")
        if not isinstance(plain, str) and not bodies and named:
            plain = named[0][1]
        if not isinstance(plain, str) and bodies:
            plain = bodies[0].get("value")
        if isinstance(plain, str):
            for line in re.split(r"\n\s*\n|\n", plain):
                if squash(line):
                    draft.body.append(m.Paragraph((squash(line),)))
    if not draft.body and _str(doc.get("type")) in ("text", ""):
        _description_body(draft, doc)
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


def _description_body(draft: Draft, doc: Json) -> None:
    """A text item with no body but a text description (NTB sends short items so): the
    description becomes the body, reported (DT330)."""
    texts = [
        _str(d.get("value"))
        for d in _list(doc.get("descriptions"))
        if _str(d.get("role")).lower() in ("", "text", "summary", "abstract", "lead", "teaser")
        and not _str(d.get("value")).lstrip().startswith("<")
    ]
    texts = [t for t in texts if t] or [_str(doc.get("description_text"))]
    if texts[0]:
        draft.body.append(m.Paragraph((texts[0],)))
        draft.findings.add(
            "DT330", "the item has no body: its text description was used as the body"
        )


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
