"""Text report: one ``path:line:column: CODE severity: message`` line per finding, then
its fix on an indented ``fix:`` line. A finding about the whole file (no line) is
``path: CODE severity: message``. Every string from outside (file names, messages that
quote a document, element paths) is passed through ``dtmarkup.escape.printable``."""

from __future__ import annotations

from collections.abc import Sequence

from dtmarkup.diagnostics import Diagnostic, Report
from dtmarkup.escape import printable
from dtmarkup.report import Summary

FIX_PREFIX = "    fix: "


def format_diagnostic(path: str, d: Diagnostic, *, hint: bool = False) -> str:
    """``d.format(path)`` (with ``hint``, and a hint to give, a second ``fix:`` line)."""
    line = d.format(path)
    if hint and d.hint:
        line += "\n" + FIX_PREFIX + printable(d.hint)
    return line


def render(reports: Sequence[Report], summary: Summary | None = None) -> str:
    lines = [format_diagnostic(r.path, d, hint=True) for r in reports for d in r.diagnostics]
    lines.append(summary_line(summary or Summary.of(reports)))
    return "\n".join(lines) + "\n"


def summary_line(s: Summary) -> str:
    files = "1 file" if s.files == 1 else f"{s.files} files"
    if s.invalid == 0:
        verdict = "all valid"
    elif s.strict:
        verdict = f"{s.valid} passed, {s.invalid} failed (--strict: warnings fail)"
    else:
        verdict = f"{s.valid} valid, {s.invalid} invalid"
    known = "" if s.baselined is None else f"; {s.baselined} baselined"
    counts = f"{_n(s.errors, 'error')}, {_n(s.warnings, 'warning')}{known}"
    return f"{files} checked: {verdict} ({counts})"


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
