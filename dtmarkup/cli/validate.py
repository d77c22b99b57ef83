"""``dtmarkup validate``: check documents and report every finding."""

from __future__ import annotations

import sys

import click

from dtmarkup.batch import Options, check_all, expand
from dtmarkup.report import FORMATS, reporter
from dtmarkup.selection import Selection, fails, parse_codes


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="How to print the findings.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, help="Worker processes.")
@click.option("--no-rules", is_flag=True, help="Check the schema only, not the editorial rules.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--select", help="Only these codes or prefixes, comma-separated (e.g. DT1,DT203).")
@click.option("--ignore", help="Not these codes or prefixes, comma-separated.")
def validate_command(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    jobs: int,
    no_rules: bool,
    strict: bool,
    select: str | None,
    ignore: str | None,
) -> None:
    """Validate PATHS: files, directories (their *.xml, recursively) or - for stdin.

    Exit status: 0 no errors, 1 a document has an error (or a warning with --strict),
    2 usage error, 3 schema or rules not loadable, 4 an input could not be read.
    """
    from dtmarkup.cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE

    if paths.count("-") > 1:
        raise click.BadParameter("standard input (-) can be given only once", param_hint="PATHS")
    options = Options(
        rules=not no_rules,
        selection=Selection(parse_codes(select), parse_codes(ignore)),
        jobs=jobs,
    )
    reports = list(check_all(expand(paths), options))
    text = reporter(output_format)(reports)
    if output:
        from dtmarkup.output import write_output

        write_output(output, text.encode("utf-8"), force=True)
    else:
        sys.stdout.write(text)
    if any(not r.readable for r in reports):
        sys.exit(EXIT_UNREADABLE)
    sys.exit(EXIT_INVALID if fails(reports, strict=strict) else EXIT_OK)
