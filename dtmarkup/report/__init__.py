"""Reporters: a batch of Reports in, text for the user out. One module per format.

Only reporters and the CLI write to the user; reporters return strings and never decide
exit codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from dtmarkup.diagnostics import Report


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts every format reports, computed in one place so that they agree."""

    files: int
    valid: int
    invalid: int
    errors: int
    warnings: int
    infos: int
    unreadable: int
    baselined: int | None = None
    """Findings dropped because a baseline knows them; None when no baseline is in use."""

    @classmethod
    def of(cls, reports: Sequence[Report], *, baselined: int | None = None) -> Summary:
        valid = sum(1 for r in reports if r.valid)
        return cls(
            files=len(reports),
            valid=valid,
            invalid=len(reports) - valid,
            errors=sum(r.errors for r in reports),
            warnings=sum(r.warnings for r in reports),
            infos=sum(len(r.diagnostics) - r.errors - r.warnings for r in reports),
            unreadable=sum(1 for r in reports if not r.readable),
            baselined=baselined,
        )

    def to_dict(self) -> dict[str, int]:
        data = {
            "files": self.files,
            "valid": self.valid,
            "invalid": self.invalid,
            "errors": self.errors,
            "warnings": self.warnings,
        }
        if self.baselined is not None:
            data["baselined"] = self.baselined
        return data


class Reporter(Protocol):
    """``render(reports, summary)``: the summary defaults to ``Summary.of(reports)``; the
    CLI passes one when it knows more (how many findings a baseline dropped)."""

    def __call__(self, reports: Sequence[Report], summary: Summary | None = None) -> str: ...


def reporter(name: str) -> Reporter:
    """The reporter for a --format name (imported lazily: only one is ever needed)."""
    if name == "text":
        from dtmarkup.report.text import render
    elif name == "json":
        from dtmarkup.report.json import render
    elif name == "junit":
        from dtmarkup.report.junit import render
    elif name == "sarif":
        from dtmarkup.report.sarif import render
    elif name == "github":
        from dtmarkup.report.github import render
    elif name == "html":
        from dtmarkup.report.html import render
    else:
        raise KeyError(name)
    return render


FORMATS: tuple[str, ...] = ("text", "json", "junit", "sarif", "github", "html")
