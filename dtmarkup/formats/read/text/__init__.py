"""Plain wire text as an input format (``--from text``): deterministic rules mark up the
caption and credit, byline, dateline, quotations with their speakers, statements, dates
and the entity registry (dtmarkup.formats.read.text). Read-only: dtmarkup is not written back to
plain text by this module."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dtmarkup import codes
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats.base import ReadResult
from dtmarkup.formats.read.text.analyze import analyze
from dtmarkup.formats.read.text.compose import compose
from dtmarkup.formats.read.text.segment import segment

# Characters no XML 1.0 document may hold (C0 controls but tab, line feed and carriage
# return; lone surrogates; U+FFFE and U+FFFF), and the C1 controls, which XML allows but
# which are never text (a NEL or CSI from old wire systems).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def decode(data: bytes, name: str) -> tuple[str, list[Diagnostic]]:
    """The text of the input: UTF-8 (a BOM is dropped), else Windows-1252 (DT385).

    Control characters (form feed in old wire copy, VT, ESC, NUL, C1 controls, U+FFFE)
    become spaces, so offsets, lines and columns stay those of the source (DT390).
    """
    findings: list[Diagnostic] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        findings.append(codes.diagnostic("DT385", f"{name} is not UTF-8: read as Windows-1252"))
    text = text.replace("\r\n", "\n")
    first = _CONTROLS.search(text)
    if first is not None:
        count = len(_CONTROLS.findall(text))
        line = text.count("\n", 0, first.start()) + 1
        column = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
        findings.append(
            codes.diagnostic(
                "DT390",
                f"{count} control character{'s' if count > 1 else ''} replaced by spaces "
                f"(the first, U+{ord(first.group()):04X}, here)",
                line=line,
                column=column,
            )
        )
        text = _CONTROLS.sub(" ", text)
    return text, findings


def read(
    data: bytes,
    name: str = "<text>",
    *,
    publication: str | None = None,
    date: str | dt.date | None = None,
    dateline: str | tuple[str, str | None] | None = None,
    explain: Callable[[str], None] | None = None,
) -> ReadResult:
    """Mark up a plain-text story.

    ``publication`` names the publication when the byline does not; ``date`` (YYYY-MM-DD)
    is the story date that weekdays and the dateline are resolved against; ``dateline``
    (``"PLACE[, CC]"``) is where the story was filed, when the text does not say; ``explain``
    receives one line per inference (which rule produced which element from which text).
    A story without a dateline is written without one (DT389). Raises InvalidDocumentError
    (DT387) when there is no text to convert.
    """
    text, early = decode(data, name)
    if publication is not None:
        publication = " ".join(_CONTROLS.sub(" ", publication).split()) or None
    story_date = dt.date.fromisoformat(date) if isinstance(date, str) else date
    layout = segment(text, publication)
    analysis = analyze(layout, story_date, publication)
    place = parse_dateline_option(dateline) if isinstance(dateline, str) else dateline
    try:
        article, findings = compose(analysis, publication, story_date is not None, name, place)
    finally:
        if explain is not None:
            for line in analysis.trace.lines():
                explain(f"{name}:{line}")
    return ReadResult(article, (*early, *findings))


def parse_dateline_option(text: str) -> tuple[str, str | None]:
    """``"Lisbon, PT"`` -> ``("Lisbon", "PT")``; ``"Lisbon"`` -> ``("Lisbon", None)``.

    ValueError when the place is empty or CC is not two letters (an ISO 3166-1 code).
    """
    place, _, country = text.partition(",")
    place, country = " ".join(place.split()), country.strip().upper()
    if not place or not place.isprintable() or len(place) > 80:
        raise ValueError(f"--dateline {text!r}: give a place, e.g. 'Lisbon, PT'")
    if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
        raise ValueError(
            f"--dateline {text!r}: {country!r} is not a two-letter ISO 3166-1 country code"
        )
    return place, country or None


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
    dateline: str | None = None,
) -> dict[str, object]:
    """The keyword arguments ``dtmarkup convert`` passes to the reader (the CLI hook).

    Empty for other formats; ValueError when a text-only option is given for another
    format or the date is not YYYY-MM-DD.
    """
    pairs = (("--publication", publication), ("--date", date), ("--dateline", dateline))
    given = [n for n, v in pairs if v or (n == "--dateline" and v is not None)] + (
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
    if dateline is not None:
        options["dateline"] = parse_dateline_option(dateline)
    if explain:
        options["explain"] = echo
    return options
