"""The fix loop's safety net, with a scripted checker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Edit, Fix, Report
from dtmarkup.fix.apply import fix_document

DOC = b"<headline>Storm.</headline>"
STOP = Fix("drop the stop", (Edit(15, 16, "", 1, 16, 1, 17),))


def scripted(after_codes: list[str]) -> tuple[list[bytes], Callable[[bytes], Report]]:
    seen: list[bytes] = []

    def check(data: bytes) -> Report:
        seen.append(data)
        if data == DOC:
            found = diagnostic("DT207", "full stop", line=1, column=1)
            return Report("d", (replace(found, fixes=(STOP,)),), schema_valid=True)
        return Report(
            "d", tuple(diagnostic(c, "x", line=1) for c in after_codes), schema_valid=True
        )

    return seen, check


def test_a_pass_that_adds_a_new_code_is_thrown_away() -> None:
    _, check = scripted(["DT205"])
    outcome = fix_document(DOC, check)
    assert outcome.data == DOC and not outcome.changed
    assert outcome.refused is not None and outcome.refused.codes() == {"DT205"}


def test_an_unused_suppression_left_behind_does_not_stop_fixing() -> None:
    _, check = scripted(["DT502"])
    outcome = fix_document(DOC, check)
    assert (outcome.data, outcome.refused, outcome.fixed) == (
        b"<headline>Storm</headline>",
        None,
        1,
    )


def test_unsafe_fixes_only_on_request() -> None:
    unsafe = Fix("drop the stop", STOP.edits, safe=False)

    def check(data: bytes) -> Report:
        found = diagnostic("DT207", "full stop", line=1, column=1)
        fixes = (unsafe,) if data == DOC else ()
        return Report("d", (replace(found, fixes=fixes),), schema_valid=True)

    assert not fix_document(DOC, check).changed
    assert fix_document(DOC, check, unsafe=True).data == b"<headline>Storm</headline>"
