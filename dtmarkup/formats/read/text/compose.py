"""The analysed text -> a ``dtmarkup.model.Article``: head (headline, byline, dateline,
registry), figure, paragraphs and block quotes. Findings for every placeholder and every
assumption. A story without a dateline (or without the date one needs) is written without
one (DT389, schema 1.1); only a text with no running text is refused (DT387)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dtmarkup import codes
from dtmarkup import model as m
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats.read.text import names, places, quotes
from dtmarkup.formats.read.text.analyze import Analysis, BlockMarks, Mark
from dtmarkup.formats.read.text.names import Entity

PLACEHOLDER_SRC = "about:blank"

_STOPWORDS = {
    "en": "the and of to in is that was for with said on as at by",
    "de": "der die das und ist nicht mit den von zu sich des dem auf für",
    "fr": "le la les et des est une que dans pour pas sur du au",
    "es": "el la los las y que en del por con una para es se",
    "sv": "och att det som för är på med till av inte den har en ett",
    "no": "og det som for er på med til av ikke har en et de han",
    "da": "og det som for er på med til af ikke har en et de han",
    "it": "il la di che e per non una sono del della con",
}


def detect_language(text: str) -> str:
    """The language whose function words are commonest in ``text``; English when unsure."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {
        lang: sum(1 for w in words if w in set(stop.split())) for lang, stop in _STOPWORDS.items()
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "en"


def _title_case(text: str) -> str:
    return text.title() if text.isupper() else text


def _cut(text: str, limit: int = 110) -> str:
    text = " ".join(text.split()).rstrip(" .")
    if len(text) <= limit:
        return text
    clause = text[:limit].rsplit(", ", 1)[0]
    if len(clause) >= 40 and clause != text[:limit]:
        return clause.rstrip(" ,;:")
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")


class Composer:
    """Builds the Article and collects what it had to assume."""

    def __init__(
        self,
        analysis: Analysis,
        publication: str | None,
        date_option: bool,
        dateline: tuple[str, str | None] | None = None,
    ) -> None:
        self.a = analysis
        self.layout = analysis.layout
        self.registry = analysis.registry
        self.publication = publication
        self.date_option = date_option
        self.dateline_option = dateline
        self.restore_dateline = False
        """The text's dateline was cut from the first paragraph but is not written as a
        dateline (no date, or no known country): the paragraph gets its text back."""
        self.findings: list[Diagnostic] = list(analysis.findings)
        self.errors: list[Diagnostic] = []

    def note(self, code: str, message: str, offset: int = 0) -> None:
        line, column = self.layout.position(offset)
        diagnostic = codes.diagnostic(code, message, line=line, column=column)
        (self.errors if diagnostic.severity.value == "error" else self.findings).append(diagnostic)

    def trace(self, offset: int, element: str, rule: str, evidence: str) -> None:
        self.a.trace.add(self.layout.position(offset), element, rule, evidence)

    # -- head

    def _publication(self) -> tuple[Entity | None, str | None]:
        byline = self.layout.byline
        written = byline.publication if byline else None
        if written is not None:
            text, offset = written
            name = _title_case(text)
            entity = self.registry.known_organization(text, "byline.publication")
            if entity is None:
                entity = self.registry.organization(name, "media", "byline.publication")
            self.trace(
                offset, f"byline/publication @ref={entity.id}", byline.rule if byline else "", text
            )
            if self.publication and self.publication.casefold() != text.casefold():
                self.note(
                    "DT386",
                    f"byline names {text!r}, --publication {self.publication!r}: the byline's kept",
                    offset,
                )
            return entity, text
        if self.publication:
            entity = self.registry.known_organization(self.publication, "option.publication")
            if entity is None:
                entity = self.registry.organization(self.publication, "media", "option.publication")
            self.note("DT386", f"publication {self.publication!r} from --publication")
            return entity, self.publication
        return None, None

    def byline(self) -> m.Byline:
        pub, pub_text = self._publication()
        byline = self.layout.byline
        authors: list[m.EntityName] = []
        if byline is None:
            person = self.registry.person("Staff", "byline.placeholder", title="Staff writer")
            if pub is not None:
                person.affiliation = pub.id
            self.note("DT382", 'no byline found: the author is the placeholder "Staff"')
            authors.append(m.EntityName(person.id, "Staff"))
        else:
            for name, offset in byline.authors:
                person = self.registry.person(_title_case(name), byline.rule, title=byline.title)
                if pub is not None and person.affiliation is None:
                    person.affiliation = pub.id
                authors.append(m.EntityName(person.id, name))
                self.trace(offset, f"byline/author @ref={person.id}", byline.rule, byline.text)
        publication = m.EntityName(pub.id, pub_text or pub.name) if pub is not None else None
        return m.Byline(tuple(authors), publication)

    def _option_place(self) -> tuple[Entity, str] | None:
        """The place of ``--dateline PLACE[, CC]``; the country from CC or the gazetteer."""
        if self.dateline_option is None:
            return None
        city, country = self.dateline_option
        country = country or places.city_code(city)
        if country is None:
            self.note(
                "DT375",
                f"--dateline {city!r}: country unknown; write it as --dateline '{city}, CC'",
            )
            return None
        place = self.registry.place(_title_case(city), country, "dateline.option")
        self.trace(0, f"dateline/place @ref={place.id}", "dateline.option", city)
        return place, city

    def _text_place(self) -> tuple[Entity, str] | None:
        """The place of the text's own dateline, else a known city of the caption."""
        layout = self.layout
        parts = layout.dateline
        if parts is not None:
            if parts.country is not None:
                place = self.registry.place(_title_case(parts.city), parts.country, parts.rule)
                self.trace(parts.offset, f"dateline/place @ref={place.id}", parts.rule, parts.text)
                return place, parts.city
            self.note("DT375", f"dateline place {parts.text!r}: country unknown", parts.offset)
        if layout.caption is not None:
            for found in names.spot(layout.caption.text, self.registry):
                entity = self.registry.get(found.entity_id)
                if entity is not None and entity.kind == "place" and places.city_code(entity.name):
                    self.note(
                        "DT378",
                        f"dateline place {entity.name!r} taken from the caption",
                        layout.caption.offset + found.start,
                    )
                    self.trace(
                        layout.caption.offset + found.start,
                        f"dateline/place @ref={entity.id}",
                        "dateline.caption-place",
                        layout.caption.text[found.start : found.end],
                    )
                    return entity, entity.name.upper()
        return None

    def dateline(self) -> m.Dateline | None:
        """The dateline, or None (DT389) when the story gives no place with a known country
        or no date: the schema does not require one, and none is invented."""
        layout = self.layout
        found = self._option_place() or self._text_place()
        when = self.a.reference_date
        if found is None or when is None:
            self.restore_dateline = layout.dateline is not None
            if found is None:
                why = "no dateline with a known country" + (
                    " and no known place in the caption" if layout.caption is not None else ""
                )
            else:
                why = f"dateline place {found[1]!r} but no date: give --date YYYY-MM-DD"
            self.note("DT389", f"written without a dateline: {why}")
            self.trace(0, "head (no dateline)", "dateline.none", why)
            return None
        place, display = found
        text = f"{when:%B} {when.day}, {when.year}"
        if self.a.reference_rule == "date.caption" and layout.caption is not None:
            self.note(
                "DT378",
                f"dateline date {when.isoformat()} taken from the caption",
                layout.caption.offset,
            )
            self.trace(
                layout.caption.offset,
                f"dateline/date @when={when.isoformat()}",
                "dateline.caption-date",
                text,
            )
        else:
            self.trace(
                0, f"dateline/date @when={when.isoformat()}", "date.option", when.isoformat()
            )
        return m.Dateline(m.EntityName(place.id, display), m.DateRef(when.isoformat(), text))

    def headline(self) -> str:
        layout = self.layout
        if layout.headline is not None:
            text = layout.headline.text
            if text.endswith(".") and not text.endswith(".."):
                text = text[:-1]  # a headline takes no full stop (DT207)
            self.trace(layout.headline.offset, "headline", layout.headline.rule, text)
            return text
        if layout.caption is not None:
            source, offset = layout.caption.text.split(", ")[0], layout.caption.offset
            rule = "headline.caption-first-clause"
        else:
            body = layout.body
            if not body:
                return ""
            first = body[0].text
            end = quotes.sentence_end(first, 0)
            source, offset = first[: end + 1], body[0].offset
            rule = "headline.first-sentence"
        headline = _cut(source)
        self.note("DT370", f"headline derived from the text: {headline!r}", offset)
        self.trace(offset, "headline", rule, source)
        return headline

    # -- body

    def inline(self, text: str, marks: list[Mark], lo: int, hi: int) -> tuple[Any, ...]:
        """Mixed content for ``text[lo:hi]`` with its marks; quotation marks dropped."""
        out: list[object] = []
        pos = lo
        inside = [
            mk
            for mk in marks
            if lo <= (mk.outer or (mk.start, mk.end))[0]
            and (mk.outer or (mk.start, mk.end))[1] <= hi
        ]
        inside.sort(
            key=lambda mk: (
                (mk.outer or (mk.start, mk.end))[0],
                -(mk.outer or (mk.start, mk.end))[1],
            )
        )
        for mk in inside:
            s, e = mk.outer or (mk.start, mk.end)
            if s < pos:
                continue
            out.append(text[pos:s])
            if mk.kind == "mention":
                out.append(m.Mention(mk.value, text[mk.start : mk.end]))
            elif mk.kind == "date":
                out.append(m.DateRef(mk.value, text[mk.start : mk.end]))
            else:
                start, end = mk.start, mk.end
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                nested = [x for x in marks if x is not mk and x.outer is None]
                content = self.inline(text, nested, start, end)
                if mk.kind == "q":
                    out.append(m.Quote(mk.value, content))
                else:
                    kind = mk.statement_kind or "statement"
                    out.append(m.InlineStatement(mk.value, kind, content))
            pos = e
        out.append(text[pos:hi])
        return m.normalize(tuple(out))

    def _strip_marks(self, text: str) -> tuple[int, int]:
        lo, hi = 0, len(text)
        if text[:1] in '“"«„':
            lo = 1
        if hi > lo and text[hi - 1] in '”"»“':
            hi -= 1
        return lo, hi

    def body(self) -> tuple[m.Block, ...]:
        blocks: list[m.Block] = []
        groups: dict[int, list[BlockMarks]] = {}
        for bm in self.a.blocks:
            if bm.block.group is not None:
                groups.setdefault(bm.block.group, []).append(bm)
        done: set[int] = set()
        for bm in self.a.blocks:
            block = bm.block
            if block.role == "paragraph":
                content = self.inline(block.text, bm.marks, 0, len(block.text))
                cut = self.layout.dateline
                if self.restore_dateline and cut is not None and block is self.layout.cut_block:
                    content = m.normalize((cut.text + " ", *content))
                    self.restore_dateline = False
                blocks.append(m.Paragraph(content))
            elif block.group is not None and block.group not in done:
                done.add(block.group)
                members = groups[block.group]
                speaker = self.a.quote_speakers.get(block.group)
                paragraphs = []
                attribution = None
                for member in members:
                    text = member.block.text
                    if member.block.role == "attribution":
                        lo = len(text) - len(text.lstrip("-–— "))
                        attribution = self.inline(text, member.marks, lo, len(text))
                        continue
                    lo, hi = self._strip_marks(text) if speaker else (0, len(text))
                    paragraphs.append(m.Paragraph(self.inline(text, member.marks, lo, hi)))
                if speaker is None:
                    blocks.extend(paragraphs)
                    if attribution is not None:
                        blocks.append(m.Paragraph(attribution))
                else:
                    blocks.append(m.BlockQuote(speaker, tuple(paragraphs), attribution))
        return tuple(blocks)

    def figure(self) -> m.Figure | None:
        layout = self.layout
        credit = layout.credit
        if credit is None:
            return None
        source, photographer = self._credit_agents(credit.text, credit.offset)
        caption_bm = next((bm for bm in self.a.blocks if bm.block.role == "caption"), None)
        caption = None
        alt = credit.text
        if caption_bm is not None:
            text = caption_bm.block.text
            caption = self.inline(text, caption_bm.marks, 0, len(text))
            alt = text
        self.note(
            "DT379",
            "the text has no image address: figure/image/@src is a placeholder "
            "and the alt text is the caption",
            credit.offset,
        )
        self.trace(
            credit.offset,
            f"figure/credit @source={source} @photographer={photographer}",
            credit.rule,
            credit.text,
        )
        return m.Figure(
            m.Image(PLACEHOLDER_SRC, alt=alt),
            m.Credit(credit.text, source, photographer),
            caption,
        )

    def _credit_agents(self, text: str, offset: int) -> tuple[str | None, str | None]:
        body = re.sub(r",\s*(?:File|Archive|Arkiv)\s*$", "", text.strip(), flags=re.IGNORECASE)
        who: str | None = None
        sources: list[str] = []
        mt = re.match(r"^(?P<src>.+?)\s+photo(?:graph)?\s+by\s+(?P<who>.+)$", body, re.IGNORECASE)
        ma = re.match(r"^(?P<src>[\w .&-]+?)\s+Photos?/(?P<who>.+)$", body)
        mv = re.match(r"^(?P<src>.+?)\s+via\s+(?P<via>.+)$", body)
        if mt is not None:
            sources, who = [mt.group("src")], mt.group("who")
        elif ma is not None:
            sources, who = [ma.group("src")], ma.group("who")
        elif mv is not None:
            sources = [mv.group("src"), mv.group("via")]
        else:
            parts = [p.strip() for p in body.split("/") if p.strip()]
            if (
                parts
                and len(parts[0].split()) in (2, 3)
                and all(w[:1].isupper() for w in parts[0].split())
                and names.KNOWN_ORGS
                and not self.registry.known_organization(parts[0], "credit")
            ):
                who, sources = parts[0], parts[1:]
            else:
                sources = parts
        source_id = None
        for src in sources:
            entity = self.registry.known_organization(
                src, "credit.source"
            ) or self.registry.organization_named(src, "credit.source")
            if entity is None:
                entity = self.registry.organization(src, "media", "credit.source")
                self.note(
                    "DT380", f"credit source {src!r} registered as a media organization", offset
                )
            source_id = entity.id
            break
        photographer_id = None
        if who:
            person = self.registry.person(who.strip(), "credit.photographer", title="Photographer")
            if source_id is not None and person.affiliation is None:
                person.affiliation = source_id
            photographer_id = person.id
        return source_id, photographer_id

    # -- registry

    def entities(self, article_refs: set[str]) -> m.Entities:
        wanted = set(article_refs)
        for entity in self.registry.items:
            if entity.id in wanted and entity.affiliation:
                wanted.add(entity.affiliation)
        out: list[m.Entity] = []
        first: dict[str, tuple[int, str]] = {}
        for bm in self.a.blocks:
            for mark in sorted(bm.marks, key=lambda x: x.start):
                if mark.kind == "mention" and mark.value not in first:
                    first[mark.value] = (
                        bm.block.offset + mark.start,
                        bm.block.text[mark.start : mark.end],
                    )
        for e in self.registry.items:
            if e.id in wanted:
                offset, written = first.get(e.id, (0, e.name))
                self.trace(offset, f"{e.kind} @id={e.id} ({e.name})", e.rule, written)
        for kind in ("person", "organization", "place"):
            for e in self.registry.items:
                if e.kind != kind or e.id not in wanted:
                    continue
                if kind == "person":
                    aff = self.registry.get(e.affiliation) if e.affiliation else None
                    out.append(
                        m.Person(
                            e.id,
                            e.name,
                            e.title,
                            m.Affiliation(aff.id, "") if aff is not None else None,
                        )
                    )
                elif kind == "organization":
                    if (
                        e.rule in ("org.name-ends-in-organization-noun", "org.unnamed-speaker")
                        and e.org_kind == "other"
                    ) or e.rule == "org.unnamed-speaker":
                        self.note(
                            "DT380", f"organization {e.name!r} registered with kind {e.org_kind!r}"
                        )
                    out.append(m.Organization(e.id, e.org_kind or "other", e.name))
                else:
                    out.append(m.Place(e.id, e.country or "", e.name))
        return m.Entities(tuple(out))


def _refs(node: object) -> Iterator[str]:
    if isinstance(node, tuple):
        for item in node:
            yield from _refs(item)
        return
    for attr in ("ref", "speaker", "by", "source", "photographer"):
        value = getattr(node, attr, None)
        if isinstance(value, str):
            yield value
    for attr in (
        "content",
        "paragraphs",
        "attribution",
        "caption",
        "credit",
        "items",
        "authors",
        "publication",
        "place",
    ):
        value = getattr(node, attr, None)
        if value is not None and not isinstance(value, str):
            yield from _refs(value)


def compose(
    analysis: Analysis,
    publication: str | None,
    date_option: bool,
    name: str,
    filed_at: tuple[str, str | None] | None = None,
) -> tuple[m.Article, list[Diagnostic]]:
    """The Article, with every finding; InvalidDocumentError when one is refused.
    ``filed_at`` is ``--dateline``: the place as written and its ISO country, if given."""
    composer = Composer(analysis, publication, date_option, filed_at)
    if not analysis.layout.body:
        composer.note("DT387", "the input holds no paragraph of running text")
        raise InvalidDocumentError(f"{name}: no text to convert", tuple(composer.errors))
    byline = composer.byline()
    figure = composer.figure()
    dateline = composer.dateline()
    headline = composer.headline()
    body = composer.body()
    if figure is not None:
        body = (figure, *body)
    if composer.errors:
        raise InvalidDocumentError(
            f"{name}: cannot be marked up", tuple(composer.errors + composer.findings)
        )
    refs = set(_refs(body)) | set(_refs(byline)) | set(_refs(dateline or ()))
    entities = composer.entities(refs)
    for person in entities.persons:
        quoted = any(True for r in _speakers(body) if r == person.id)
        if quoted and not person.title and person.affiliation is None:
            composer.note("DT381", f"{person.name} is quoted but has no title or affiliation")
    text_all = " ".join(b.text for b in analysis.layout.blocks)
    lang = detect_language(text_all)
    composer.note("DT383", f"language detected as {lang!r}")
    words = [w for w in re.findall(r"[\w]+", names.slug(headline).replace("-", " ")) if w][:6]
    when = analysis.reference_date
    prefix = when.isoformat() if when is not None else ""
    article_id = f"{prefix}-{'-'.join(words)}"[:120].strip("-") or "article"
    composer.note("DT384", f"article id {article_id!r} derived from the date and the headline")
    head = m.Head(headline=headline, byline=byline, dateline=dateline, entities=entities)
    article = m.Article(
        id=article_id,
        lang=lang,
        head=head,
        body=body,
        schema_version="1.1" if dateline is None else "1.0",
        revision=1,
    )
    return article, composer.findings


def _speakers(node: object) -> Iterator[str]:
    if isinstance(node, tuple):
        for item in node:
            yield from _speakers(item)
        return
    for attr in ("speaker", "by"):
        value = getattr(node, attr, None)
        if isinstance(value, str):
            yield value
    for attr in ("content", "paragraphs"):
        value = getattr(node, attr, None)
        if value is not None:
            yield from _speakers(value)
