"""The one table of every code dtmarkup can emit.

Each layer keeps its rows in its own module (input, schema, rules, convert, render);
this module merges them and is what ``dtmarkup rules`` prints and docs/rules.md is made
from. Codes are stable and never reused: retire a code, never renumber one.
"""

from __future__ import annotations

from dataclasses import dataclass

from dtmarkup.diagnostics import Diagnostic, Severity


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """Documentation of one code: what it checks, why, and how to fix it."""

    code: str
    severity: Severity
    title: str
    rationale: str
    bad: str
    """A short example that triggers the code."""
    good: str
    """The same example, fixed."""
    fix: str
    layer: str
    """input, xsd, rules, convert or render."""

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "title": self.title,
            "layer": self.layer,
            "rationale": self.rationale,
            "bad": self.bad,
            "good": self.good,
            "fix": self.fix,
        }


def _merge() -> dict[str, CodeInfo]:
    from dtmarkup.codes import convert, input, render, rules, schema, suppress

    table: dict[str, CodeInfo] = {}
    for module in (input, schema, rules, convert, render, suppress):
        for info in module.TABLE:
            if info.code in table:
                raise RuntimeError(f"code {info.code} is defined twice")
            table[info.code] = info
    return dict(sorted(table.items()))


CODES: dict[str, CodeInfo] = _merge()


def diagnostic(
    code: str,
    message: str,
    *,
    line: int | None = None,
    column: int | None = None,
    xpath: str | None = None,
    severity: Severity | None = None,
    hint: str | None = None,
) -> Diagnostic:
    """A Diagnostic for ``code``, with the severity and source the table gives it."""
    info = CODES[code]
    return Diagnostic(
        code=code,
        severity=severity or info.severity,
        message=message,
        line=line,
        column=column,
        xpath=xpath,
        source=info.layer,
        hint=hint if hint is not None else info.fix,
    )
