"""--select / --ignore / --error / per-file-ignores / --strict: which findings count,
shared by the CLI and config. A run applies its Selection once, to each finished report
(run.check_all), before the baseline."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

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
    per_file: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, codes) pairs of per-file-ignores: the codes dropped in the files it matches."""
    root: Path | None = None
    """The directory the per-file globs are relative to (None: the working directory)."""

    def ignored_in(self, document: str) -> tuple[str, ...]:
        """The codes per-file-ignores drops for ``document`` (a path as the user gave it).

        A glob is matched against the path relative to ``root``, with forward slashes; a
        glob without a slash is matched against the file name alone.
        """
        if not self.per_file or document == "-":
            return ()
        relative = _relative_posix(document, self.root or Path.cwd())
        name = PurePosixPath(relative).name
        codes: list[str] = []
        for pattern, ignored in self.per_file:
            subject = relative if "/" in pattern else name
            if fnmatch.fnmatchcase(subject, pattern):
                codes.extend(ignored)
        return tuple(codes)

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
        """The report with only the findings that count, promoted as the policy says."""
        if not self.select and not self.ignore and not self.error and not self.per_file:
            return report
        ignored = self.ignored_in(report.path)
        return report.filtered(
            self.promoted(d)
            for d in report.diagnostics
            if self.keeps(d) and not d.code.startswith(ignored)
        )


def _relative_posix(document: str, root: Path) -> str:
    absolute = os.path.abspath(document)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return PurePosixPath(Path(absolute).as_posix()).as_posix()
    return Path(relative).as_posix()


def fails(reports: Iterable[Report], *, strict: bool) -> bool:
    """Whether a batch fails: any error, or under ``strict`` any warning."""
    for report in reports:
        if not report.valid:
            return True
        if strict and any(d.severity is Severity.WARNING for d in report.diagnostics):
            return True
    return False
