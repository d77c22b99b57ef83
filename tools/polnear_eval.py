"""Quote -> speaker on real copy: labels built from PolNeAR, a split, and the scorer.

    python -m tools.polnear_eval ../shared/external/polnear-train --split dev [-v]
    python -m tools.polnear_eval ../shared/external/polnear-train --split test

PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks every attribution of 840 US political
news articles by hand: its source, cue and content, as brat standoff. The texts are read
from where they lie (never copied into the project), exactly as written: no header added.

Labels (``labels``). A *quotation* is a span between quotation marks (“…” or "…", closed
within its paragraph, or an opening mark that runs to the paragraph's end). A quotation
whose characters lie mostly inside the content of an attribution is *attributed*: its gold
speaker is that attribution's source, resolved to a name as a reader would:

- a source with a proper name as its head (``Spokeswoman Haley Morris``, ``Mr. Trump``,
  ``Angelique Brunner, a Washington-based developer``) is that name;
- an organisation phrase (``the Clinton campaign``, ``the union``) is an organisation;
- a pronoun or a description (``he``, ``who``, ``the Indiana governor``) is the nearest
  named source before it (for ``she``/``he``, one that is not known to be of the other
  gender from a Mr./Ms. title; organisations for ``it``/``they``/``the campaign``);
- a source that cannot be resolved so leaves the quotation *unresolved*: it is neither
  credited nor held against the importer.

A quotation inside no attribution (a title, a slogan, a scare-quoted term) is a
*non-quotation*: giving it a speaker is a false attribution.

Split (``split``): an article is in the held-out ``test`` part when the SHA-256 of its
file name, read as a number, is divisible by 5 (about a fifth); the rest is ``dev``.
Rules are tuned on dev only.

Score: over attributed quotations with a resolved speaker (gold) and the importer's
attributions that fall on a gold quotation or a non-quotation (found): precision =
right / found, recall = right / gold. A speaker is right when the names agree on the
surname (``Morris`` = ``Haley Morris``) or, for an organisation, on its distinctive words.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dtmarkup.formats.read.text.analyze import Analysis, analyze
from dtmarkup.formats.read.text.segment import segment

_QUOTE = re.compile(r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.MULTILINE)
_PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "who", "whom", "i", "me", "we", "you"}
_PRONOUNS_ORG = {"it", "they", "them", "its", "their", "which"}
_TITLES = {
    "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "rev.", "lt.", "col.",
    "president", "senator", "governor", "secretary", "spokesman", "spokeswoman", "mayor",
    "speaker", "chairman", "chairwoman", "judge", "justice", "former", "vice", "candidate",
    "sens.", "reps.", "attorney", "general", "leader", "majority", "minority", "house",
    "senate", "democratic", "republican", "gop", "state", "u.s.", "said", "says",
}  # fmt: skip
_ORG_HEADS = {
    "campaign", "committee", "union", "department", "office", "agency", "administration",
    "party", "group", "organization", "organisation", "association", "council", "company",
    "network", "newspaper", "magazine", "foundation", "institute", "center", "centre",
    "commission", "court", "board", "ministry", "government", "team", "staff", "pac",
    "spokesman", "spokeswoman", "spokesperson", "aides", "officials", "website", "statement",
    "report", "poll", "survey", "study", "times", "post", "journal", "press", "news",
    "cnn", "fbi", "cia", "nra", "rnc", "dnc", "gop", "senate", "house", "congress",
}  # fmt: skip
_FEMALE = {"ms.", "mrs.", "she", "her", "hers", "herself", "woman", "spokeswoman"}
_MALE = {"mr.", "he", "him", "his", "himself", "man", "spokesman"}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    kind: str
    """person or organization."""


@dataclass(slots=True)
class Quotation:
    start: int
    end: int
    text: str
    attributed: bool
    speaker: Speaker | None = None
    """The resolved gold speaker; None for a non-quotation or an unresolved source."""


@dataclass(slots=True)
class Article:
    name: str
    text: str
    quotations: list[Quotation] = field(default_factory=list)


def in_test_part(name: str) -> bool:
    """The deterministic held-out split: a fifth of the articles, by a hash of the name."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 5 == 0


def articles(root: Path, part: str = "dev") -> Iterator[Article]:
    """The labelled articles of ``part`` (dev, test or all), in name order."""
    data = root / "data" / "train" if (root / "data" / "train").is_dir() else root
    texts = data / "text"
    annotations = data / "attributions"
    for text_file in sorted(texts.glob("*.txt")):
        name = text_file.stem
        if part != "all" and in_test_part(name) != (part == "test"):
            continue
        candidates = sorted(annotations.glob(f"{name}_*.ann"))
        if not candidates:
            continue
        text = text_file.read_text(encoding="utf-8")
        yield label(name, text, candidates[0].read_text(encoding="utf-8"))


# ------------------------------------------------------------------------- brat and labels


@dataclass(slots=True)
class _Attribution:
    sources: list[tuple[int, int]]
    contents: list[tuple[int, int]]
    speaker: Speaker | None = None


def _spans(field_text: str) -> list[tuple[int, int]]:
    out = []
    for part in field_text.split(";"):
        a, b = part.split()[-2:]
        out.append((int(a), int(b)))
    return out


def _attributions(ann: str) -> list[_Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind = cols[1].split(" ", 1)[0]
            try:
                spans[cols[0]] = (kind, _spans(cols[1].split(" ", 1)[1]))
            except (ValueError, IndexError):
                continue
        elif line.startswith("E") and len(cols) >= 2:
            events.append(cols[1].split())
    out: list[_Attribution] = []
    for roles in events:
        sources: list[tuple[int, int]] = []
        contents: list[tuple[int, int]] = []
        for role in roles:
            key, _, ref = role.partition(":")
            if ref not in spans:
                continue
            if key.startswith("Source"):
                sources.extend(spans[ref][1])
            elif key.startswith("Content"):
                contents.extend(spans[ref][1])
        if contents:
            out.append(_Attribution(sources, contents))
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[\w.’'-]+", text)


def _name_from(phrase: str) -> Speaker | None:
    """The name a source phrase is headed by, or None for a pronoun or description."""
    head = re.split(r",|\(|\bwho\b|\bwhich\b", phrase, maxsplit=1)[0].strip()
    head = re.sub(r"[’']s$", "", head)
    words = _words(head)
    if not words:
        return None
    last = words[-1]
    if last.lower() in _ORG_HEADS and last[:1].islower():
        modifiers = [w for w in words[:-1] if w[:1].isupper() and w.lower() not in ("the", "a")]
        if modifiers:
            return Speaker(" ".join([*modifiers, last]), "organization")
        return None
    if not last[:1].isupper() or last.lower() in _PRONOUNS_PERSON | _PRONOUNS_ORG:
        return None
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or word.lower() in ("de", "van", "von", "la", "del", "al"):
            run.insert(0, word)
        else:
            break
    while run and run[0].lower() in _TITLES:
        run.pop(0)
    if not run:
        return None
    kind = "organization" if run[-1].lower() in _ORG_HEADS or len(run) > 4 else "person"
    return Speaker(" ".join(run), kind)


def _gender(phrase: str) -> str | None:
    words = {w.lower() for w in _words(phrase)}
    if words & _FEMALE:
        return "f"
    if words & _MALE:
        return "m"
    return None


def _resolve(text: str, attributions: list[_Attribution]) -> None:
    """Give each attribution with a source its speaker: named heads first, then pronouns
    and descriptions from the nearest named source before them."""
    ordered = sorted(
        (a for a in attributions if a.sources), key=lambda a: min(s for s, _ in a.sources)
    )
    genders: dict[str, str] = {}
    for attribution in ordered:
        phrase = " ".join(text[s:e] for s, e in attribution.sources)
        attribution.speaker = _name_from(phrase)
        gender = _gender(phrase)
        if attribution.speaker is not None and gender and attribution.speaker.kind == "person":
            genders.setdefault(attribution.speaker.name.split()[-1], gender)
    named: list[tuple[int, Speaker]] = []
    for attribution in ordered:
        start = min(s for s, _ in attribution.sources)
        if attribution.speaker is not None:
            named.append((start, attribution.speaker))
            continue
        phrase = " ".join(text[s:e] for s, e in attribution.sources).strip()
        low = {w.lower() for w in _words(phrase)}
        wants_org = bool(low & (_PRONOUNS_ORG | _ORG_HEADS)) and not (low & _PRONOUNS_PERSON)
        gender = _gender(phrase)
        for _, speaker in reversed(named):
            if (speaker.kind == "organization") != wants_org:
                continue
            if gender and genders.get(speaker.name.split()[-1], gender) != gender:
                continue
            attribution.speaker = speaker
            break


def label(name: str, text: str, ann: str) -> Article:
    """The quotations of one article with their gold speakers."""
    attributions = _attributions(ann)
    _resolve(text, attributions)
    article = Article(name, text)
    for m in _QUOTE.finditer(text):
        start, end = m.start() + 1, m.end() - (1 if m.group()[-1:] in '”"' else 0)
        if end - start < 1 or not text[start:end].strip():
            continue
        best: _Attribution | None = None
        best_size = 0
        for attribution in attributions:
            inside = sum(max(0, min(end, b) - max(start, a)) for a, b in attribution.contents)
            if inside * 2 < end - start:
                continue
            size = sum(b - a for a, b in attribution.contents)
            if best is None or size < best_size:
                best, best_size = attribution, size
        quotation = Quotation(start, end, text[start:end], best is not None)
        if best is not None:
            quotation.speaker = best.speaker
        article.quotations.append(quotation)
    return article


# ------------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Attributed:
    start: int
    end: int
    speaker: Speaker


def importer_quotations(text: str) -> tuple[list[Attributed], Analysis]:
    """What the rules attribute in ``text``, as source offsets and speaker names."""
    analysis = analyze(segment(text), None)
    registry = analysis.registry
    out: list[Attributed] = []
    for bm in analysis.blocks:
        block = bm.block
        for mark in bm.marks:
            if mark.kind not in ("q", "statement"):
                continue
            entity = registry.get(mark.value)
            if entity is None:
                continue
            speaker = Speaker(entity.name, entity.kind)
            out.append(Attributed(block.offset + mark.start, block.offset + mark.end, speaker))
        if block.role == "quote" and block.group is not None:
            who = analysis.quote_speakers.get(block.group)
            entity = registry.get(who) if who else None
            if entity is not None:
                speaker = Speaker(entity.name, entity.kind)
                out.append(Attributed(block.offset, block.offset + len(block.text), speaker))
    return out, analysis


def _name_words(name: str) -> list[str]:
    return [
        w
        for w in re.findall(r"\w+", name.casefold())
        if w not in ("the", "of", "mr", "ms", "mrs", "dr", "jr", "sr", "and")
    ]


def same_speaker(found: Speaker, gold: Speaker) -> bool:
    """Surnames agree (persons); for organisations, a distinctive word in common."""
    fw, gw = _name_words(found.name), _name_words(gold.name)
    if not fw or not gw:
        return False
    if gold.kind == "person" and found.kind == "person":
        return fw[-1] == gw[-1]
    common = set(fw) & set(gw) - {w.casefold() for w in _ORG_HEADS}
    return bool(common) or fw == gw


@dataclass(slots=True)
class Score:
    gold: int = 0
    found: int = 0
    right: int = 0
    gold_org: int = 0
    right_org: int = 0
    unresolved: int = 0
    non_quotes: int = 0
    silent: int = 0
    """Quotations left unattributed with no finding (must stay 0)."""
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for key in ("gold", "found", "right", "gold_org", "right_org", "unresolved"):
            setattr(self, key, getattr(self, key) + getattr(other, key))
        self.non_quotes += other.non_quotes
        self.silent += other.silent
        self.notes.extend(other.notes)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def org_recall(self) -> float:
        return self.right_org / self.gold_org if self.gold_org else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "gold": self.gold,
            "found": self.found,
            "right": self.right,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "organisation_gold": self.gold_org,
            "organisation_recall": round(self.org_recall, 3),
            "unresolved_gold": self.unresolved,
            "non_quotations": self.non_quotes,
        }


def score_article(article: Article, found: list[Attributed]) -> Score:
    """Compare what was found with the labels of one article."""
    score = Score()
    for quotation in article.quotations:
        hits = [
            f
            for f in found
            if min(f.end, quotation.end) - max(f.start, quotation.start)
            >= 0.5 * min(f.end - f.start, quotation.end - quotation.start)
        ]
        guess = hits[0].speaker if hits else None
        where = f"{article.name}@{quotation.start}"
        short = " ".join(quotation.text.split())[:50]
        if not quotation.attributed:
            score.non_quotes += 1
            if guess is not None:
                score.found += 1
                score.notes.append(f"  non-quote {where} {short!r} -> {guess.name}")
            continue
        if quotation.speaker is None:
            score.unresolved += 1
            continue
        gold = quotation.speaker
        score.gold += 1
        score.gold_org += gold.kind == "organization"
        if guess is None:
            score.notes.append(f"  missed {where} {short!r} ({gold.name})")
            continue
        score.found += 1
        if same_speaker(guess, gold):
            score.right += 1
            score.right_org += gold.kind == "organization"
        else:
            score.notes.append(f"  wrong {where} {short!r} -> {guess.name} ({gold.name})")
    return score


def evaluate(root: Path, part: str) -> Score:
    total = Score()
    for article in articles(root, part):
        found, _ = importer_quotations(article.text)
        total.add(score_article(article, found))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("root", type=Path, help="the polnear-train folder")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    score = evaluate(args.root, args.split)
    if args.verbose:
        for note in score.notes:
            print(note)
    print(json.dumps({"split": args.split, **score.as_dict()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
