"""Inline suppressions: <!-- dtmarkup: ignore CODE - reason --> on or before the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dtmarkup.fix.files import Plan, fix_bytes
from dtmarkup.run.document import validate_bytes

ROOT = Path(__file__).resolve().parent.parent.parent
QUOTES = (ROOT / "tests/rules/DT206-quotation-marks.xml").read_bytes()
Q_LINE = (
    b'    <p>He said the talks were <q speaker="blinken">\xe2\x80\x9cuseful\xe2\x80\x9d</q>.</p>'
)


def findings(data: bytes) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in validate_bytes(data, "doc.xml").diagnostics]


def test_without_suppressions() -> None:
    assert findings(QUOTES) == [("DT206", 36), ("DT206", 38), ("DT206", 42)]


@pytest.mark.parametrize(
    "comment",
    [
        b"<!-- dtmarkup: ignore DT206 - quoted as the agency sent it -->",
        b"<!--dtmarkup:ignore DT206,DT204 \xe2\x80\x94 as sent-->",
        b"<!-- DTmarkup: Ignore dt206: as sent -->",
    ],
)
def test_a_suppression_on_the_line_before(comment: bytes) -> None:
    data = QUOTES.replace(Q_LINE, b"    " + comment + b"\n" + Q_LINE)
    assert findings(data) == [("DT206", 39), ("DT206", 43)]


def test_a_suppression_on_the_same_line() -> None:
    data = QUOTES.replace(Q_LINE, Q_LINE + b"<!-- dtmarkup: ignore DT206 - as sent -->")
    assert findings(data) == [("DT206", 38), ("DT206", 42)]


def test_a_suppression_two_lines_before_does_not_reach() -> None:
    comment = b"    <!-- dtmarkup: ignore DT206 - as sent -->\n\n"
    data = QUOTES.replace(Q_LINE, comment + Q_LINE)
    assert findings(data) == [("DT502", 36), ("DT206", 38), ("DT206", 40), ("DT206", 44)]


def test_without_a_reason_it_still_suppresses_but_is_reported() -> None:
    data = QUOTES.replace(Q_LINE, b"    <!-- dtmarkup: ignore DT206 -->\n" + Q_LINE)
    result = validate_bytes(data, "doc.xml")
    assert [(d.code, d.line) for d in result.diagnostics] == [
        ("DT501", 36),
        ("DT206", 39),
        ("DT206", 43),
    ]
    assert "gives no reason" in result.diagnostics[0].message
    assert result.diagnostics[0].fixes == ()


def test_without_a_code() -> None:
    data = QUOTES.replace(Q_LINE, b"    <!-- dtmarkup: ignore - why -->\n" + Q_LINE)
    assert ("DT501", 36) in findings(data)


def test_an_unused_suppression_is_reported_and_fixed() -> None:
    comment = b"    <!-- dtmarkup: ignore DT212 - no image here -->\n"
    data = QUOTES.replace(Q_LINE, comment + Q_LINE)
    assert ("DT502", 36) in findings(data)
    outcome = fix_bytes(data, "doc.xml", Plan(unsafe=True))
    assert comment not in outcome.data
    assert outcome.report.diagnostics == ()


def test_input_and_suppression_codes_cannot_be_suppressed() -> None:
    data = QUOTES.replace(Q_LINE, b"    <!-- dtmarkup: ignore DT501 -->\n" + Q_LINE)
    assert [c for c, _ in findings(data) if c.startswith("DT5")] == ["DT501", "DT502"]


def test_rule_suppressions_are_not_unused_when_the_rules_did_not_run() -> None:
    data = QUOTES.replace(Q_LINE, b"    <!-- dtmarkup: ignore DT206 - as sent -->\n" + Q_LINE)
    broken = data.replace(b' country="IS"', b"")  # a schema error: the rules do not run
    assert [c for c, _ in findings(broken)] == ["DT103"]


def test_in_a_utf16_document() -> None:
    text = QUOTES.decode("utf-8").replace(
        Q_LINE.decode("utf-8"), "    <!-- dtmarkup: ignore DT206 - as sent -->\n" + Q_LINE.decode()
    )
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    assert findings(data) == [("DT206", 39), ("DT206", 43)]
