"""NITF, the News Industry Text Format: the reader (its writer is in dtmarkup.formats.write).

Reading: with or without namespace, DTD-era quirks included (a DOCTYPE is ignored, never
loaded; fixed version attributes are not checked; basic-format dates are repaired;
``quote-source`` on paragraphs is read). Gaps are filled by ``Draft.finish``.
"""

from __future__ import annotations

import re

from lxml import etree

from dtmarkup import model as m
from dtmarkup.formats.base import ReadResult
from dtmarkup.formats.read.body import BodyReader
from dtmarkup.formats.read.credits import looks_like_org, parse_byline
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
    root_name,
    squash,
    text_of,
)
from dtmarkup.formats.read.places import country_for, iso_code
from dtmarkup.formats.write.iptc import DTM
from dtmarkup.formats.write.nitf import XML_LANG


def sniff(data: bytes) -> bool:
    """An XML document whose root element is ``nitf`` (any namespace, any version)."""
    return root_name(data) == "nitf"


def read(data: bytes, name: str = "<bytes>") -> ReadResult:
    """A NITF 3.0-3.6 document as an article; DT3xx findings say what was inferred."""
    findings = Findings()
    root = parse_xml(data, name, findings)
    if local(root) != "nitf":
        raise refuse("DT357", f"the root element is {local(root)!r}, not nitf", name)
    draft = Draft(name, findings)
    read_into(root, draft)
    if draft.place is None:
        lead_dateline(draft)
    article = draft.finish(data)
    return ReadResult(article, tuple(findings.items))


def _children(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [c for c in element if local(c) == name]


def _first(element: etree._Element | None, *path: str) -> etree._Element | None:
    current = element
    for name in path:
        found = _children(current, name)
        if not found:
            return None
        current = found[0]
    return current


def read_into(nitf: etree._Element, draft: Draft) -> None:
    """Fill ``draft`` from a ``nitf`` element; what the draft already has is kept (a
    NewsML-G2 reader sets its metadata first)."""
    head = _first(nitf, "head")
    body = _first(nitf, "body")
    body_head = _first(body, "body.head")
    docdata = _first(head, "docdata")
    draft.lang = draft.lang or _lang(nitf, body) or _lang_anywhere(body)
    draft.id = draft.id or _doc_id(nitf, docdata)
    revision = squash(nitf.get(f"{{{DTM}}}revision"))
    if revision.isdigit() and int(revision) > 0 and draft.revision is None:
        draft.revision = int(revision)
    _providers(draft, docdata, body_head)
    _registry(draft, docdata)
    content = _first(docdata, "identified-content")
    ours = any(isinstance(k, str) and k.startswith(f"{{{DTM}}}") for k in nitf.attrib) or (
        content is not None and any(e.get(f"{{{DTM}}}id") for e in content)
    )
    _dates(draft, head, docdata, ours=ours)
    _keywords(draft, head, docdata)
    _unused(draft, head, docdata)
    reader = BodyReader(draft)
    _headlines(draft, head, body_head, reader)
    _byline(draft, body_head)
    _dateline(draft, body_head, docdata)
    notes = len(_children(body_head, "note"))
    if notes:
        reader.dropped["note"] += notes
    for content in _children(body, "body.content"):
        draft.body.extend(reader.blocks(content))
    body_end = _first(body, "body.end")
    if body_end is not None:
        draft.body.extend(reader.blocks(body_end))
    reader.report()


def _lang(nitf: etree._Element, body: etree._Element | None) -> str | None:
    for value in (
        nitf.get("baselang"),
        nitf.get(XML_LANG),
        body.get(XML_LANG) if body is not None else None,
    ):
        tag = language_tag(value)
        if tag:
            return tag
    return None


def _lang_anywhere(body: etree._Element | None) -> str | None:
    """The first xml:lang inside the body (some files set it on paragraphs only)."""
    if body is None:
        return None
    for element in body.iter():
        tag = language_tag(element.get(XML_LANG)) if isinstance(element.tag, str) else None
        if tag:
            return tag
    return None


def _doc_id(nitf: etree._Element, docdata: etree._Element | None) -> str | None:
    doc_id = _first(docdata, "doc-id")
    for value in (
        doc_id.get("id-string") if doc_id is not None else None,
        nitf.get("uno"),
    ):
        if squash(value):
            return squash(value)
    return None


def _providers(
    draft: Draft, docdata: etree._Element | None, body_head: etree._Element | None
) -> None:
    names: list[str] = []
    distributor = _first(body_head, "distributor")
    if distributor is not None:
        names.append(text_of(distributor))
    owner = _first(body_head, "rights", "rights.owner")
    if owner is not None:
        names.append(text_of(owner))
    copyright_ = _first(docdata, "doc.copyright")
    if copyright_ is not None:
        names.append(squash(copyright_.get("holder")))
    for source in _children(_first(docdata, "del-list"), "from-src"):
        names.append(squash(source.get("src-name")))
    doc_id = _first(docdata, "doc-id")
    if doc_id is not None:
        names.append(squash(doc_id.get("regsrc")))
    for value in names:
        if value and value not in draft.providers:
            draft.providers.append(value)


def _registry(draft: Draft, docdata: etree._Element | None) -> None:
    """Entities a dtmarkup export wrote into identified-content (``dtm:id``)."""
    content = _first(docdata, "identified-content")
    if content is None:
        return
    affiliations: dict[str, tuple[str, str]] = {}
    for element in content:
        entity_id = element.get(f"{{{DTM}}}id")
        name = local(element)
        if not entity_id or not re.fullmatch(r"[a-z][a-z0-9\-]{0,63}", entity_id):
            _foreign_entry(draft, element)
            continue
        own_text = squash(element.text)
        if name == "person":
            function = _first(element, "function")
            title = text_of(function) if function is not None else None
            draft.add(m.Person(entity_id, own_text or entity_id, title or None))
            affiliation = element.get(f"{{{DTM}}}affiliation")
            if affiliation:
                affiliations[entity_id] = (
                    affiliation,
                    element.get(f"{{{DTM}}}affiliation-text") or "",
                )
        elif name == "org":
            kind = element.get(f"{{{DTM}}}kind") or "other"
            kind = kind if kind in m.ORGANIZATION_KINDS else "other"
            draft.add(m.Organization(entity_id, kind, own_text or entity_id))
        elif name == "location":
            code = next((iso_code(c.get("iso-cc")) for c in element if local(c) == "country"), None)
            code = code or country_for(own_text)
            if code is None:
                draft.findings.add(
                    "DT358", f"the place {own_text!r} was not registered: its country is not known"
                )
                continue
            draft.add(m.Place(entity_id, code, own_text or entity_id))
    for person_id, (ref, text) in affiliations.items():
        person = draft.entities[person_id]
        if isinstance(person, m.Person) and isinstance(draft.entities.get(ref), m.Organization):
            draft.entities[person_id] = m.Person(
                person.id, person.name, person.title, m.Affiliation(ref, text)
            )


def _foreign_entry(draft: Draft, element: etree._Element) -> None:
    """An identified-content entry without dtmarkup id: registered by its name."""
    name, own_text = local(element), squash(element.text)
    if name == "classifier" and element.get("type") == "subject":
        code = squash(element.get("value"))
        if ":" in code and text_of(element):
            draft.subjects.append(m.Subject(code, text_of(element)))
    elif name == "person" and own_text:
        function = _first(element, "function")
        draft.person(own_text, title=text_of(function) if function is not None else None)
    elif name == "org" and own_text:
        draft.organization(own_text)
    elif name == "location" and own_text:
        country = next((c.get("iso-cc") for c in element if local(c) == "country"), None)
        draft.place_known(own_text, country)


_UNUSED_DOCDATA = {
    "doc.copyright": "copyright",
    "doc.rights": "rights",
    "urgency": "urgency",
    "ed-msg": "editorial note",
    "series": "series",
    "fixture": "fixture",
    "date.release": "release date",
    "date.expire": "expiry date",
    "correction": "correction",
}


def _unused(draft: Draft, head: etree._Element | None, docdata: etree._Element | None) -> None:
    names = []
    for child in docdata if docdata is not None else ():
        label = _UNUSED_DOCDATA.get(local(child))
        if label and any(squash(value) for value in child.attrib.values()):
            names.append(label)
    tobject = _first(head, "tobject")
    if tobject is not None and tobject.get("tobject.type"):
        names.append("news type (tobject)")
    draft.unused_metadata(names)


def _dates(
    draft: Draft, head: etree._Element | None, docdata: etree._Element | None, *, ours: bool
) -> None:
    """pubdata/@date.publication is the publication time; date.issue stands in for it in
    other agencies' files. A dtmarkup export writes date.issue from the last update when
    the article was never published: no publication time is invented from it."""
    issue = _first(docdata, "date.issue")
    pubdata = _first(head, "pubdata")
    published = (
        draft.stamp(
            pubdata.get("date.publication"), "pubdata/@date.publication", pubdata.sourceline
        )
        if pubdata is not None
        else None
    )
    issued = (
        draft.stamp(issue.get("norm"), "date.issue/@norm", issue.sourceline)
        if issue is not None
        else None
    )
    draft.published = draft.published or published or (None if ours else issued)
    if issued is not None and draft.published is not None and later(issued, draft.published):
        draft.updated = draft.updated or issued
    elif issued is not None and draft.published is None:
        draft.version = issued
        draft.updated = draft.updated or issued


def _keywords(draft: Draft, head: etree._Element | None, docdata: etree._Element | None) -> None:
    for keyword in _children(_first(docdata, "key-list"), "keyword"):
        if squash(keyword.get("key")):
            draft.keywords.append(squash(keyword.get("key")))
    for subject in _children(_first(head, "tobject"), "tobject.subject"):
        refnum = squash(subject.get("tobject.subject.refnum"))
        labels = [
            squash(subject.get(f"tobject.subject.{part}")) for part in ("detail", "matter", "type")
        ]
        label = next((value for value in labels if value), refnum)
        code = qcode("subj", refnum) if refnum else None
        if code and label:
            draft.subjects.append(m.Subject(code, label))


def _headlines(
    draft: Draft, head: etree._Element | None, body_head: etree._Element | None, reader: BodyReader
) -> None:
    hedline = _first(body_head, "hedline")
    hl1 = _first(hedline, "hl1")
    if not draft.headline:
        if hl1 is not None and text_of(hl1):
            draft.headline = text_of(hl1)
        else:
            title = _first(head, "title")
            if title is not None and text_of(title):
                draft.headline = text_of(title)
                draft.findings.add(
                    "DT343",
                    "the headline was taken from head/title (no hl1)",
                    line=title.sourceline,
                )
    hl2 = _first(hedline, "hl2")
    if not draft.subheadline and hl2 is not None and text_of(hl2):
        text = text_of(hl2)
        if text != draft.headline:
            draft.subheadline = text
    abstract = _first(body_head, "abstract")
    if abstract is not None and text_of(abstract):
        if not draft.subheadline:
            draft.subheadline = text_of(abstract)
        elif text_of(abstract) != draft.subheadline:
            reader.dropped["abstract"] += 1


def _byline(draft: Draft, body_head: etree._Element | None) -> None:
    if draft.authors:
        return
    for byline in _children(body_head, "byline"):
        persons = _children(byline, "person")
        titles = _children(byline, "byttl")
        for person in persons:
            ref = person.get(f"{{{DTM}}}ref")
            shown = text_of(person)
            if not shown:
                continue
            if draft.is_kind(ref, m.Person) and ref:
                draft.authors.append(m.EntityName(ref, shown))
            else:
                title = text_of(titles[0]) if len(persons) == 1 and titles else None
                draft.authors.append(m.EntityName(draft.person(shown, title=title), shown))
        for byttl in titles:
            for org in _children(byttl, "org"):
                ref = org.get(f"{{{DTM}}}ref")
                if ref and draft.is_agent(ref):
                    draft.authors.append(m.EntityName(ref, text_of(org)))
        if draft.authors:
            continue
        text = squash(squash(byline.text) + " " + " ".join(squash(c.tail) for c in byline))
        names, publication = parse_byline(text)
        draft.byline_text = draft.byline_text or text or None
        title = text_of(titles[0]) if titles and len(names) == 1 else None
        draft.wire_byline(text, names, publication)
        for entry in names:
            entity = (
                draft.person(entry.text, title=title or entry.title)
                if entry.is_person
                else draft.organization(entry.text)
            )
            draft.authors.append(m.EntityName(entity, entry.text))
        if not names and titles and looks_like_org(text_of(titles[0])):
            shown = text_of(titles[0])
            draft.authors.append(m.EntityName(draft.organization(shown, "media"), shown))
            draft.byline_text = shown
        elif not names and text:
            draft.byline_text = None
            draft.findings.add(
                "DT344",
                f"the byline {text!r} names no person or organization",
                line=byline.sourceline,
            )
        if publication and draft.publication is None:
            draft.publication = draft.media(publication)
    if draft.publication is None:
        distributor = _first(body_head, "distributor")
        if distributor is not None and text_of(distributor):
            org_element = _first(distributor, "org")
            ref = org_element.get(f"{{{DTM}}}ref") if org_element is not None else None
            shown = text_of(distributor)
            if ref and draft.is_kind(ref, m.Organization):
                draft.publication = draft.publication_ref(ref, shown)
            else:
                draft.publication = draft.media(shown)


def _dateline(
    draft: Draft, body_head: etree._Element | None, docdata: etree._Element | None
) -> None:
    dateline = _first(body_head, "dateline")
    if dateline is not None and draft.place is None:
        location = _first(dateline, "location")
        if location is not None:
            ref = location.get(f"{{{DTM}}}ref")
            shown = text_of(location)
            if ref and draft.is_kind(ref, m.Place) and shown:
                draft.place = m.EntityName(ref, shown)
            elif shown:
                country = next(
                    (
                        c.get("iso-cc") or text_of(c)
                        for c in location.iter()
                        if local(c) == "country"
                    ),
                    None,
                )
                draft.set_dateline_place(shown, country)
        else:
            words = squash(dateline.text)
            place_text = words.split(",")[0].split("(")[0].strip(" -—–.")
            if place_text and not parse_when(place_text):
                draft.set_dateline_place(place_text)
    if dateline is not None and draft.date is None:
        story = _first(dateline, "story.date")
        if story is not None:
            exact = story.get(f"{{{DTM}}}when")
            when = parse_when(story.get("norm") or text_of(story))
            shown = text_of(story)
            if exact and parse_when(exact) is not None:
                draft.date = m.DateRef(exact, story.text or "")  # a dtmarkup export: as written
            elif when is not None:
                if not shown or parse_when(shown) is not None:
                    shown = when.date  # EFE repeats the norm value as the displayed date
                draft.date = m.DateRef(when.date, shown)
    if draft.place is None:
        for evloc in _children(docdata, "evloc"):
            city = squash(evloc.get("city"))
            if city:
                draft.set_dateline_place(city, evloc.get("iso-cc"))
                draft.findings.add(
                    "DT346",
                    f"the dateline place {city!r} was taken from evloc",
                    line=evloc.sourceline,
                )
                break
