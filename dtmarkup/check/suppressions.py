"""Inline suppressions: ``<!-- dtmarkup: ignore DT210, DT204 - reason -->``.

A suppression turns the named codes off on the line(s) of the comment and on the line
after it ("on or before the line"). The reason follows a hyphen (or an en or em dash, or
a colon): XML forbids ``--`` inside a comment, so the ``--`` of other linters' syntax
would make the document not well-formed. A suppression without a code or a reason is
reported (DT501) and still applies; one that suppresses nothing is reported too (DT502,
with a safe fix that removes it). A code of the editorial rules (DT2xx) counts as unused
only when the rules ran: they do not run on a document the schema rejects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic, Fix

if TYPE_CHECKING:  # loaded only for a document that has a suppression (start-up time)
    from dtmarkup.xml.source_map import SourceMap

_MARKER = re.compile(rb"dtmarkup\s*:\s*ignore", re.I)
"""A cheap test of the bytes first: every document names dtmarkup (in its namespace)."""
_SUPPRESSION = re.compile(r"\s*dtmarkup\s*:\s*ignore\b(?P<rest>.*)\Z", re.S | re.I)
_CODES = re.compile(r"\s*(?P<codes>DT\d+(?:\s*,\s*DT\d+)*)", re.I)
_REASON = re.compile(r"\s*[-–—:]\s*(?P<reason>\S.*?)\s*\Z", re.S)
_UNSUPPRESSIBLE = ("DT0", "DT5")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One comment: the codes it names and the lines it covers."""

    codes: tuple[str, ...]
    first_line: int
    last_line: int
    """The line after the comment: the last one it covers."""
    start: int
    end: int
    """Text offsets of the comment."""

    def covers(self, finding: Diagnostic) -> bool:
        return (
            finding.line is not None
            and self.first_line <= finding.line <= self.last_line
            and finding.code in self.codes
            and not finding.code.startswith(_UNSUPPRESSIBLE)
        )


def apply(
    data: bytes | None, findings: Sequence[Diagnostic], *, rules_ran: bool
) -> list[Diagnostic]:
    """``findings`` less the suppressed ones, plus DT501/DT502 about the suppressions."""
    if data is None or not _may_have(data):
        return list(findings)
    from dtmarkup.xml.source_map import SourceMap

    source = SourceMap.text_of(data)
    if source is None:
        return list(findings)
    suppressions, problems = _parse(source)
    by_place: dict[tuple[int, str], list[int]] = {}  # (line, code): the work stays linear
    for i, suppression in enumerate(suppressions):
        for line in range(suppression.first_line, suppression.last_line + 1):
            for code in suppression.codes:
                by_place.setdefault((line, code), []).append(i)
    used: set[int] = set()
    kept: list[Diagnostic] = []
    for finding in findings:
        near = by_place.get((finding.line or 0, finding.code), [])
        covering = {i for i in near if suppressions[i].covers(finding)}
        used |= covering
        if not covering:
            kept.append(finding)
    for i, suppression in enumerate(suppressions):
        checkable = [c for c in suppression.codes if rules_ran or not c.startswith("DT2")]
        if i not in used and checkable:
            kept.append(_unused(source, suppression))
    return kept + problems


def _may_have(data: bytes) -> bool:
    if b"\x00" in data[:4]:  # UTF-16: a zero byte beside each ASCII letter
        return b"i\x00g\x00n\x00o\x00r\x00e" in data.lower()
    return _MARKER.search(data) is not None


def _parse(source: SourceMap) -> tuple[list[Suppression], list[Diagnostic]]:
    suppressions: list[Suppression] = []
    problems: list[Diagnostic] = []
    for start, end, body in source.comments():
        match = _SUPPRESSION.match(body)
        if match is None:
            continue
        line, column = source.line_of(start)
        last_line = source.line_of(end)[0] + 1
        rest = match.group("rest")
        codes_match = _CODES.match(rest)
        if codes_match is None:
            problems.append(
                diagnostic(
                    "DT501",
                    "the suppression names no code (write dtmarkup: ignore DT210 - reason)",
                    line=line,
                    column=column,
                )
            )
            continue
        codes = tuple(c.strip().upper() for c in codes_match.group("codes").split(","))
        suppressions.append(Suppression(codes, line, last_line, start, end))
        reason = _REASON.match(rest[codes_match.end() :])
        if reason is None:
            problems.append(
                diagnostic(
                    "DT501",
                    f"the suppression of {', '.join(codes)} gives no reason; add one after "
                    "a hyphen: dtmarkup: ignore CODE - reason",
                    line=line,
                    column=column,
                )
            )
    return suppressions, problems


def _unused(source: SourceMap, suppression: Suppression) -> Diagnostic:
    line, column = source.line_of(suppression.start)
    start, end = source.whole_lines(suppression.start, suppression.end)
    finding = diagnostic(
        "DT502",
        f"the suppression of {', '.join(suppression.codes)} suppresses nothing on lines "
        f"{suppression.first_line}-{suppression.last_line}",
        line=line,
        column=column,
    )
    return replace(
        finding, fixes=(Fix("Remove the suppression comment", (source.edit(start, end, ""),)),)
    )
