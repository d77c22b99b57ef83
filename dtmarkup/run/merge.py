"""Article findings → the collection's: lines, columns and XPaths shifted to where the
article sits (its Origin), and the collection's one Report."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from dtmarkup.diagnostics import Diagnostic, Report, Severity, sort_key
from dtmarkup.sources import Origin

__all__ = ["collection_report", "place"]


def place(findings: Iterable[Diagnostic], origin: Origin) -> list[Diagnostic]:
    """An article's findings, placed in its collection."""
    found = []
    for finding in findings:
        column = finding.column
        if finding.line == 1 and column is not None:
            if column > origin.shift + origin.at + 1:
                column -= origin.injected
            column = column - origin.shift + origin.lead
        found.append(
            dataclasses.replace(
                finding,
                line=finding.line + origin.line - 1 if finding.line is not None else origin.line,
                column=column,
                xpath=_place(finding.xpath, origin.xpath),
            )
        )
    return found


def _place(xpath: str | None, where: str) -> str:
    """``/article/body/p[2]`` -> ``/collection/article[@id='x']/body/p[2]``."""
    if not xpath:
        return where
    if xpath == "/article" or xpath.startswith("/article/"):
        return where + xpath[len("/article") :]
    return where + xpath


def collection_report(
    name: str, findings: Iterable[Diagnostic], article_ids: tuple[str, ...]
) -> Report:
    """One report for a whole collection: the scanner's findings and its articles'."""
    ordered = sorted(findings, key=sort_key)
    return Report(
        name,
        tuple(ordered),
        schema_valid=not any(
            d.code.startswith(("DT0", "DT1")) and d.severity is Severity.ERROR for d in ordered
        ),
        article_ids=article_ids,
    )
