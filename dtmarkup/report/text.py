"""Text report: one ``path:line:column: CODE severity: message`` line per finding."""

from __future__ import annotations

from collections.abc import Sequence

from dtmarkup.diagnostics import Diagnostic, Report
from dtmarkup.report import Summary


def format_diagnostic(path: str, d: Diagnostic) -> str:
    """``d.format(path)``: the one way a finding is printed."""
    return d.format(path)


def render(reports: Sequence[Report], summary: Summary | None = None) -> str:
    lines = [format_diagnostic(r.path, d) for r in reports for d in r.diagnostics]
    lines.append(summary_line(summary or Summary.of(reports)))
    return "\n".join(lines) + "\n"


def summary_line(s: Summary) -> str:
    files = "1 file" if s.files == 1 else f"{s.files} files"
    verdict = "all valid" if s.invalid == 0 else f"{s.valid} valid, {s.invalid} invalid"
    known = "" if s.baselined is None else f"; {s.baselined} baselined"
    counts = f"{_n(s.errors, 'error')}, {_n(s.warnings, 'warning')}{known}"
    return f"{files} checked: {verdict} ({counts})"


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
