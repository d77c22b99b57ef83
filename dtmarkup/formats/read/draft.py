"""What the NITF, NewsML-G2 and ninjs readers share: a safe XML parse, date repair, and an
article draft that fills the gaps a source leaves with documented, reported fallbacks.

A dtmarkup article needs things agency copy often lacks (a byline, a dateline place with a
country, a dateline date, an id, a language). ``Draft.finish`` supplies each one from the
best evidence the reader found, in a fixed order, and every guess becomes a DT3xx finding;
the result always satisfies dtmarkup-1.xsd.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html.entities
import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from dtmarkup import model as m
from dtmarkup.check import check_bytes
from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic, Severity
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats.read import places
from dtmarkup.formats.read.credits import (
    BylineName,
    display_name,
    is_agency,
    looks_like_person,
)
from dtmarkup.sources import sniff
from dtmarkup.xml import gate
from dtmarkup.xml.serialize import serialize


def local(element: etree._Element) -> str:
    """The local name of an element, whatever its namespace ('' for comments and PIs)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def squash(text: str | None) -> str:
    """White space runs as one space, ends stripped."""
    return " ".join((text or "").split())


def text_of(element: etree._Element) -> str:
    """All text of an element and its descendants (comments skipped, ``br`` as a space),
    white space squashed."""
    return squash("".join(_itertext(element)))


def _itertext(element: etree._Element) -> list[str]:
    out = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            if local(child) == "br":
                out.append(" ")
            out.extend(_itertext(child))
        out.append(child.tail or "")
    return out


# ---------------------------------------------------------------------------- safe XML


@dataclass
class Findings:
    """The DT3xx findings of one import, in the order they were made."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self, code: str, message: str, *, xpath: str | None = None, line: int | None = None
    ) -> None:
        self.items.append(diagnostic(code, message, xpath=xpath, line=line))


def refuse(code: str, message: str, name: str, *, line: int | None = None) -> InvalidDocumentError:
    """The exception a reader raises when an input cannot become an article."""
    return InvalidDocumentError(f"{name}: {message}", (diagnostic(code, message, line=line),))


_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_ENTITY_REF = re.compile(rb"&([A-Za-z][A-Za-z0-9]{0,31});")


def _doctype_end(data: bytes, start: int) -> int | None:
    """End offset (exclusive) of a DOCTYPE without internal subset; None when it has one."""
    quote = 0
    for index in range(start + 9, len(data)):
        byte = data[index]
        if quote:
            if byte == quote:
                quote = 0
        elif byte in (0x22, 0x27):
            quote = byte
        elif byte == 0x5B:  # '[': an internal subset, which may declare entities
            return None
        elif byte == 0x3E:  # '>'
            return index + 1
    return None


def parse_xml(data: bytes, name: str, findings: Findings) -> etree._Element:
    """Parse an agency XML document through the input gate's screen and parser.

    A DOCTYPE naming an external DTD (usual in NITF 3.x files) is blanked out before
    parsing, never loaded (DT340); named HTML entities such a DTD would have declared are
    then written as character references (DT342). A DOCTYPE with an internal subset is
    refused (DT341): entities declared there will not be expanded. Processing instructions
    and schema location hints, which the gate refuses in dtmarkup documents, are ignored
    here: nothing acts on them.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    start = _prolog_doctype(body)
    if start >= 0:
        line = body.count(b"\n", 0, start) + 1
        end = _doctype_end(body, start)
        if end is None:
            raise refuse(
                "DT341",
                "the DOCTYPE has an internal subset; its declarations are not read and "
                "entities declared there cannot be expanded",
                name,
                line=line,
            )
        blank = bytes(b if b in (0x0A, 0x0D) else 0x20 for b in body[start:end])
        body = body[:start] + blank + body[end:]
        findings.add(
            "DT340", "the DOCTYPE declaration was ignored (its DTD was not loaded)", line=line
        )
        body, count = _resolve_html_entities(body)
        if count:
            findings.add("DT342", f"{count} named HTML entity reference(s) written as characters")
    try:
        # Processing instructions and schema location hints, refused in dtmarkup documents,
        # are inert here: agencies send them and nothing acts on them.
        return gate.parse_bytes(body, permit=gate.PERMISSIBLE).getroot()
    except gate.InputRejected as exc:
        raise InvalidDocumentError(f"{name}: input refused", exc.diagnostics) from None


def _prolog_doctype(data: bytes) -> int:
    """Offset of a DOCTYPE in the prolog of an ASCII-compatible document, or -1."""
    pos = 0
    while True:
        while pos < len(data) and data[pos] in b" \t\r\n":
            pos += 1
        if data.startswith(b"<?", pos):
            end, size = data.find(b"?>", pos), 2
        elif data.startswith(b"<!--", pos):
            end, size = data.find(b"-->", pos), 3
        elif data[pos : pos + 9].upper() == b"<!DOCTYPE":
            return pos
        else:
            return -1
        if end < 0:
            return -1
        pos = end + size


def _resolve_html_entities(data: bytes) -> tuple[bytes, int]:
    count = 0

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal count
        entity = match.group(1).decode("ascii")
        if entity in _XML_ENTITIES or entity not in html.entities.name2codepoint:
            return match.group(0)
        count += 1
        return f"&#{html.entities.name2codepoint[entity]};".encode("ascii")

    return _ENTITY_REF.sub(replace, data), count


def root_name(data: bytes) -> str | None:
    """The local name of the first element, read from the first bytes only (for sniffing)."""
    return sniff.root_name(data)


# ---------------------------------------------------------------------------- writing

# ---------------------------------------------------------------------------- dates

_DATE_TIME = re.compile(
    r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(\.\d+)?)?)?"
    r"\s*(Z|[+\-]\d{2}(?::?\d{2})?)?$"
)


@dataclass(frozen=True, slots=True)
class When:
    """A date or time from a source, repaired to what dtmarkup accepts."""

    date: str
    """xs:date, YYYY-MM-DD."""
    timestamp: str | None
    """xs:dateTime with a time zone, or None when the source gave only a day."""
    assumed_utc: bool = False
    """The source gave a time without a zone; UTC was assumed."""


def parse_when(value: str | None) -> When | None:
    """Basic (``20151210T191044Z``) or extended ISO 8601; offsets like ``+0100`` repaired."""
    text = squash(value)
    match = _DATE_TIME.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        _dt.date(int(year), int(month), int(day))
        if hour is not None:
            _dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    date = f"{year}-{month}-{day}"
    if hour is None:
        return When(date, None)
    assumed = zone is None
    if zone is None or zone == "Z":
        offset = "Z"
    else:
        digits = zone[1:].replace(":", "")
        offset = f"{zone[0]}{digits[:2]}:{(digits[2:] or '00')[:2]}"
        if offset in ("+00:00", "-00:00"):
            offset = "Z"
    stamp = f"{date}T{hour}:{minute}:{second or '00'}{fraction or ''}{offset}"
    return When(date, stamp, assumed)


# ---------------------------------------------------------------------------- the draft


def slug(text: str) -> str:
    """An EntityId: ASCII lower case letters, digits and hyphens, starting with a letter."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("ð", "d")
    value = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:56].strip("-")
    if not value or not value[0].isalpha():
        value = f"e-{value}".strip("-")
    return value


def article_id(raw: str | None, seed: bytes) -> str:
    """An ArticleId from a source identifier (or a digest of the input when there is none)."""
    text = re.sub(r"^[A-Za-z][A-Za-z0-9+.\-]*://", "", squash(raw))  # http://x/y -> x-y
    value = re.sub(r"[^A-Za-z0-9._:\-]+", "-", text).strip("-._:")[:200]
    if value and value[0].isalnum():
        return value
    return "import-" + hashlib.sha256(seed).hexdigest()[:16]


_LANGUAGE = re.compile(
    r"[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-[a-zA-Z]{2}|-[0-9]{3})?(-[a-zA-Z0-9]{5,8}|-[0-9][a-zA-Z0-9]{3})*"
    r"(-[xX](-[a-zA-Z0-9]{1,8})+)?"
)
"""The pattern dtmarkup's xml.xsd gives xml:lang."""


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag as dtmarkup accepts it (``nb_NO`` repaired, else its language
    subtag), or None."""
    tag = squash(value).replace("_", "-")
    if _LANGUAGE.fullmatch(tag):
        return tag
    primary = tag.split("-")[0]
    return primary.lower() if _LANGUAGE.fullmatch(primary) else None


def _key(name: str) -> str:
    return squash(name).casefold()


@dataclass
class Draft:
    """An article being imported: what the source said, and what is still missing."""

    name: str
    findings: Findings = field(default_factory=Findings)
    id: str | None = None
    lang: str | None = None
    revision: int | None = None
    headline: str | None = None
    subheadline: str | None = None
    authors: list[m.EntityName] = field(default_factory=list)
    publication: m.EntityName | None = None
    place: m.EntityName | None = None
    date: m.DateRef | None = None
    published: str | None = None
    updated: str | None = None
    version: str | None = None
    """When the source's version was made, when it gives no publication time: used only
    for the dateline's date (DT348), never as a publication time."""
    subjects: list[m.Subject] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    body: list[m.Block] = field(default_factory=list)
    byline_text: str | None = None
    """The byline as written, when it named no person."""
    providers: list[str] = field(default_factory=list)
    """Organizations that distributed or own the item: the byline fallback, in order."""
    entities: dict[str, m.Entity] = field(default_factory=dict)
    unplaced: str | None = None
    """A dateline place as written whose country is unknown (left out, DT364)."""
    inferred_countries: list[str] = field(default_factory=list)
    """Places whose country came from the gazetteer, not the source (DT365)."""
    _names: dict[tuple[str, str], str] = field(default_factory=dict)
    _pending_places: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ entities

    def _new_id(self, text: str, wanted: str | None = None) -> str:
        base = wanted if wanted and re.fullmatch(r"[a-z][a-z0-9\-]{0,63}", wanted) else None
        base = base or slug(text)
        candidate, number = base, 2
        while candidate in self.entities:
            candidate = f"{base[:60]}-{number}"
            number += 1
        return candidate

    def add(self, entity: m.Entity) -> str:
        """Register an entity as given (ids from a dtmarkup export are kept)."""
        if entity.id in self.entities:
            return entity.id
        self.entities[entity.id] = entity
        kind = {m.Place: "place", m.Person: "person"}.get(type(entity), "org")
        self._names.setdefault((kind, _key(entity.name)), entity.id)
        return entity.id

    def is_kind(self, ref: str | None, kind: type | tuple[type, ...]) -> bool:
        """Whether ``ref`` names a registered entity of this kind (a reference read from a
        file is checked before it is used: a wrong kind would break a keyref)."""
        return ref is not None and isinstance(self.entities.get(ref), kind)

    def is_agent(self, ref: str | None) -> bool:
        return self.is_kind(ref, (m.Person, m.Organization))

    def publication_ref(self, ref: str, shown: str) -> m.EntityName:
        """A registered organization as the publication, made of kind media (rule DT211)."""
        entity = self.entities[ref]
        if isinstance(entity, m.Organization) and entity.kind != "media":
            self.entities[ref] = m.Organization(entity.id, "media", entity.name)
        return m.EntityName(ref, shown)

    def agent_named(self, name: str) -> str | None:
        """The id of a person or organization already registered under this name."""
        key = _key(display_name(name))
        return self._names.get(("person", key)) or self._names.get(("org", _key(name)))

    def person(self, text: str, *, title: str | None = None) -> str:
        """The id of the person called ``text`` (registered on first use)."""
        name = display_name(text)
        found = self._names.get(("person", _key(name)))
        if found is not None:
            return found
        entity_id = self._new_id(name)
        return self.add(m.Person(entity_id, name, squash(title) or None))

    def organization(self, text: str, kind: str | None = None) -> str:
        """The id of the organization called ``text`` (registered on first use)."""
        name = squash(text)
        found = self._names.get(("org", _key(name)))
        if found is not None:
            return found
        if kind is None:
            kind = "media" if is_agency(name) else "other"
        entity_id = self._new_id(name)
        return self.add(m.Organization(entity_id, kind, name))

    def agent(self, text: str) -> str:
        """A person when the text reads as a personal name, else an organization."""
        found = self.agent_named(text)
        if found is not None:
            return found
        return self.person(text) if looks_like_person(text) else self.organization(text)

    def place_known(self, text: str, country: str | None = None) -> str | None:
        """The id of a place whose country the source or the gazetteer knows, else None
        (never a guessed country: the caller reports the place instead)."""
        name = display_name(text)
        found = self._names.get(("place", _key(name)))
        if found is not None:
            return found
        code = places.iso_code(country) or places.country_named(country or "")
        from_source = code is not None
        code = code or places.country_for(name)
        if code is None:
            return None
        entity_id = self.add(m.Place(self._new_id(name), code, name))
        if not from_source:
            self.inferred_countries.append(f"{name} ({code})")
        return entity_id

    # ------------------------------------------------------------------ finishing

    def set_dateline_place(self, text: str, country: str | None = None) -> None:
        """The dateline place as displayed; ``Oslo, Norway`` and ``Newport News, VA`` are
        registered as Oslo (NO) and Newport News (US). A place whose country neither the
        source nor the gazetteer knows leaves the article without a dateline (DT364)."""
        shown = squash(text).strip(" ,.-—–")
        if not shown:
            return
        name = shown
        head, _, tail = shown.rpartition(",")
        if head.strip() and country is None:
            code = places.country_for(f"X, {tail.strip()}")
            if code is not None:
                name, country = head.strip(), code
        ref = self.place_known(name, country)
        if ref is None:
            self.unplaced = shown
            return
        self.place = m.EntityName(ref, shown)

    def finish(self, seed: bytes, *, raw_id: str | None = None) -> m.Article:
        """The article, every missing required part filled in and reported."""
        f = self.findings
        article_id_value = article_id(raw_id if raw_id is not None else self.id, seed)
        if raw_id is None and self.id is None:
            f.add(
                "DT356",
                f"the source has no identifier; the article id {article_id_value!r} "
                "was derived from its content",
            )
        if not self.lang:
            self.lang = "und"
            f.add("DT355", "the source does not say its language; xml:lang='und' was used")
        headline = squash(self.headline)
        if not headline:
            first = next(
                (m.plain_text(b.content) for b in self.body if isinstance(b, m.Paragraph)), ""
            )
            headline = squash(first)[:100].strip() or "Untitled"
            f.add("DT343", f"the source has no headline; {headline!r} was used")
        authors = self._person_authors()
        if not any(_has_content(block) for block in self.body):
            raise refuse(
                "DT366",
                "no body text was found in the source (or none this importer can read): "
                "an article without its story is not a conversion",
                self.name,
            )
        dateline = self._dateline()
        head = m.Head(
            headline=headline,
            subheadline=squash(self.subheadline) or None,
            byline=m.Byline(tuple(authors), self.publication),
            dateline=dateline,
            entities=m.Entities(tuple(self.entities.values())),
            published=self.published,
            updated=self.updated if self.updated != self.published else None,
            subjects=tuple(_unique_subjects(self.subjects)),
            keywords=tuple(dict.fromkeys(k for k in (squash(k) for k in self.keywords) if k)),
        )
        article = m.Article(
            id=article_id_value,
            lang=self.lang,
            head=head,
            body=tuple(self.body),
            schema_version="1.0" if dateline is not None else "1.1",
            revision=self.revision,
        )
        _verify(article, self.name)
        return article

    def _dateline(self) -> m.Dateline | None:
        """The dateline, when the source gives its place with a country the source or the
        gazetteer knows; else none (schema 1.1), said by DT364. Never a guessed place."""
        f = self.findings
        if self.inferred_countries:
            f.add(
                "DT365",
                "countries not given by the source were looked up in the gazetteer: "
                + ", ".join(dict.fromkeys(self.inferred_countries)),
            )
        if self.place is None:
            if self.unplaced is not None:
                f.add(
                    "DT364",
                    f"the country of the dateline place {self.unplaced!r} is given neither by "
                    "the source nor by the gazetteer: the article has no dateline",
                )
            else:
                f.add("DT364", "the source has no dateline place: the article has no dateline")
            return None
        if self.date is None:
            stamp = self.published or self.updated or self.version
            if stamp is None:
                f.add(
                    "DT364",
                    "the source has no date for its dateline and no timestamp: the article "
                    "has no dateline",
                )
                return None
            day = stamp[:10]
            self.date = m.DateRef(day, day)
            f.add("DT348", f"the dateline has no date; {day} was taken from the item's timestamps")
        if self.published is not None and later(self.date.when, self.published):
            day = self.published[:10]
            f.add(
                "DT368",
                f"the dateline date {self.date.when} is later than the publication time "
                f"{self.published}; the publication day {day} was used",
            )
            self.date = m.DateRef(day, day)
        return m.Dateline(self.place, self.date)

    def wire_byline(self, text: str, names: list[BylineName], publication: str | None) -> None:
        """Say how a byline in a wire form was read (DT369)."""
        if any(entry.wire for entry in names):
            persons = ", ".join(entry.text for entry in names if entry.is_person)
            titles = "; ".join(entry.title for entry in names if entry.title)
            self.findings.add(
                "DT369",
                f"the byline {text!r} was read as author(s) {persons}"
                + (f", title {titles!r}" if titles else "")
                + (f", publication {publication!r}" if publication else ""),
            )

    def media(self, text: str) -> m.EntityName:
        """A publication: the organization called ``text``, made of kind media."""
        shown = squash(text)
        entity_id = self.organization(shown, "media")
        entity = self.entities[entity_id]
        if isinstance(entity, m.Organization) and entity.kind != "media":
            self.entities[entity_id] = m.Organization(entity.id, "media", entity.name)
        return m.EntityName(entity_id, shown)

    def _person_authors(self) -> list[m.EntityName]:
        """Byline authors as persons (dtmarkup rule DT211): organizations named in the byline
        become the publication, and a staff person of that organization the author."""
        f = self.findings
        persons = [a for a in self.authors if isinstance(self.entities.get(a.ref), m.Person)]
        orgs = [a for a in self.authors if not isinstance(self.entities.get(a.ref), m.Person)]
        if orgs and self.publication is None:
            self.publication = self.media(orgs[0].text)
        if persons:
            return persons
        shown = squash(self.byline_text) or ", ".join(a.text for a in orgs)
        if orgs:
            found = self.entities.get(orgs[0].ref)
            who = found.name if found is not None else orgs[0].text
        else:
            who = next((squash(p) for p in self.providers if squash(p)), "")
            if who and self.publication is None:
                self.publication = self.media(who)
            shown = shown or who
        if not who:
            person = self.person("Unknown author")
            f.add("DT344", "the source names no author or provider; 'Unknown author' was used")
            return [m.EntityName(person, "Unknown author")]
        staff = f"{who} staff"
        person = self.person(staff, title="Staff")
        entity = self.entities[person]
        if isinstance(entity, m.Person) and self.publication is not None:
            affiliation = m.Affiliation(self.publication.ref, self.publication.text)
            self.entities[person] = m.Person(entity.id, entity.name, entity.title, affiliation)
        f.add(
            "DT344",
            f"the byline names no person; a person {staff!r} stands in as author "
            f"and {who!r} is the publication",
        )
        return [m.EntityName(person, shown or staff)]

    def unused_metadata(self, names: list[str]) -> None:
        """Report item metadata the source had and dtmarkup has no place for (DT363)."""
        names = list(dict.fromkeys(n for n in names if n))
        if names:
            self.findings.add("DT363", f"not carried over: {', '.join(names)}")

    def stamp(self, value: str | None, what: str, line: int | None = None) -> str | None:
        """An xs:dateTime with zone from a source value; a missing zone is reported."""
        when = parse_when(value)
        if when is None:
            return None
        if when.timestamp is None:
            zone = re.search(r"(Z|[+\-]\d{2}:?\d{2})$", squash(value))
            offset = "Z"
            if zone and zone.group(1) != "Z":
                digits = zone.group(1)[1:].replace(":", "")
                offset = f"{zone.group(1)[0]}{digits[:2]}:{digits[2:4]}"
            if offset in ("+00:00", "-00:00"):
                offset = "Z"
            self.findings.add(
                "DT362",
                f"{what} {squash(value)!r} is a day without a time; 00:00 was assumed",
                line=line,
            )
            return f"{when.date}T00:00:00{offset}"
        if when.assumed_utc:
            self.findings.add(
                "DT352", f"{what} {squash(value)!r} has no time zone; UTC assumed", line=line
            )
        return when.timestamp


def _has_content(block: m.Block) -> bool:
    """Whether a body block holds story text (or is a figure)."""
    if isinstance(block, m.Figure):
        return True
    if isinstance(block, m.ListBlock):
        return any(squash(m.plain_text(item)) for item in block.items)
    content = getattr(block, "content", None)
    if isinstance(content, tuple):
        return bool(squash(m.plain_text(content)))
    paragraphs = getattr(block, "paragraphs", ())
    return any(squash(m.plain_text(p.content)) for p in paragraphs)


def _verify(article: m.Article, name: str) -> None:
    """Every import passes the checks a parsed document passes (schema, then rules), or is
    refused (DT367) rather than handed on as an article that fails them."""
    report = check_bytes(serialize(article), name)
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    if errors:
        listed = "; ".join(f"{d.code} {d.message}" for d in errors[:3])
        raise refuse(
            "DT367", f"the imported article would not pass dtmarkup's checks: {listed}", name
        )


def _unique_subjects(subjects: list[m.Subject]) -> list[m.Subject]:
    seen: set[str] = set()
    out: list[m.Subject] = []
    for subject in subjects:
        if subject.qcode not in seen and squash(subject.text):
            seen.add(subject.qcode)
            out.append(subject)
    return out


def later(a: str, b: str) -> bool:
    """Whether the xs:date/xs:dateTime ``a`` is after ``b`` (a date counts as 00:00Z)."""

    def instant(value: str) -> _dt.datetime:
        when = m.parse_when(value)
        if isinstance(when, _dt.datetime):
            return when
        return _dt.datetime(when.year, when.month, when.day, tzinfo=_dt.UTC)

    return instant(a) > instant(b)


def qcode(scheme: str, code: str) -> str | None:
    """A dtmarkup QCode, or None when ``code`` cannot be one."""
    value = re.sub(r"[^A-Za-z0-9_.\-]", "-", squash(code))[:64]
    if not value:
        return None
    candidate = f"{scheme}:{value}"
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]{0,31}:[A-Za-z0-9_.\-]{1,64}", candidate):
        return candidate
    return None


def today() -> str:
    """The import date (UTC). A function so that tests can pin it."""
    return _dt.datetime.now(_dt.UTC).date().isoformat()


def strip_quote_marks(content: list[object]) -> list[object]:
    """Drop one pair of quotation marks around mixed content (dtmarkup quotes carry none)."""
    pairs = {"“": "”", "«": "»", '"': '"', "„": "“", "‘": "’", "»": "«", "”": "”"}
    if not content or not isinstance(content[0], str) or not isinstance(content[-1], str):
        return content
    first, last = content[0].lstrip(), content[-1].rstrip()
    if first and first[0] in pairs and last and last[-1] == pairs[first[0]]:
        if len(content) == 1:
            inner = first[1:-1] if len(first) > 1 else ""
            return [inner] if inner else []
        return [first[1:], *content[1:-1], last[:-1]]
    return content


def lead_dateline(draft: Draft) -> None:
    """A dateline at the start of the first paragraph: ``NEW YORK (AP) —``."""
    first = next((b for b in draft.body if isinstance(b, m.Paragraph)), None)
    if first is None:
        return
    text = m.plain_text(first.content).lstrip()
    match = re.match(
        r"^(?P<place>[A-ZÀ-Þ][\w.'’\- ]{1,40}?)(?:,\s*(?P<extra>[\w.' ]{2,30}?))?\s*"
        r"\((?P<agency>[\w .\-]{1,20})\)\s*(?:[-—–]{1,2}|\.-)",
        text,
    )
    if match is None:
        return
    extra = match.group("extra")
    country = places.country_named(extra) if extra else None
    draft.set_dateline_place(match.group("place"), country)
    draft.findings.add(
        "DT346", f"the dateline place {match.group('place')!r} was read from the first paragraph"
    )
