"""Quotations in running text and the agent each one is attributed to.

Spans: “…”, "…", «…», „…“ and the Nordic dash quote (a paragraph opening with "– ").
Speakers, tried in this order, each rule named for --explain:

- ``quote.verb-after``: "“…,” said NAME" / "“…,” NAME says" / "“…,” sagte NAME";
- ``quote.verb-before``: "NAME said: “…”" / "NAME said it was “…”";
- ``quote.same-paragraph``: a later quotation of four words or more in a paragraph whose
  earlier quotation has a speaker;
- ``quote.opens-paragraph``: a paragraph that opens with an unattributed quotation continues
  the last speaker of the two paragraphs before it.

The speaker phrase ("he", "the minister", "Foreign Minister Lavrov", "the State Department
said in a statement") is resolved by ``resolve``: pronouns and titles refer back to the last
person named before the quotation. A quotation whose speaker cannot be told is left as text
and reported (DT371), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dtmarkup.formats.read.text import gender, lexicon
from dtmarkup.formats.read.text.names import (
    Registry,
    Token,
    _not_a_person,
    is_name_word,
    is_title_head,
    titled_persons,
    tokenize,
)

_PAIRS = {"“": "”", "«": "»", "„": "“”", '"': '"'}
DASHES = _DASHES = ("– ", "— ", "-- ")
_VERB = "|".join(sorted((re.escape(v) for v in lexicon.SPEECH_VERBS), key=len, reverse=True))
_VERB_RE = re.compile(rf"(?<![\w-])(?:{_VERB}|according to)(?![\w-])", re.IGNORECASE)
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bU\.S)(?<!\bMr)(?<!\bDr)(?<!\bMs)(?<!\bMrs)(?<!\bSen)(?<!\bSens)"
    r"(?<!\bRep)(?<!\bReps)(?<!\bGov)(?<!\bGen)(?<!\bRev)(?<!\bLt)(?<!\bCol)(?<!\bSgt)"
    r"(?<!\bCapt)(?<!\bSt)(?<!\bPres)(?<!\bSec)[.!?](?=\s+[A-Z“\"«„–—]|\s*$)"
)


@dataclass(slots=True)
class QuoteSpan:
    """One quotation: the marks, the content between them, and its attribution."""

    open: int
    start: int
    end: int
    close: int
    speaker: str | None = None
    statement: str | None = None
    """The statement kind when the quotation is an excerpt of an official statement."""
    rule: str | None = None
    cue: tuple[int, int] | None = None
    """The attribution text the speaker was read from, as offsets in the paragraph."""
    why_not: str | None = None
    how: str | None = None
    """The speaker rule that read the speaker phrase (speaker.pronoun-only-fit...)."""

    @property
    def words(self) -> int:
        return self.end - self.start

    def word_count(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def find_spans(text: str) -> list[QuoteSpan]:
    """The quotation spans of a paragraph, left to right. An opening mark never closed
    runs to the end of the paragraph (wire style for quotes that go on)."""
    spans: list[QuoteSpan] = []
    if text.startswith(_DASHES):
        start = len(text) - len(text[2:].lstrip()) if not text.startswith("--") else 3
        end = len(text)
        for m in _VERB_RE.finditer(text):
            comma = m.start()  # a comma before the verb, across white space only
            while comma > start and text[comma - 1].isspace():
                comma -= 1
            if comma - 1 > start and text[comma - 1] == ",":
                end = comma - 1
        spans.append(QuoteSpan(0, start, end, end))
        return spans
    i = 0
    while i < len(text):
        ch = text[i]
        closers = _PAIRS.get(ch)
        if closers is None:
            i += 1
            continue
        j = i + 1
        while j < len(text) and text[j] not in closers:
            j += 1
        if j >= len(text):
            if text[i + 1 :].strip():
                spans.append(QuoteSpan(i, i + 1, len(text), len(text)))
            break
        if j > i + 1:
            spans.append(QuoteSpan(i, i + 1, j, j + 1))
        i = j + 1
    return spans


@dataclass(frozen=True, slots=True)
class Context:
    """What the resolver may look back at: the persons and organizations mentioned before
    a position, most recent first."""

    recent_persons: Callable[[], list[str]]
    recent_orgs: Callable[[], list[str]]
    gender_of: Callable[[str], str | None] = field(default=lambda _: None)
    """``m``/``f`` for a person id when the text says so (gender.of_person), else None."""
    recent_speakers: Callable[[], list[str]] = field(default=list)
    """Speakers of the quotations just before, most recent first."""
    paragraph_persons: Callable[[], list[str]] = field(default=list)
    """Persons named in this paragraph before the quotation, most recent first."""


@dataclass(frozen=True, slots=True)
class Resolution:
    speaker: str | None
    rule: str
    statement: str | None = None
    why_not: str | None = None


def _statement_kind(phrase: str) -> str | None:
    low = phrase.lower()
    for words, kind in lexicon.STATEMENT_PHRASES.items():
        if words in low:
            return kind
    return None


def _appositive(text: str, after: int) -> str | None:
    """The title in ", a wealthy entrepreneur who ..." after a name."""
    m = re.match(r",\s+(?:(?:a|an|the)\s+)?([^,.;:“”«»\"]+)", text[after:])
    if m is None:
        return None
    title = re.split(r"\s+(?:who|which|that|whose|till|to)\s+", m.group(1))[0].strip()
    if not title or title.split()[0].lower() in ("who", "which", "that", "whose"):
        return None
    if len(title.split()) > 20 or (title[0].isupper() and " " not in title):
        return None
    return title


def _pronoun(word: str, context: Context, statement: str | None) -> Resolution:
    """``he``/``she``: the one person named just before whom the pronoun fits.

    Candidates are the persons named in this paragraph before the quotation and in the
    paragraphs just before it. One whose gender the text gives otherwise is never taken.
    Of the rest: the only one; else the only one the text gives this gender; else the
    speaker of the quotation just before, when that is also the last person named. Any
    other case is ambiguous and reported, not guessed (``speaker.pronoun-ambiguous``).
    """
    wanted = gender.PRONOUN_GENDER.get(word.lower())
    persons = context.recent_persons()
    if not persons:
        return Resolution(None, "speaker.pronoun", why_not=f"{word!r} refers to nobody named")
    fits = [p for p in persons if wanted is None or context.gender_of(p) in (wanted, None)]
    if not fits:
        return Resolution(None, "speaker.pronoun", why_not=f"{word!r} fits nobody named")
    speakers = context.recent_speakers()
    here = context.paragraph_persons()
    if speakers and speakers[0] == fits[0] and (not here or here[0] == fits[0]):
        return Resolution(fits[0], "speaker.pronoun-last-speaker", statement)
    if [p for p in here if p in fits] == [fits[0]]:
        return Resolution(fits[0], "speaker.pronoun-same-paragraph", statement)
    return Resolution(
        None,
        "speaker.pronoun-ambiguous",
        why_not=f"{word!r} could be any of {', '.join(fits[:3])}: ambiguous, not guessed",
    )


def _describes(text: str, tokens: list[Token], after: int) -> bool:
    """Whether the capitalised words before ``tokens[after]`` only describe a name that
    follows: "Longtime Democratic pollster Pat Caddell" (a lower-case noun, no comma, then
    a capitalised name), not "Hillary Clinton on Tuesday"."""
    nxt = tokens[after]
    if nxt.capital or re.search(r"[,(;:]", text[tokens[after - 1].end : nxt.start]):
        return False
    if nxt.lower in _FUNCTION_WORDS:
        return False
    return any(t.capital for t in tokens[after + 1 : after + 4])


_FUNCTION_WORDS = gender.words(
    "on in at of to for from by with during after before when while who which that and "
    "or but as told said says added wrote"
)


def resolve(phrase: str, registry: Registry, context: Context, extra: str = "") -> Resolution:
    """The agent a speaker phrase names ("he", "the minister", "Sandra Lindqvist, an
    analyst at ...", "the State Department"); ``extra`` is the rest of the attribution,
    read only for "in a statement"."""
    statement = _statement_kind(phrase + " " + extra)
    body = phrase.strip(" ,.:;")
    body = re.sub(r"^(?:and|but|so|und|och|og)\s+", "", body, flags=re.IGNORECASE)
    words = body.split()
    if not words:
        return Resolution(None, "quote.no-speaker", why_not="no speaker phrase")
    first = words[0].lower()
    if first in lexicon.PRONOUNS:
        return _pronoun(words[0], context, statement)
    # a name first: "Jeff Cohen, founder of EOS Climate" (not a title inside the appositive)
    lead = tokenize(body)
    n = 0
    while n < len(lead) and n < 4 and is_name_word(lead[n]):
        n += 1
        if lead[n - 1].possessive:
            n = 0
            break
    modifier = 0 < n < len(lead) and _describes(body, lead, n)
    if (
        n >= 2
        and not modifier
        and (n == len(lead) or not (lead[n].capital or is_title_head(lead[n].text)))
    ):
        name = body[lead[0].start : lead[n - 1].end]
        if registry.organization_named(name, "org.speaker") is None and not _not_a_person(name):
            known = registry.aliases().get(name)
            if known is not None and known.kind != "place":
                if known.kind == "person" and not known.title:
                    known.title = _appositive(body, lead[n - 1].end)
                return Resolution(known.id, "speaker.known-name", statement)
            person = registry.person(name, "name.speaker", title=_appositive(body, lead[n - 1].end))
            return Resolution(person.id, "speaker.new-name", statement)
    # a named person with a title: "Foreign Minister Lavrov", "Brevant Chief Executive X"
    titled = titled_persons(body, registry)
    if titled:
        return Resolution(titled[0].entity_id, "speaker.titled-name", statement)
    tokens = tokenize(body)
    aliases = registry.aliases()
    # a name already known, or a new one
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if not tok.capital or tok.lower in lexicon.STOP_CAPITALS:
            k += 1
            continue
        end = k
        while end < len(tokens) and (
            tokens[end].capital or tokens[end].lower in ("of", "for", "and")
        ):
            end += 1
            if tokens[end - 1].possessive:
                break
        while end > k and tokens[end - 1].lower in ("of", "for", "and"):
            end -= 1
        run = tokens[k:end]
        name = body[run[0].start : run[-1].end]
        if end < len(tokens) and _describes(body, tokens, end):
            k = end
            continue  # "Democratic pollster Pat Caddell": a modifier, not the name
            k = end
            continue  # "the European Union's foreign policy chief": a modifier, not the agent
        for cut in range(len(run), 0, -1):
            candidate = body[run[0].start : run[cut - 1].end]
            if candidate in aliases:
                entity = aliases[candidate]
                if entity.kind == "place":
                    break
                if entity.kind == "person" and not entity.title:
                    entity.title = _appositive(body, run[cut - 1].end)
                return Resolution(entity.id, "speaker.known-name", statement)
        org = registry.organization_named(name, "org.speaker")
        if org is not None:
            return Resolution(org.id, "speaker.organization-name", statement)
        alone = (
            len(run) == 1
            and name == body
            and name not in aliases  # a place ("Valencia said") is never a person
            and not _PLURAL.search(name)
            and not _not_a_person(name)
        )
        if all(is_name_word(t) for t in run) and (2 <= len(run) <= 4 or alone):
            # a full name, or a surname that is the whole phrase ("Caddell added")
            title = _appositive(body, run[-1].end)
            person = registry.person(name, "name.speaker", title=title)
            return Resolution(person.id, "speaker.new-name", statement)
        k = end
    # "the minister", "the port authority"
    m = re.match(r"(?:the|der|die|das)\s+((?:[\w-]+\s+){0,3}?)([\w-]+)$", body, re.IGNORECASE)
    if m is not None:
        head = m.group(2).lower()
        if head in lexicon.TITLE_BACKREFS:
            for pid in context.recent_persons():
                earlier = registry.get(pid)
                if earlier is not None and earlier.title and head in earlier.title.lower():
                    return Resolution(pid, "speaker.title-last-person", statement)
            return Resolution(None, "speaker.title", why_not=f"no {head} named before")
        if head in lexicon.ORG_HEADS:
            for oid in context.recent_orgs():
                named = registry.get(oid)
                if named is not None and named.name.lower().split()[-1] == head:
                    return Resolution(oid, "speaker.organization-last-named", statement)
            org = registry.organization(
                f"{m.group(1)}{m.group(2)}", lexicon.ORG_HEADS[head], "org.unnamed-speaker"
            )
            return Resolution(org.id, "speaker.unnamed-organization", statement)
    return Resolution(None, "quote.no-speaker", why_not=f"no person or organization in {body!r}")


def _subject_clause(pre: str) -> str:
    """The clause that holds the verb's subject: "In a brief appearance ..., she" -> "she";
    relative clauses (", who leads ...,") are dropped first."""
    pre = re.sub(r",\s+(?:who|which|whose|der|die|som)\b[^,]*,", ",", pre)
    parts = [p for p in re.split(r",\s*", pre) if p.strip()]
    return parts[-1] if parts else pre


def sentence_end(text: str, start: int) -> int:
    """Where the sentence that runs at ``start`` ends (its final stop, or len(text))."""
    return _sentence_end(text, start)


def _sentence_end(text: str, start: int, limit: int | None = None) -> int:
    """The first sentence end at or after ``start``, looking no further than ``limit``
    (so finding one for each quotation of a paragraph costs linear time, not quadratic)."""
    limit = len(text) if limit is None else limit
    m = _SENTENCE_END.search(text, start, limit)
    return m.start() if m else limit


def _sentence_start(text: str, end: int, floor: int) -> int:
    best = floor
    for m in _SENTENCE_END.finditer(text, floor, end):
        best = m.end()
    return best


_TRANSCRIPT = re.compile(r"([A-Z][A-Z'’-]{1,30}(?: [A-Z][A-Z'’-]{1,30})?):\s")
"""A speaker label opening a transcript paragraph ("PENCE: ...")."""
_PLURAL = re.compile(r"(?:ans|ats|ists|ers|ives|als|ites)$")
"""A capitalised group word ("Republicans", "Democrats") is not a surname."""
_SUBJECT_WORDS = 5
"""The longest speaker phrase before a verb that is read as the verb's subject."""
_NEW_SUBJECT = re.compile(r"(?<![.!?“\"]\s)(?<!^)\b[A-Z][a-z]+|\b(?:he|she|they)\b")


def _continues(text: str, earlier: QuoteSpan, span: QuoteSpan, limit: int) -> bool:
    """Whether ``span`` goes on with ``earlier``'s speaker: the text between them, past the
    earlier attribution, holds no speech verb and no name or pronoun of its own."""
    start = max(earlier.close, earlier.cue[1] if earlier.cue else earlier.close)
    between = text[start : span.open] if start < span.open else ""
    tail = text[span.close : _sentence_end(text, span.close, limit)]
    return not _VERB_RE.search(between + " " + tail) and not _NEW_SUBJECT.search(between)


def attribute(
    text: str,
    spans: list[QuoteSpan],
    registry: Registry,
    context_at: Callable[[int], Context],
) -> None:
    """Give each span of one paragraph its speaker (or the reason it has none)."""
    label = _TRANSCRIPT.match(text)
    if label is not None:
        # "PENCE: “…”": a transcript's speaker label, when it names a known person
        known = registry.aliases().get(label.group(1).title())
        if known is not None and known.kind == "person":
            for span in spans:
                span.speaker, span.rule, span.cue = known.id, "quote.transcript-label", label.span()
            return
    last_attributed: QuoteSpan | None = None
    for index, span in enumerate(spans):
        nxt = spans[index + 1].open if index + 1 < len(spans) else len(text)
        prev_close = spans[index - 1].close if index > 0 else 0
        if index > 0 and spans[index - 1].speaker is not None:
            last_attributed = spans[index - 1]
        context = context_at(span.open)
        # 1. the verb after the quotation (the search stops at the next quotation: an end
        # found there is the one the full search would find, or the next quotation is)
        tail_end = _sentence_end(text, span.close, nxt)
        if text.startswith(_DASHES) and index == 0:
            tail_end = len(text)
        tail = text[span.close : tail_end]
        verb = _VERB_RE.search(tail)
        if verb is not None and len(tail[: verb.start()].split()) <= 9:
            pre, post = tail[: verb.start()], tail[verb.end() :]
            if pre.strip(" ,.") == "" or pre.rstrip().endswith(","):
                res = resolve(post, registry, context)  # ", said NAME" / "gewesen, sagte NAME"
            else:
                res = resolve(pre, registry, context, extra=post)  # ", NAME said"
            if res.speaker is not None:
                span.speaker, span.rule, span.statement = (
                    res.speaker,
                    "quote.verb-after",
                    res.statement,
                )
                span.how = res.rule
                span.cue = (span.close, tail_end)
                continue
            span.why_not = res.why_not
        # 2. the verb before the quotation
        head_start = _sentence_start(text, span.open, prev_close)
        head = text[head_start : span.open]
        verbs = list(_VERB_RE.finditer(head))
        if verbs:
            verb = verbs[-1]
            between = head[verb.end() :]
            if len(between.split()) <= 6 and not re.search(r"[“”«»\"]", between):
                pre = head[: verb.start()]
                clause = _subject_clause(pre)
                res = resolve(clause, registry, context, extra=pre + " " + between)
                if res.speaker is not None and len(clause.split()) > _SUBJECT_WORDS:
                    # a name deep in a long clause is rarely the subject of the verb
                    res = Resolution(None, "quote.no-speaker", why_not="no clear subject")
                if res.speaker is not None:
                    span.speaker, span.rule, span.statement = (
                        res.speaker,
                        "quote.verb-before",
                        res.statement,
                    )
                    span.how = res.rule
                    span.cue = (head_start, span.open)
                    continue
                span.why_not = res.why_not
        # 3. a later quotation in a paragraph whose earlier one has a speaker, when
        # nothing between them (past the earlier one's attribution) names a new speaker
        # and no speech verb next to this one pointed elsewhere
        if (
            last_attributed is not None
            and span.word_count(text) >= 4
            and span.why_not is None
            and _continues(text, last_attributed, span, nxt)
        ):
            span.speaker, span.rule, span.statement = (
                last_attributed.speaker,
                "quote.same-paragraph",
                last_attributed.statement,
            )
            span.cue = (last_attributed.open, last_attributed.close)
            continue
        if span.why_not is None:
            span.why_not = "no speech verb next to it"
