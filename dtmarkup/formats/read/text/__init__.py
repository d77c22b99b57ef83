"""Plain wire text as an input format (``--from text``): deterministic rules mark up the
caption and credit, byline, dateline, quotations with their speakers, statements, dates
and the entity registry (dtmarkup.formats.read.text). Read-only: dtmarkup is not written back to
plain text by this module."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dtmarkup import codes
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats.base import ReadResult
from dtmarkup.formats.read.text.analyze import analyze
from dtmarkup.formats.read.text.compose import compose
from dtmarkup.formats.read.text.segment import segment


def decode(data: bytes, name: str) -> tuple[str, list[Diagnostic]]:
    """The text of the input: UTF-8 (a BOM is dropped), else Windows-1252 (DT385)."""
    findings: list[Diagnostic] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        findings.append(codes.diagnostic("DT385", f"{name} is not UTF-8: read as Windows-1252"))
    return text.replace("\r\n", "\n"), findings


def read(
    data: bytes,
    name: str = "<text>",
    *,
    publication: str | None = None,
    date: str | dt.date | None = None,
    explain: Callable[[str], None] | None = None,
) -> ReadResult:
    """Mark up a plain-text story.

    ``publication`` names the publication when the byline does not; ``date`` (YYYY-MM-DD)
    is the story date that weekdays and the dateline are resolved against; ``explain``
    receives one line per inference (which rule produced which element from which text).
    Raises InvalidDocumentError (DT376, DT377, DT387) when the article would need a guess.
    """
    text, early = decode(data, name)
    story_date = dt.date.fromisoformat(date) if isinstance(date, str) else date
    layout = segment(text, publication)
    analysis = analyze(layout, story_date, publication)
    try:
        article, findings = compose(analysis, publication, story_date is not None, name)
    finally:
        if explain is not None:
            for line in analysis.trace.lines():
                explain(f"{name}:{line}")
    return ReadResult(article, (*early, *findings))


def sniff(data: bytes) -> bool:
    """Text that is not markup: no leading ``<`` or ``{``."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(head) and head[:1] not in (b"<", b"{", b"[")


__all__ = ["InvalidDocumentError", "read", "sniff"]


def cli_options(
    format_name: str,
    *,
    publication: str | None,
    date: str | None,
    explain: bool,
    echo: Callable[[str], None],
) -> dict[str, object]:
    """The keyword arguments ``dtmarkup convert`` passes to the reader (the CLI hook).

    Empty for other formats; ValueError when a text-only option is given for another
    format or the date is not YYYY-MM-DD.
    """
    given = [n for n, v in (("--publication", publication), ("--date", date)) if v] + (
        ["--explain"] if explain else []
    )
    if format_name != "text":
        if given:
            raise ValueError(f"{', '.join(given)}: for --from text only")
        return {}
    options: dict[str, object] = {"publication": publication}
    if date:
        try:
            options["date"] = dt.date.fromisoformat(date)
        except ValueError:
            raise ValueError(f"--date {date!r} is not a date YYYY-MM-DD") from None
    if explain:
        options["explain"] = echo
    return options
