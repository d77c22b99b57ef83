"""Score quotation detection and speaker attribution against hand-labelled stories.

    python -m tools.textmark_eval tests/textmark/eval/dev tests/textmark/eval/unseen

Each ``NAME.txt`` has a ``NAME.json`` label file: ``{"date": "YYYY-MM-DD", "quotes":
[{"quote": "...", "speaker": "Full Name"}], "not_quotes": [...]}``. A found quotation
matches a labelled one when most of their words agree; its attribution is right when the
speaker's registry name and the label agree on the name (the surname is enough:
"Zwayer" = "Felix Zwayer").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from dtmarkup.formats.read.text.analyze import Analysis, analyze
from dtmarkup.formats.read.text.segment import segment


@dataclass(frozen=True, slots=True)
class Found:
    quote: str
    speaker: str


@dataclass(slots=True)
class Score:
    gold: int = 0
    found: int = 0
    detected: int = 0
    """Found quotations that match a labelled one."""
    attributed: int = 0
    """... whose speaker is also right."""

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.detected += other.detected
        self.attributed += other.attributed

    @staticmethod
    def _prf(hit: int, found: int, gold: int) -> tuple[float, float, float]:
        p = hit / found if found else 1.0
        r = hit / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def detection(self) -> tuple[float, float, float]:
        return self._prf(self.detected, self.found, self.gold)

    @property
    def attribution(self) -> tuple[float, float, float]:
        return self._prf(self.attributed, self.found, self.gold)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def same_quote(a: str, b: str) -> bool:
    """Most words in common (a found span may keep or drop a trailing comma or word)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    return common / max(len(wa), len(wb)) >= 0.6


def same_speaker(found: str, gold: str) -> bool:
    fa, ga = _words(found), _words(gold)
    if not fa or not ga:
        return False
    return fa == ga or fa[-1] == ga[-1] or set(fa) <= set(ga) or set(ga) <= set(fa)


def found_quotes(analysis: Analysis) -> list[Found]:
    """The quotations the rules marked up, with their speaker's registry name."""
    registry = analysis.registry
    out: list[Found] = []
    groups: dict[int, list[str]] = {}
    for bm in analysis.blocks:
        if bm.block.role == "quote" and bm.block.group is not None:
            groups.setdefault(bm.block.group, []).append(bm.block.text.strip('“”"«»„'))
        for mark in bm.marks:
            if mark.kind in ("q", "statement"):
                entity = registry.get(mark.value)
                name = entity.name if entity is not None else mark.value
                out.append(Found(bm.block.text[mark.start : mark.end], name))
    for group, texts in groups.items():
        speaker = analysis.quote_speakers.get(group)
        entity = registry.get(speaker) if speaker else None
        if entity is not None:
            out.append(Found(" ".join(texts), entity.name))
    return out


def score_story(text: str, labels: dict[str, object]) -> tuple[Score, list[str]]:
    """The score of one story and a line per miss or error."""
    date = labels.get("date")
    story_date = dt.date.fromisoformat(date) if isinstance(date, str) else None
    analysis = analyze(segment(text), story_date)
    found = found_quotes(analysis)
    labelled = labels.get("quotes", [])
    assert isinstance(labelled, list)
    gold = [(str(q["quote"]), str(q["speaker"])) for q in labelled]
    score = Score(gold=len(gold), found=len(found))
    notes: list[str] = []
    unmatched = list(range(len(gold)))
    for item in found:
        match = next((g for g in unmatched if same_quote(item.quote, gold[g][0])), None)
        if match is None:
            notes.append(f"  extra: {item.quote[:60]!r} -> {item.speaker}")
            continue
        unmatched.remove(match)
        score.detected += 1
        if same_speaker(item.speaker, gold[match][1]):
            score.attributed += 1
        else:
            notes.append(
                f"  wrong: {item.quote[:60]!r} -> {item.speaker} (label: {gold[match][1]})"
            )
    for g in unmatched:
        notes.append(f"  missed: {gold[g][0][:60]!r} ({gold[g][1]})")
    return score, notes


def score_directory(directory: Path, verbose: bool = False) -> Score:
    total = Score()
    for label_file in sorted(directory.glob("*.json")):
        text_file = label_file.with_suffix(".txt")
        if not text_file.exists():
            continue
        labels = json.loads(label_file.read_text(encoding="utf-8"))
        score, notes = score_story(text_file.read_text(encoding="utf-8"), labels)
        total.add(score)
        if verbose:
            print(
                f"{text_file.name}: {score.attributed}/{score.gold} attributed, {score.found} found"
            )
            for note in notes:
                print(note)
    return total


def _fmt(name: str, values: tuple[float, float, float]) -> str:
    p, r, f = values
    return f"{name:<12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directories", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and errors")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, object]] = {}
    for directory in args.directories:
        score = score_directory(directory, args.verbose and not args.json)
        results[str(directory)] = {
            "gold": score.gold,
            "found": score.found,
            "detection": dict(zip(("precision", "recall", "f1"), score.detection, strict=True)),
            "attribution": dict(zip(("precision", "recall", "f1"), score.attribution, strict=True)),
        }
        if not args.json:
            print(f"{directory}: {score.gold} labelled quotations, {score.found} found")
            print(_fmt("detection", score.detection))
            print(_fmt("attribution", score.attribution))
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
