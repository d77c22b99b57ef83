"""Run every rule over the segmented text: the registry, quotations and their speakers,
mentions and dates per block, the findings and the trace. ``compose`` turns the result
into a model Article; ``evaluate`` scores its quotations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dtmarkup import codes
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.formats.read.text import dates, gender, names, quotes
from dtmarkup.formats.read.text.explain import Trace
from dtmarkup.formats.read.text.names import Registry
from dtmarkup.formats.read.text.segment import Block, Layout


@dataclass(frozen=True, slots=True)
class Mark:
    """An inline element to build: a mention, a date, a quotation or a statement excerpt.
    For quotations ``start``/``end`` is the content and ``outer`` includes the marks."""

    start: int
    end: int
    kind: str
    """mention, date, q or statement."""
    value: str
    """The entity id, the date's @when, the speaker or issuer id."""
    rule: str
    outer: tuple[int, int] | None = None
    statement_kind: str | None = None


@dataclass(slots=True)
class BlockMarks:
    block: Block
    marks: list[Mark] = field(default_factory=list)
    speaker: str | None = None
    """For the first block of a block quote: its speaker (None: not attributable)."""


@dataclass(slots=True)
class Analysis:
    layout: Layout
    registry: Registry
    blocks: list[BlockMarks]
    reference_date: dt.date | None
    reference_rule: str | None
    trace: Trace
    findings: list[Diagnostic]
    quote_speakers: dict[int, str | None] = field(default_factory=dict)
    """Block-quote group -> speaker id."""
    genders: dict[str, str | None] = field(default_factory=dict)
    """Person id -> the gender the text gives it (filled as pronouns are resolved)."""


def _finding(layout: Layout, code: str, message: str, offset: int) -> Diagnostic:
    line, column = layout.position(offset)
    return codes.diagnostic(code, message, line=line, column=column)


def analyze(
    layout: Layout, date: dt.date | None = None, publication: str | None = None
) -> Analysis:
    """Every rule over ``layout``; ``date`` is the story date (--date)."""
    trace = Trace()
    findings: list[Diagnostic] = []
    registry = Registry()
    reference, reference_rule = date, "date.option" if date else None
    if reference is None and layout.caption is not None:
        found = dates.first_full_date(layout.caption.text)
        if found is not None and found.when is not None:
            reference = dt.date.fromisoformat(found.when)
            reference_rule = "date.caption"
    analysis = Analysis(layout, registry, [], reference, reference_rule, trace, findings)
    texts = [b for b in layout.blocks if b.role in ("caption", "paragraph", "quote", "attribution")]
    # 1. the registry: titled persons, organizations, places
    for block in texts:
        names.titled_persons(block.text, registry)
        names.given_name_persons(block.text, registry)
    for block in texts:  # after every full name is known: a surname links to its person
        names.subject_names(block.text, registry)
        names.known_organizations(block.text, registry)
        names.organizations_by_head(block.text, registry)
        names.known_places(block.text, registry)
    # 2. quotations, twice: the first pass only grows the registry with named speakers
    body = layout.body
    for final in (False, True):
        results = _quotations(analysis, body, final)
    analysis.blocks = [BlockMarks(b) for b in layout.blocks if b.role != "credit"]
    by_block = {id(bm.block): bm for bm in analysis.blocks}
    for block, spans in results:
        marks = by_block[id(block)].marks
        for span in spans:
            if span.speaker is None:
                continue
            entity = registry.get(span.speaker)
            kind = (
                "statement" if span.statement or (entity and entity.kind == "organization") else "q"
            )
            marks.append(
                Mark(
                    span.start,
                    span.end,
                    kind,
                    span.speaker,
                    _rule(span),
                    (span.open, span.close),
                    span.statement or ("statement" if kind == "statement" else None),
                )
            )
    # 3. block quotes
    for bm in analysis.blocks:
        block = bm.block
        if block.role == "quote" and block.group not in analysis.quote_speakers:
            analysis.quote_speakers[block.group or 0] = _blockquote_speaker(analysis, block)
    # 4. mentions and dates everywhere
    for bm in analysis.blocks:
        if bm.block.role in ("caption", "paragraph", "quote", "attribution"):
            _mentions_and_dates(analysis, bm)
    return analysis


def _context(
    analysis: Analysis,
    body: list[Block],
    index: int,
    quote_spans: list[quotes.QuoteSpan],
    last_speakers: list[tuple[int, str]],
) -> Callable[[int], quotes.Context]:
    """What a quotation of ``body[index]`` at a position may refer back to."""
    registry = analysis.registry
    genders = analysis.genders

    def gender_of(entity_id: str) -> str | None:
        if entity_id not in genders:
            entity = registry.get(entity_id)
            genders[entity_id] = (
                gender.of_person(entity.name, entity.title, analysis.layout.source)
                if entity is not None and entity.kind == "person"
                else None
            )
        return genders[entity_id]

    def speakers(position: int) -> list[str]:
        here = [s.speaker for s in quote_spans if s.speaker is not None and s.close <= position]
        before = [s for k, s in last_speakers if index - k <= 1]
        return list(reversed(before + here))

    def mentions_before(
        limit: int | None, block: Block, spans: list[quotes.QuoteSpan]
    ) -> list[names.Found]:
        return [
            f
            for f in names.spot(block.text, registry)
            if (limit is None or f.end <= limit)
            and not any(s.start <= f.start < s.end for s in spans)
        ]

    def recent(kind: str, limit: int, back: int = 3) -> list[str]:
        out: list[str] = []
        blocks = [(body[index], limit, quote_spans)] + [
            (body[k], None, quotes.find_spans(body[k].text))
            for k in range(index - 1, max(-1, index - 1 - back), -1)
        ]
        for block, lim, spans in blocks:
            for f in reversed(mentions_before(lim, block, spans)):
                entity = registry.get(f.entity_id)
                if entity is not None and entity.kind == kind and f.entity_id not in out:
                    out.append(f.entity_id)
        return out

    def at(position: int) -> quotes.Context:
        return quotes.Context(
            lambda: recent("person", position),
            lambda: recent("organization", position),
            gender_of,
            lambda: speakers(position),
            lambda: recent("person", position, 0),
        )

    return at


def _quotations(
    analysis: Analysis, body: list[Block], final: bool
) -> list[tuple[Block, list[quotes.QuoteSpan]]]:
    layout, registry = analysis.layout, analysis.registry
    results: list[tuple[Block, list[quotes.QuoteSpan]]] = []
    last_speakers: list[tuple[int, str]] = []
    for index, block in enumerate(body):
        if block.role != "paragraph":
            continue
        spans = quotes.find_spans(block.text)
        context_at = _context(analysis, body, index, spans, last_speakers)
        quotes.attribute(block.text, spans, registry, context_at)
        if spans and spans[0].speaker is None and spans[0].open == 0:
            recent = _continued_speaker(body, index, results)
            if recent:
                spans[0].speaker, spans[0].rule = recent[-1], "quote.opens-paragraph"
                entity = registry.get(recent[-1])
                if entity is not None and entity.kind == "organization":
                    spans[0].statement = "statement"
                for later in spans[1:]:
                    if later.speaker is None and later.word_count(block.text) >= 4:
                        later.speaker, later.rule = recent[-1], "quote.same-paragraph"
        for span in spans:
            if span.speaker is not None:
                last_speakers.append((index, span.speaker))
        results.append((block, spans))
        if not final:
            continue
        for span in spans:
            quoted = block.text[span.start : span.end]
            pos = layout.position(block.offset + span.open)
            if span.speaker is None:  # every one is reported: none is dropped silently
                why = span.why_not
                if len(quoted.split()) < 3 and why == "no speech verb next to it":
                    why = "a quoted term, title or slogan, not a quotation"
                analysis.findings.append(
                    _finding(
                        layout,
                        "DT371",
                        f"quotation {_short(quoted)!r} left as text: {why}",
                        block.offset + span.open,
                    )
                )
                continue
            entity = registry.get(span.speaker)
            element = (
                "statement" if span.statement or (entity and entity.kind == "organization") else "q"
            )
            attr = "by" if element == "statement" else "speaker"
            evidence = block.text[span.cue[0] : span.cue[1]] if span.cue else quoted
            analysis.trace.add(pos, f"{element} @{attr}={span.speaker}", _rule(span), evidence)
            if _is_back_reference(block.text, span):
                analysis.findings.append(
                    _finding(
                        layout,
                        "DT372",
                        f"speaker of {_short(quoted)!r} read as {span.speaker} from "
                        f"{_short(evidence)!r} ({span.rule})",
                        block.offset + span.open,
                    )
                )
    return results


def _continued_speaker(
    body: list[Block], index: int, results: list[tuple[Block, list[quotes.QuoteSpan]]]
) -> list[str]:
    """The speaker a paragraph opening with an unattributed quotation continues: that of
    the paragraph just before when it ends in a quotation left open (the convention for a
    quotation running over paragraphs)."""
    if body[index].text.startswith(quotes.DASHES):
        # Nordic style: a dash paragraph with no attribution goes on with the last speaker
        # of the two paragraphs before it
        for block, spans in reversed(results[-2:]):
            if body.index(block) >= index - 2:
                named = [s.speaker for s in spans if s.speaker is not None]
                if named:
                    return [named[-1]]
        return []
    if not results or index == 0 or results[-1][0] is not body[index - 1]:
        return []
    previous, spans = results[-1]
    if not spans:
        return []
    last = spans[-1]
    if last.speaker and last.close == len(previous.text) and last.end == len(previous.text):
        return [last.speaker]
    return []


def _rule(span: quotes.QuoteSpan) -> str:
    """The rules that chose a quotation's speaker: where the attribution was found, then
    how its speaker phrase was read (``quote.verb-after + speaker.pronoun-only-fit``)."""
    return f"{span.rule} + {span.how}" if span.how else span.rule or ""


def _is_back_reference(text: str, span: quotes.QuoteSpan) -> bool:
    if span.rule in ("quote.opens-paragraph", "quote.same-paragraph"):
        return True
    if span.cue is None:
        return False
    cue = text[span.cue[0] : span.cue[1]].lower()
    words = set(re.findall(r"[\w]+", cue))
    return bool(words & {"he", "she", "er", "sie", "han", "hon", "hun"}) or bool(
        re.search(
            r"\bthe (minister|secretary|president|chancellor|mayor|leader|chief|director)\b", cue
        )
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "..."


def _blockquote_speaker(analysis: Analysis, first: Block) -> str | None:
    layout, registry = analysis.layout, analysis.registry
    blocks = layout.blocks
    group = [b for b in blocks if b.group == first.group]
    attribution = next((b for b in group if b.role == "attribution"), None)
    noctx = quotes.Context(list, list)
    if attribution is not None:
        who = attribution.text.lstrip("-–— ")
        res = quotes.resolve(who, registry, noctx)
        if res.speaker is not None:
            analysis.trace.add(
                layout.position(first.offset),
                f"blockquote @speaker={res.speaker}",
                "blockquote.attribution-line",
                attribution.text,
            )
            return res.speaker
        analysis.findings.append(
            _finding(layout, "DT371", f"block quotation left as text: {res.why_not}", first.offset)
        )
        return None
    index = blocks.index(first)
    intro = blocks[index - 1]
    text = intro.text
    verbs = list(quotes._VERB_RE.finditer(text))
    if verbs and len(text[verbs[-1].end() :].split()) <= 4:
        verb = verbs[-1]
        start = quotes._sentence_start(text, verb.start(), 0)
        phrase = text[start : verb.start()]
        phrase = re.sub(
            r"^.*,\s+(?=[A-Z])", "", phrase
        )  # "Before the meeting, Foreign Minister Lavrov"
        persons = [
            f.entity_id
            for f in names.spot(text[:start], registry)
            if (e := registry.get(f.entity_id)) is not None and e.kind == "person"
        ]
        ctx = quotes.Context(lambda: list(reversed(persons)), list)
        res = quotes.resolve(phrase, registry, ctx)
        if res.speaker is not None:
            analysis.trace.add(
                layout.position(first.offset),
                f"blockquote @speaker={res.speaker}",
                "blockquote.introduced-by-speech-verb",
                text[start:],
            )
            return res.speaker
    analysis.findings.append(
        _finding(
            layout,
            "DT371",
            "block quotation left as text: no speaker in its introduction",
            first.offset,
        )
    )
    return None


def _mentions_and_dates(analysis: Analysis, bm: BlockMarks) -> None:
    block, registry, layout = bm.block, analysis.registry, analysis.layout
    quotes_marks = [m for m in bm.marks if m.outer is not None]

    def fits(start: int, end: int) -> bool:
        for q in quotes_marks:
            assert q.outer is not None
            inside = q.start <= start and end <= q.end
            outside = end <= q.outer[0] or start >= q.outer[1]
            if not (inside or outside):
                return False
        return True

    taken: list[tuple[int, int]] = []
    for found in names.spot(block.text, registry):
        if fits(found.start, found.end):
            bm.marks.append(Mark(found.start, found.end, "mention", found.entity_id, found.rule))
            taken.append((found.start, found.end))
    for span in dates.find_dates(block.text, analysis.reference_date):
        if not fits(span.start, span.end) or any(
            not (span.end <= a or span.start >= b) for a, b in taken
        ):
            continue
        pos = layout.position(block.offset + span.start)
        if span.when is None:
            analysis.findings.append(
                _finding(
                    layout,
                    "DT374",
                    f"date {span.text!r} not resolved: no story date",
                    block.offset + span.start,
                )
            )
            continue
        bm.marks.append(Mark(span.start, span.end, "date", span.when, span.rule))
        analysis.trace.add(pos, f"date @when={span.when}", span.rule, span.text)
        if span.rule == "date.weekday-before-reference":
            analysis.findings.append(
                _finding(
                    layout,
                    "DT373",
                    f"{span.text!r} read as {span.when} (the latest {span.text} on or before "
                    f"the story date)",
                    block.offset + span.start,
                )
            )
