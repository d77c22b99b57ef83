"""workspace/selection.py: select, ignore, error and per-file-ignores in one Selection."""

from __future__ import annotations

from pathlib import Path

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Report, Severity
from dtmarkup.workspace.selection import Selection


def report(name: str) -> Report:
    return Report(
        name,
        (
            diagnostic("DT108", "a broken reference", line=3),
            diagnostic("DT201", "a rule", line=4),
            diagnostic("DT215", "no dateline", line=5),
        ),
    )


def test_per_file_ignores_are_part_of_the_selection(tmp_path: Path) -> None:
    selection = Selection(
        error=("DT215",),
        per_file=(("wire/*.xml", ("DT2",)), ("draft-*.xml", ("DT108",))),
        root=tmp_path,
    )
    wire = selection.apply(report(str(tmp_path / "wire" / "a.xml")))
    assert [d.code for d in wire.diagnostics] == ["DT108"]
    draft = selection.apply(report(str(tmp_path / "desk" / "draft-1.xml")))
    assert [(d.code, d.severity) for d in draft.diagnostics] == [
        ("DT201", Severity.ERROR),
        ("DT215", Severity.ERROR),
    ]
    assert [d.code for d in selection.apply(report("-")).diagnostics] == [
        "DT108",
        "DT201",
        "DT215",
    ]


def test_an_empty_selection_keeps_the_report_as_it_is() -> None:
    original = report("a.xml")
    assert Selection().apply(original) is original
