"""``dtmarkup convert``: read an article in one format, write it in another."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click

from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import (
    InputRejected,
    InvalidDocumentError,
    UnknownFormatError,
    UnreadableInputError,
)
from dtmarkup.xml.gate import read_source, refuse_binary


def echo_findings(name: str, diagnostics: Iterable[Diagnostic]) -> None:
    """Findings on standard error: ``path:line:column: CODE severity: message``, each
    with its ``fix:`` line."""
    from dtmarkup.report.text import format_diagnostic

    for d in diagnostics:
        click.echo(format_diagnostic(name, d, hint=True), err=True)


def read_input(source: str) -> bytes:
    """The bytes of INPUT (``-`` is standard input). Raises UnreadableInputError (DT002,
    exit 4) or InputRejected (exit 1) naming ``source``."""
    try:
        data = read_source(sys.stdin.buffer if source == "-" else source)
        refuse_binary(data)  # compressed or UTF-7/UTF-32/EBCDIC: no reader should guess at it
        return data
    except UnreadableInputError as exc:
        raise UnreadableInputError(
            f"cannot read input: {exc}", code="DT002", subject=source
        ) from None
    except InputRejected as exc:
        raise InputRejected(exc.diagnostics, source=source) from None


def emit(data: bytes, output: str | None, *, source: str, force: bool) -> None:
    """Write to OUTPUT through dtmarkup.cli.output (atomic, never over an input), or stdout.

    A refused output (DT020 input, DT021 exists, DT023 a pipe) raises OutputRefused (exit
    2: the command must change); an operating-system failure (DT022) OutputWriteError
    (exit 4).
    """
    from dtmarkup.cli.output import write_output

    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_output(output, data, inputs=() if source == "-" else (source,), force=force)


@click.command("convert")
@click.argument("source", metavar="INPUT")
@click.option("--to", "target", required=True, help="Output format: dtm, json, ...")
@click.option("--from", "origin", help="Input format (default: detected from the content).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--publication", help="(--from text) The publication, if the byline names none.")
@click.option("--date", "story_date", metavar="YYYY-MM-DD", help="(--from text) The story date.")
@click.option(
    "--dateline",
    "dateline",
    metavar="PLACE[, CC]",
    help="(--from text) Where the story was filed, with its ISO country code unless the "
    "built-in gazetteer knows the place (e.g. 'Lisbon, PT'). Needs a date (--date).",
)
@click.option("--explain", is_flag=True, help="(--from text) Print the rule behind each element.")
def convert_command(
    source: str,
    target: str,
    origin: str | None,
    output: str | None,
    force: bool,
    publication: str | None = None,
    story_date: str | None = None,
    dateline: str | None = None,
    explain: bool = False,
) -> None:
    """Convert INPUT (a file, or - for standard input) to another format.

    Formats: dtm (dtmarkup XML), json (its lossless JSON form), and the importers and
    exporters registered in dtmarkup.formats. Findings go to standard error. Exit status:
    0 converted, 1 the input is invalid, 2 usage error (unknown format, output refused),
    4 the input could not be read.
    """
    from dtmarkup import formats  # here, not at import: `dtmarkup validate` never needs it

    try:
        writer_format = formats.get(target)
        writer = writer_format.writer()
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="--to") from None
    data = read_input(source)
    try:
        reader_format = formats.get(origin) if origin else formats.detect(source, data)
        reader = reader_format.reader()
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="--from") from None
    from dtmarkup.formats.read.text import cli_options

    try:
        options = cli_options(
            reader_format.name,
            publication=publication,
            date=story_date,
            dateline=dateline,
            explain=explain,
            echo=lambda line: click.echo(line, err=True),
        )  # fmt: skip
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        read = reader(data, source, **options)
    except InvalidDocumentError as exc:
        raise InvalidDocumentError(
            f"{exc.args[0]}: not converted", exc.diagnostics, source
        ) from None
    echo_findings(source, read.diagnostics)
    written = writer(read.article)
    echo_findings(source, written.diagnostics)
    emit(written.data, output, source=source, force=force)
