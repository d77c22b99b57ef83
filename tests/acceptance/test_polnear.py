"""Plain-text import on real copy: PolNeAR's hand-labelled US political news (issue 14).

Runs when ../shared/external/polnear-train is there (always under CI=true), skips cleanly
without it. A regression floor, not a timed test: the figures it guards are in
bench/TEXT-IMPORT.md with the command that produced them. The held-out part is measured
here but was never used to tune the rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dtmarkup import validate
from dtmarkup.formats.read.text import read
from dtmarkup.formats.read.text.analyze import analyze
from dtmarkup.formats.read.text.quotes import find_spans
from dtmarkup.formats.read.text.segment import segment
from dtmarkup.xml.serialize import serialize
from tools import polnear_eval as polnear

ROOT = Path(__file__).resolve().parents[3] / "shared" / "external" / "polnear-train"
pytestmark = pytest.mark.skipif(not ROOT.is_dir(), reason="polnear-train is absent")


def test_the_split_is_deterministic_and_about_a_fifth() -> None:
    names = [p.stem for p in sorted((ROOT / "data" / "train" / "text").glob("*.txt"))]
    held_out = [n for n in names if polnear.in_test_part(n)]
    assert len(names) == 840
    assert 140 <= len(held_out) <= 200
    assert polnear.in_test_part(held_out[0]) and not polnear.in_test_part(
        next(n for n in names if n not in held_out)
    )


@pytest.mark.parametrize(
    ("part", "precision", "recall"),
    [("dev", 0.85, 0.43), ("test", 0.88, 0.43)],
)
def test_quote_speaker_floor(part: str, precision: float, recall: float) -> None:
    score = polnear.evaluate(ROOT, part)
    assert score.gold > 1000
    assert score.precision >= precision, score.as_dict()
    assert score.recall >= recall, score.as_dict()


def test_held_out_articles_convert_as_written_and_validate() -> None:
    for article in polnear.articles(ROOT, "test"):
        result = read(article.text.encode("utf-8"), f"{article.name}.txt")
        report = validate(serialize(result.article))
        assert report.valid, (article.name, [d.message for d in report.diagnostics][:3])


def test_no_quotation_is_dropped_without_a_finding() -> None:
    for article in polnear.articles(ROOT, "test"):
        analysis = analyze(segment(article.text))
        spans = sum(
            len(find_spans(b.text))
            for b in analysis.layout.blocks
            if b.role == "paragraph" and b.group is None
        )
        marked = sum(
            1 for bm in analysis.blocks for mk in bm.marks if mk.kind in ("q", "statement")
        )
        reported = sum(1 for d in analysis.findings if d.code == "DT371")
        assert marked + reported >= spans, article.name


def test_labels_resolve_named_heads_descriptions_and_pronouns() -> None:
    text = (
        "Headline\n\nSen. Ann Lee (D-N.Y.) spoke. “We won,” she said. "
        "“Fine,” the Clinton campaign said. The “Make America Great Again” hats sold.\n"
    )
    at = text.index
    ann = "\n".join(
        [
            f"T1\tSource {at('Sen.')} {at(' (D')}\tSen. Ann Lee",
            f"T2\tSource {at('she')} {at('she') + 3}\tshe",
            f"T3\tContent {at('We won')} {at('We won') + 7}\tWe won,",
            f"T4\tSource {at('the Clinton')} {at(' said. The')}\tthe Clinton campaign",
            f"T5\tContent {at('Fine')} {at('Fine') + 5}\tFine,",
            f"T6\tContent {at('Sen.')} {at(' spoke')}\tx",
            "E1\tAttribution:T9 Source:T1 Content:T6",
            "E2\tAttribution:T9 Source:T2 Content:T3",
            "E3\tAttribution:T9 Source:T4 Content:T5",
        ]
    )
    article = polnear.label("x", text, ann)
    got = [(q.text, q.attributed, q.speaker) for q in article.quotations]
    assert got == [
        ("We won,", True, polnear.Speaker("Ann Lee", "person")),
        ("Fine,", True, polnear.Speaker("Clinton campaign", "organization")),
        ("Make America Great Again", False, None),
    ]
