"""--select / --ignore / --strict: which findings count, shared by the CLI and config."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from dtmarkup.diagnostics import Diagnostic, Report, Severity


def parse_codes(text: str | None) -> tuple[str, ...]:
    """``"DT1, DT203"`` -> ``("DT1", "DT203")``; upper-cased, blanks dropped."""
    if not text:
        return ()
    return tuple(part.strip().upper() for part in text.split(",") if part.strip())


@dataclass(frozen=True, slots=True)
class Selection:
    """Codes or prefixes to keep (empty: all) and to drop; ignore wins over select.
    ``error`` names codes or prefixes whose findings count as errors (a desk's own
    policy, such as DT215 for one that requires datelines)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    error: tuple[str, ...] = ()

    def keeps(self, diagnostic: Diagnostic) -> bool:
        code = diagnostic.code
        if any(code.startswith(prefix) for prefix in self.ignore):
            return False
        return not self.select or any(code.startswith(prefix) for prefix in self.select)

    def promoted(self, diagnostic: Diagnostic) -> Diagnostic:
        """``diagnostic``, as an error when its code is one the policy makes an error."""
        if diagnostic.severity is Severity.ERROR or not diagnostic.code.startswith(self.error):
            return diagnostic
        return replace(diagnostic, severity=Severity.ERROR)

    def apply(self, report: Report) -> Report:
        if not self.select and not self.ignore and not self.error:
            return report
        return report.filtered(self.promoted(d) for d in report.diagnostics if self.keeps(d))


def fails(reports: Iterable[Report], *, strict: bool) -> bool:
    """Whether a batch fails: any error, or under ``strict`` any warning."""
    for report in reports:
        if not report.valid:
            return True
        if strict and any(d.severity is Severity.WARNING for d in report.diagnostics):
            return True
    return False
