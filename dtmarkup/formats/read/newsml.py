"""NewsML-G2: the reader (its writer is in dtmarkup.formats.write).

Reading: a ``newsItem`` (or the first text item of a ``newsMessage``, or a bare
``contentSet``/``inlineXML`` fragment) with NITF or XHTML in ``inlineXML``; a picture item
becomes an article with one figure.
"""

from __future__ import annotations

import re

from lxml import etree

from dtmarkup import model as m
from dtmarkup.formats.base import ReadResult
from dtmarkup.formats.read import nitf
from dtmarkup.formats.read.body import BodyReader
from dtmarkup.formats.read.credits import looks_like_person, parse_byline
from dtmarkup.formats.read.draft import (
    Draft,
    Findings,
    language_tag,
    later,
    lead_dateline,
    local,
    parse_when,
    parse_xml,
    refuse,
    root_name,
    squash,
    text_of,
)
from dtmarkup.formats.read.places import country_named, iso_code
from dtmarkup.formats.write.newsml import URI_PREFIX, XML_LANG

_ROOTS = frozenset({"newsItem", "newsMessage", "contentSet", "inlineXML", "packageItem"})


def sniff(data: bytes) -> bool:
    """An XML document whose root is a NewsML-G2 item, message or content set."""
    return root_name(data) in _ROOTS


def _kids(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [c for c in element if local(c) == name]


def _kid(element: etree._Element | None, name: str) -> etree._Element | None:
    found = _kids(element, name)
    return found[0] if found else None


def _name(element: etree._Element) -> str:
    """A G2 concept's display name: its name child, else its literal or the code of its
    qcode (``nprov:REUTERS`` -> REUTERS)."""
    named = _kid(element, "name")
    if named is not None and text_of(named):
        return text_of(named)
    if squash(element.get("literal")):
        return squash(element.get("literal"))
    code = squash(element.get("qcode"))
    return code.split(":", 1)[-1] if code else ""


def read(data: bytes, name: str = "<bytes>") -> ReadResult:
    """A NewsML-G2 newsItem as an article; DT3xx findings say what was inferred."""
    findings = Findings()
    root = parse_xml(data, name, findings)
    kind = local(root)
    if kind not in _ROOTS or kind == "packageItem":
        raise refuse("DT357", f"the root element is {kind!r}, not a NewsML-G2 newsItem", name)
    item = root
    if kind == "newsMessage":
        items = [i for i in root.iter() if local(i) == "newsItem"]
        if not items:
            raise refuse("DT357", "the newsMessage holds no newsItem", name)
        texts = [i for i in items if _item_class(i) in ("", "text")]
        item = (texts or items)[0]
    draft = Draft(name, findings)
    reader = BodyReader(draft)
    content = _content(item)
    if content is not None and local(content) == "nitf":
        nitf.read_into(content, draft)
    _item(draft, item)
    if content is not None and local(content) != "nitf":
        draft.body.extend(reader.blocks(content))
    if _item_class(item) in ("picture", "graphic") and not draft.body:
        figure = _picture(item)
        if figure is not None:
            draft.body.extend(reader.block(figure))
            findings.add("DT360", "a picture item was imported as an article with one figure")
    if draft.place is None and draft.body:
        lead_dateline(draft)
    reader.report()
    if kind == "newsMessage":
        _further_items(root, item, draft)
    article = draft.finish(data)
    return ReadResult(article, tuple(findings.items))


def _further_items(message: etree._Element, item: etree._Element, draft: Draft) -> None:
    """Report the message's other items, except picture items the article already shows
    (a package written by newsml_package.py)."""
    shown = {b.image.src for b in draft.body if isinstance(b, m.Figure)}
    others = []
    for other in message.iter():
        if local(other) != "newsItem" or other is item:
            continue
        hrefs = {squash(e.get("href")) for e in other.iter() if local(e) == "remoteContent"}
        if _item_class(other) == "picture" and hrefs and hrefs <= shown:
            continue
        others.append(other)
    if others:
        draft.findings.add("DT361", f"{len(others)} further item(s) of the message not imported")


def _item_class(item: etree._Element) -> str:
    meta = _kid(item, "itemMeta")
    item_class = _kid(meta, "itemClass")
    if item_class is None:
        return ""
    return squash(item_class.get("qcode")).split(":", 1)[-1]


def _content(item: etree._Element) -> etree._Element | None:
    """The body carried in inlineXML: a nitf element, or XHTML (html/body/div...)."""
    inlines = [e for e in item.iter() if local(e) == "inlineXML"]
    for inline in inlines:
        children = [c for c in inline if local(c)]
        if children:
            return children[0]
    return None


def _item(draft: Draft, item: etree._Element) -> None:
    """Metadata of the newsItem; what the NITF body already gave is kept."""
    guid = squash(item.get("guid"))
    if guid:
        draft.id = guid[len(URI_PREFIX) :] if guid.startswith(URI_PREFIX) else guid
    version = squash(item.get("version"))
    if version.isdigit() and int(version) > 0:
        draft.revision = int(version)
    meta = _kid(item, "itemMeta")
    content = _kid(item, "contentMeta")
    draft.lang = draft.lang or language_tag(item.get(XML_LANG))
    language = _kid(content, "language")
    if language is not None:
        draft.lang = draft.lang or language_tag(language.get("tag"))
    for provider in _kids(meta, "provider"):
        if _name(provider):
            draft.providers.append(_name(provider))
    first = _kid(meta, "firstCreated")
    version_created = _kid(meta, "versionCreated")
    first_stamp = (
        draft.stamp(text_of(first), "firstCreated", first.sourceline) if first is not None else None
    )
    version_stamp = (
        draft.stamp(text_of(version_created), "versionCreated", version_created.sourceline)
        if version_created is not None
        else None
    )
    # in a dtmarkup export, versionCreated without firstCreated is not a publication time:
    # the article had none (never invent one), and a versionCreated that is only the
    # writer's stand-in (the dateline's day at 00:00Z, or the epoch: model.version_stamp)
    # is not a time at all. Other agencies' versionCreated stands for publication.
    ours = (item.get("guid") or "").startswith(URI_PREFIX)
    draft.published = draft.published or first_stamp or (None if ours else version_stamp)
    if version_stamp and draft.published and later(version_stamp, draft.published):
        draft.updated = draft.updated or version_stamp
    elif version_stamp and draft.published is None:
        draft.version = version_stamp
        created = _kid(content, "contentCreated") if content is not None else None
        day = text_of(created)[:10] if created is not None else ""
        if version_stamp not in (f"{day}T00:00:00Z", "1970-01-01T00:00:00Z"):
            draft.updated = version_stamp
    unused = ["rights" if _kid(item, "rightsInfo") is not None else ""]
    unused += ["editorial note" for _ in _kids(meta, "edNote")[:1]]
    if content is not None:
        unused += ["urgency" for _ in _kids(content, "urgency")[:1]]
        unused += ["genre" for _ in _kids(content, "genre")[:1]]
        unused += ["slugline" for s in _kids(content, "slugline")[:1] if text_of(s)]
    draft.unused_metadata(unused)
    if content is None:
        return
    _content_meta(draft, content)


def _content_meta(draft: Draft, content: etree._Element) -> None:
    for source in _kids(content, "infoSource"):
        if _name(source):
            draft.providers.append(_name(source))
            if "publisher" in squash(source.get("role")) and draft.publication is None:
                ref = squash(source.get("literal"))
                if draft.is_kind(ref, m.Organization):
                    draft.publication = draft.publication_ref(ref, _name(source))
                else:
                    draft.publication = draft.media(_name(source))
    for credit in _kids(content, "creditline"):
        if text_of(credit):
            draft.providers.append(text_of(credit))
    headlines = _kids(content, "headline")
    for headline in headlines:
        role = squash(headline.get("role"))
        if not text_of(headline):
            continue
        if not role or role.endswith(":main"):
            draft.headline = draft.headline or text_of(headline)
        elif not draft.subheadline:
            draft.subheadline = text_of(headline)
    if not draft.headline:
        slug = _kid(content, "slugline")
        if slug is not None and text_of(slug):
            draft.headline = text_of(slug)
            draft.findings.add("DT343", "the headline was taken from the slugline")
    for keyword in _kids(content, "keyword"):
        if text_of(keyword):
            draft.keywords.append(text_of(keyword))
    for subject in _kids(content, "subject"):
        code = squash(subject.get("qcode"))
        label = _name(subject)
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]{0,31}:[A-Za-z0-9_.\-]{1,64}", code) and label:
            draft.subjects.append(m.Subject(code, label))
    if not draft.authors:
        for creator in _kids(content, "creator"):
            role = squash(creator.get("role"))
            shown = _name(creator)
            if not shown or "photographer" in role:
                continue
            if not looks_like_person(shown):
                draft.findings.add(
                    "DT344",
                    f"the creator {shown!r} is not a personal name",
                    line=creator.sourceline,
                )
                continue
            ref = squash(creator.get("literal"))
            if draft.is_kind(ref, m.Person):
                draft.authors.append(m.EntityName(ref, shown))
            else:
                draft.authors.append(m.EntityName(draft.person(shown), shown))
    if not draft.authors:
        by = _kid(content, "by")
        if by is not None and text_of(by):
            names, trailing = parse_byline(text_of(by))
            draft.wire_byline(text_of(by), names, trailing)
            for entry in names:
                ref = (
                    draft.person(entry.text, title=entry.title)
                    if entry.is_person
                    else draft.organization(entry.text)
                )
                draft.authors.append(m.EntityName(ref, entry.text))
            draft.byline_text = text_of(by) if names else None
            if trailing and draft.publication is None:
                draft.publication = draft.media(trailing)
    created = _kid(content, "contentCreated")
    if created is not None and draft.date is None:
        when = parse_when(text_of(created))
        if when is not None:
            draft.date = m.DateRef(when.date, when.date)
    dateline = _kid(content, "dateline")
    located = _kid(content, "located")
    if draft.place is None and located is not None and _name(located):
        country = None
        for broader in _kids(located, "broader"):
            code = squash(broader.get("qcode"))
            if "cntry" in squash(broader.get("type")) or code.startswith(("iso3166", "cntry")):
                country = iso_code(code) or country_named(_name(broader))
        shown = _name(located)
        if dateline is not None and text_of(dateline).upper().startswith(shown.upper()):
            shown = text_of(dateline)[: len(shown)]
        draft.set_dateline_place(_name(located), country)
        if draft.place is not None:
            draft.place = m.EntityName(draft.place.ref, shown)
    elif draft.place is None and dateline is not None and text_of(dateline):
        place = text_of(dateline).split(",")[0].split("(")[0].strip(" -—–.")
        if place and parse_when(place) is None:
            draft.set_dateline_place(place)
            draft.findings.add("DT346", f"the dateline place {place!r} was read from the dateline")


def _picture(item: etree._Element) -> etree._Element | None:
    """An HTML figure for a picture item: remoteContent, caption, credit line."""
    contents = [e for e in item.iter() if local(e) == "remoteContent" and e.get("href")]
    if not contents:
        return None
    contents.sort(
        key=lambda e: -int(e.get("width") or 0) if (e.get("width") or "").isdigit() else 0
    )
    figure = etree.Element("figure")
    etree.SubElement(figure, "img", src=squash(contents[0].get("href")))
    content = _kid(item, "contentMeta")
    for description in _kids(content, "description"):
        if "caption" in squash(description.get("role")) or not description.get("role"):
            etree.SubElement(figure, "figcaption").text = text_of(description)
            break
    creators = [_name(c) for c in _kids(content, "creator") if _name(c)]
    credit = _kid(content, "creditline")
    parts = [*creators[:1], text_of(credit) if credit is not None else ""]
    line = "/".join(p for p in parts if p)
    if line:
        etree.SubElement(figure, "small", {"class": "credit"}).text = line
    return figure
