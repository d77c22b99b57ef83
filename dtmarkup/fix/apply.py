"""Apply fixes to a document's bytes, pass after pass, and never make it worse.

Each pass validates the bytes, takes the fixes of the selected findings (safe ones, or
all with ``unsafe``), drops any whose edits overlap an edit already taken (it comes back
on the next pass), and applies them to the original bytes. A pass whose result adds a
finding of a code that was not there before (or is refused by the input gate) is thrown
away and fixing stops: the document keeps the last good state. Findings of the editorial
rules count as new only when the rules already ran before the pass, and an unused
suppression (DT502) never does: its own fix removes it on the next pass.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from dtmarkup.diagnostics import Diagnostic, Edit, Fix, Report
from dtmarkup.xml.source_map import apply_edits

MAX_PASSES = 10
"""Fixes can uncover others (an entity becomes unused); ten passes are plenty."""

Check = Callable[[bytes], Report]


@dataclass(slots=True)
class Outcome:
    """What fixing one document did."""

    original: bytes
    data: bytes
    report: Report
    """The findings left in ``data``."""
    passes: list[tuple[bytes, list[Edit]]] = field(default_factory=list)
    """Each applied pass: the bytes it started from and the edits applied to them."""
    fixed: int = 0
    """How many fixes were applied."""
    refused: Report | None = None
    """The report of a pass that was thrown away because it added a finding."""

    @property
    def changed(self) -> bool:
        return self.data != self.original


def fix_document(
    data: bytes,
    check: Check,
    *,
    unsafe: bool = False,
    keep: Callable[[Diagnostic], bool] = lambda finding: True,
) -> Outcome:
    """Fix ``data`` with the findings ``check`` reports (those ``keep`` selects)."""
    report = check(data)
    outcome = Outcome(data, data, report)
    for _ in range(MAX_PASSES):
        chosen = choose(report, unsafe=unsafe, keep=keep)
        if not chosen:
            break
        edits = [edit for fix in chosen for edit in fix.edits]
        candidate = apply_edits(data, edits)
        after = check(candidate)
        if _worse(report, after):
            outcome.refused = after
            break
        outcome.passes.append((data, edits))
        outcome.fixed += len(chosen)
        data, report = candidate, after
    outcome.data, outcome.report = data, report
    return outcome


def choose(
    report: Report,
    *,
    unsafe: bool = False,
    keep: Callable[[Diagnostic], bool] = lambda finding: True,
) -> list[Fix]:
    """The fixes to apply in one pass: wanted, and no two touching the same bytes."""
    wanted = [
        fix
        for finding in report.diagnostics
        if keep(finding)
        for fix in finding.fixes
        if fix.safe or unsafe
    ]
    return disjoint(wanted)


def disjoint(fixes: list[Fix]) -> list[Fix]:
    """The fixes in order, less any that touches bytes an earlier one edits (or a repeat).

    The accepted ranges are kept sorted and never overlap, so each edit is checked
    against its two neighbours only: O(n log n) for n fixes.
    """
    taken: list[Fix] = []
    seen: set[Fix] = set()
    starts: list[int] = []
    ends: list[int] = []
    for fix in fixes:
        if fix in seen or any(_clashes(edit, starts, ends) for edit in fix.edits):
            continue
        if _clash_within(fix):
            continue
        taken.append(fix)
        seen.add(fix)
        for edit in fix.edits:
            index = bisect.bisect_left(starts, edit.start)
            starts.insert(index, edit.start)
            ends.insert(index, edit.end)
    return taken


def _clashes(edit: Edit, starts: list[int], ends: list[int]) -> bool:
    """Whether ``edit`` overlaps an accepted range, or inserts where one starts."""
    index = bisect.bisect_left(starts, edit.start)
    if index < len(starts) and (starts[index] == edit.start or starts[index] < edit.end):
        return True
    return index > 0 and ends[index - 1] > edit.start


def _clash_within(fix: Fix) -> bool:
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    return any(b.start < a.end or b.start == a.start for a, b in itertools.pairwise(edits))


def _worse(before: Report, after: Report) -> bool:
    if any(d.source == "input" for d in after.diagnostics):
        return True
    rules_ran = before.schema_valid is True
    known = before.codes() | {"DT502"}  # a suppression left with nothing: removed next pass
    return any(
        d.code not in known and (rules_ran or d.source not in ("rules", "comment"))
        for d in after.diagnostics
    )
