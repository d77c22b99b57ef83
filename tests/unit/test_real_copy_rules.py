"""The failure classes seen on real copy (issue 14), one rule each: what is attributed, to
whom, and what is left unattributed with its finding."""

from __future__ import annotations

import pytest

from dtmarkup import validate
from dtmarkup.formats.read.text import read
from dtmarkup.formats.read.text.analyze import analyze
from dtmarkup.formats.read.text.segment import segment
from dtmarkup.xml.serialize import serialize
from tools.textmark_eval import found_quotes


def speakers(text: str) -> list[tuple[str, str]]:
    return [(f.quote, f.speaker) for f in found_quotes(analyze(segment(text)))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an organisation with a verb not adjacent ("said in a statement that it was")
            "The Clinton campaign said in a statement that it was “deeply disappointed.”",
            [("deeply disappointed.", "Clinton campaign")],
        ),
        (  # an organisation as speaker after the quotation
            "“We will appeal this decision in every court,” the union wrote on Twitter.",
            [("We will appeal this decision in every court,", "union")],
        ),
        (  # "according to", a title abbreviation and a party tag never cut into the name
            "“The economy is growing faster than expected,” according to Sen. Mitch "
            "McConnell, R-Ky.",
            [("The economy is growing faster than expected,", "Mitch McConnell")],
        ),
        (  # a partial quotation inside reported speech, with a party tag in brackets
            "Rep. G.K. Butterfield (D-N.C.) vowed to punish “those who violate the rules.”",
            [("those who violate the rules.", "G.K. Butterfield")],
        ),
        (  # a continuation after an attributed quotation, "told reporters"
            "“We are done here,” Butterfield told reporters. “This is over and we move on.”",
            [
                ("We are done here,", "Butterfield"),
                ("This is over and we move on.", "Butterfield"),
            ],
        ),
        (  # a descriptor before the name is not the name; a bare surname later
            "Longtime Democratic pollster Pat Caddell said the party was “in deep trouble.” "
            "“Nobody is listening,” Caddell added.",
            [("in deep trouble.", "Pat Caddell"), ("Nobody is listening,", "Pat Caddell")],
        ),
        (  # a name with an appositive, then "Ms. X" and a colon
            "Angelique Brunner, a Washington-based developer, said the rules were “too "
            "strict.” Ms. Brunner added: “We cannot build anything.”",
            [
                ("too strict.", "Brunner"),
                ("We cannot build anything.", "Brunner"),
            ],
        ),
    ],
)
def test_failure_classes_of_real_copy(text: str, expected: list[tuple[str, str]]) -> None:
    assert speakers(f"Headline here\n\n{text}\n") == expected


def test_transcript_speaker_label_of_a_known_person() -> None:
    text = "Debate night\nGov. Mike Pence spoke first.\nPENCE: “I think he is right.”\n"
    assert speakers(text) == [("I think he is right.", "Mike Pence")]
    assert speakers("Notes\nUPDATE: “This is a note from the desk.”\n") == []


def test_pronoun_takes_gender_and_an_ambiguous_one_is_reported() -> None:
    text = (
        "Headline here\n\nMarta Lopez met Daniel Ruiz on Monday. "
        "“We agreed on nothing,” she said.\n\n"
        "Tom Reed met Daniel Ruiz on Tuesday. “We agreed on everything,” he said.\n"
    )
    assert speakers(text) == [("We agreed on nothing,", "Marta Lopez")]
    result = read(text.encode(), "s.txt")
    messages = [d.message for d in result.diagnostics if d.code == "DT371"]
    assert len(messages) == 1
    assert "ambiguous, not guessed" in messages[0] and "'he'" in messages[0]


def test_titles_and_slogans_in_quotation_marks_are_reported_not_attributed() -> None:
    text = (
        "Headline here\n\nSupporters wore “Make America Great Again” hats and watched "
        "“Saturday Night Live” together.\n"
    )
    result = read(text.encode(), "s.txt")
    assert speakers(text) == []
    findings = [d for d in result.diagnostics if d.code == "DT371"]
    assert len(findings) == 2
    assert all("not a quotation" in d.message or "no speech verb" in d.message for d in findings)
    assert validate(serialize(result.article)).valid


def test_single_newline_paragraphs_are_paragraphs() -> None:
    text = "Headline here\nAnn Lee spoke.\n“We are ready for this,” Lee said.\nThe end.\n"
    article = read(text.encode(), "s.txt").article
    assert len(article.body) == 3
    assert speakers(text) == [("We are ready for this,", "Ann Lee")]
