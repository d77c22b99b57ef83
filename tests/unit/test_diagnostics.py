"""Diagnostic.format(path) / str(): the one way a finding is printed."""

from __future__ import annotations

from dtmarkup.codes import diagnostic
from dtmarkup.report.text import format_diagnostic


def test_one_line_form_of_a_finding() -> None:
    found = diagnostic("DT108", "bad reference", line=12, column=5, xpath="/article/body/p[2]")
    assert str(found) == "12:5: DT108 error: bad reference [/article/body/p[2]]"
    assert found.format("a.xml") == "a.xml:12:5: DT108 error: bad reference [/article/body/p[2]]"
    assert format_diagnostic("a.xml", found) == found.format("a.xml")


def test_a_finding_about_the_whole_file_has_no_place() -> None:
    """Not ``file:0:0``: a finding with no line is about the whole file."""
    found = diagnostic("DT002", "cannot read input: gone")
    assert found.format("-") == "-: DT002 error: cannot read input: gone"
    assert str(found) == "DT002 error: cannot read input: gone"


def test_a_line_without_a_column() -> None:
    found = diagnostic("DT001", "not well-formed", line=3)
    assert found.format("a.xml") == "a.xml:3: DT001 error: not well-formed"


def test_untrusted_text_is_printed_escaped() -> None:
    found = diagnostic("DT104", "id \x1b[31mred\x07", line=1, column=2, xpath="/article\n::x")
    assert found.format("a\rb.xml") == (
        "a\\x0db.xml:1:2: DT104 error: id \\x1b[31mred\\x07 [/article\\x0a::x]"
    )
