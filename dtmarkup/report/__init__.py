"""Reporters: a batch of Reports in, text for the user out. One module per format.

Only reporters and the CLI write to the user; reporters return strings and never decide
exit codes.
"""

from __future__ import annotations

import importlib
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
    strict: bool = False
    """Warnings fail too (--strict): a document with one counts as invalid (failed)."""

    @classmethod
    def of(
        cls, reports: Sequence[Report], *, baselined: int | None = None, strict: bool = False
    ) -> Summary:
        valid = sum(1 for r in reports if r.valid and not (strict and r.warnings))
        return cls(
            files=len(reports),
            valid=valid,
            invalid=len(reports) - valid,
            errors=sum(r.errors for r in reports),
            warnings=sum(r.warnings for r in reports),
            infos=sum(len(r.diagnostics) - r.errors - r.warnings for r in reports),
            unreadable=sum(1 for r in reports if not r.readable),
            baselined=baselined,
            strict=strict,
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


REPORTERS: dict[str, str] = {
    "text": "dtmarkup.report.text:render",
    "json": "dtmarkup.report.json:render",
    "junit": "dtmarkup.report.junit:render",
    "sarif": "dtmarkup.report.sarif:render",
    "github": "dtmarkup.report.github:render",
    "html": "dtmarkup.report.html:render",
}
"""--format name -> "module:function". Declared here, imported only when used (only one
reporter is ever needed); ``click.Choice`` and the config schema are built from it."""

FORMATS: tuple[str, ...] = tuple(REPORTERS)


def reporter(name: str) -> Reporter:
    """The reporter for a --format name; KeyError for a name not in REPORTERS."""
    module_name, attribute = REPORTERS[name].split(":")
    render: Reporter = getattr(importlib.import_module(module_name), attribute)
    return render
