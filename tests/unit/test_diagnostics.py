"""Diagnostic.format(path) / str(): the one way a finding is printed."""

from __future__ import annotations

from dtmarkup.codes import diagnostic
from dtmarkup.report.text import format_diagnostic


def test_one_line_form_of_a_finding() -> None:
    found = diagnostic("DT108", "bad reference", line=12, column=5, xpath="/article/body/p[2]")
    assert str(found) == "12:5: DT108 error: bad reference [/article/body/p[2]]"
    assert found.format("a.xml") == "a.xml:12:5: DT108 error: bad reference [/article/body/p[2]]"
    assert format_diagnostic("a.xml", found) == found.format("a.xml")


def test_unknown_place_prints_as_zero() -> None:
    assert diagnostic("DT002", "cannot read input: gone").format("-") == (
        "-:0:0: DT002 error: cannot read input: gone"
    )
