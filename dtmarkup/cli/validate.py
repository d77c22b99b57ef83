"""``dtmarkup validate``: check documents and report every finding.

The steps, in order: settings (config file, then flags), the documents to check, the
checks (with a progress bar on a terminal), per-file ignores, the baseline, the report,
the exit code. Each step is one function below.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import click

from dtmarkup.cli.params import CodeList
from dtmarkup.diagnostics import Report
from dtmarkup.escape import printable
from dtmarkup.report import REPORTERS, Summary, reporter
from dtmarkup.run import check_all
from dtmarkup.run.dask import DaskUnavailable
from dtmarkup.run.plan import Options, default_jobs
from dtmarkup.sources.files import Item, expand
from dtmarkup.workspace.config import Config, discover, load_config
from dtmarkup.workspace.selection import Selection, fails

PROGRESS_MIN = 50
"""Batches larger than this get a progress bar (on a terminal only)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What this run does, once the config file and the flags are merged."""

    output_format: str
    options: Options
    strict: bool
    config: Config
    baseline: Path | None
    write_baseline: Path | None


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default=None,
    help="How to report: text (default), json, junit, sarif, github (the default when "
    "GITHUB_ACTIONS=true and the report goes to standard output) or html.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE, atomically."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: the number of CPUs; small batches run in-process].",
)
@click.option(
    "--dask",
    metavar="ADDRESS",
    help="Run the checks on the Dask cluster whose scheduler is at ADDRESS "
    "(e.g. tcp://host:8786), or 'local' for a cluster on this machine. Needs dtmarkup[dask].",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="In directories, follow symbolic links wherever they point (by default a walk "
    "reads only files inside the directory given: DT030, DT031).",
)
@click.option("--no-rules", is_flag=True, help="Check the schema only, not the editorial rules.")
@click.option("--strict/--no-strict", default=None, help="Fail on warnings too.")
@click.option(
    "--select",
    type=CodeList(),
    help="Only these codes or prefixes, comma-separated (e.g. DT1,DT203).",
)
@click.option("--ignore", type=CodeList(), help="Not these codes or prefixes, comma-separated.")
@click.option(
    "--error",
    "error_codes",
    type=CodeList(),
    help="Count findings of these codes or prefixes as errors, comma-separated "
    "(e.g. DT215: a dateline is required).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Settings from FILE, not the nearest dtmarkup.toml or pyproject.toml.",
)
@click.option("--no-config", is_flag=True, help="Use no configuration file.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Report only findings that are not in FILE (see --write-baseline).",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record every current finding in FILE as known; later runs with --baseline FILE "
    "fail only on new ones.",
)
def validate_command(
    paths: tuple[str, ...],
    output_format: str | None,
    output: str | None,
    jobs: int | None,
    dask: str | None,
    follow_links: bool,
    no_rules: bool,
    strict: bool | None,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    error_codes: tuple[str, ...] | None,
    config_file: str | None,
    no_config: bool,
    baseline: str | None,
    write_baseline: str | None,
) -> None:
    """Validate PATHS: files, directories (their *.xml, recursively) or - for stdin.

    Settings come from [tool.dtmarkup] in the nearest pyproject.toml, or dtmarkup.toml,
    found from the working directory upwards; flags given here replace them.

    Exit status: 0 no errors, 1 a document has an error (or a warning with --strict),
    2 usage or configuration error, 3 schema or rules not loadable, 4 an input could not
    be read (or the report not written), 70 internal error (a bug in dtmarkup).
    """
    from dtmarkup.errors import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE

    if paths.count("-") > 1:
        raise click.BadParameter("standard input (-) can be given only once", param_hint="PATHS")
    if baseline and write_baseline:
        raise click.UsageError("use either --baseline or --write-baseline, not both")
    config = _config(config_file, no_config)
    settings = _settings(
        config,
        output_format=output_format,
        to_stdout=output in (None, "-"),
        jobs=jobs,
        rules=not no_rules,
        strict=strict,
        select=select,
        ignore=ignore,
        error=error_codes,
        baseline=baseline,
        write_baseline=write_baseline,
    )
    if dask:
        settings = replace(settings, options=replace(settings.options, dask=dask))
    items = expand(paths, follow_links=follow_links)
    try:
        reports = _check(items, settings.options)
    except DaskUnavailable as exc:
        raise click.UsageError(str(exc)) from exc
    reports, baselined = _apply_baseline(reports, settings, items)
    summary = Summary.of(reports, baselined=baselined, strict=settings.strict)
    text = reporter(settings.output_format)(reports, summary)
    _emit(text, output, _inputs(items, settings))
    if any(not r.readable for r in reports):
        raise click.exceptions.Exit(EXIT_UNREADABLE)
    failed = fails(reports, strict=settings.strict)
    raise click.exceptions.Exit(EXIT_INVALID if failed else EXIT_OK)


def _config(config_file: str | None, no_config: bool) -> Config:
    """The config in effect; a bad one raises ConfigError (DT024, exit 2) naming the file
    and key."""
    if no_config:
        return Config()
    if config_file:
        return load_config(Path(config_file))
    return discover()


def _settings(
    config: Config,
    *,
    output_format: str | None,
    to_stdout: bool,
    jobs: int | None,
    rules: bool,
    strict: bool | None,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    error: tuple[str, ...] | None,
    baseline: str | None,
    write_baseline: str | None,
) -> Settings:
    """Flags win over the config file, which wins over the defaults."""
    if output_format is None:
        output_format = config.format
    if output_format is None:
        on_github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = "github" if on_github and to_stdout else "text"
    selection = Selection(
        select if select is not None else config.select or (),
        ignore if ignore is not None else config.ignore or (),
        error if error is not None else config.error or (),
        per_file=config.per_file_ignores,
        root=config.root,
    )
    return Settings(
        output_format=output_format,
        options=Options(
            rules=rules, selection=selection, jobs=jobs or config.jobs or default_jobs()
        ),
        strict=strict if strict is not None else bool(config.strict),
        config=config,
        baseline=None if write_baseline else Path(baseline) if baseline else config.baseline,
        write_baseline=Path(write_baseline) if write_baseline else None,
    )


def _check(items: list[Item], options: Options) -> list[Report]:
    """Check every item in input order; a progress bar when it is worth one."""
    if len(items) <= PROGRESS_MIN or not sys.stderr.isatty():
        return list(check_all(items, options))
    reports: list[Report] = []
    started = time.monotonic()
    with click.progressbar(
        length=len(items),
        label="Validating",
        file=sys.stderr,
        show_eta=False,  # click's estimate extrapolates the workers' start-up; ours below
        item_show_func=lambda shown: shown,
    ) as bar:
        for report in check_all(items, options):
            reports.append(report)
            bar.update(1, remaining(time.monotonic() - started, len(reports), len(items)))
    return reports


def remaining(elapsed: float, done: int, total: int) -> str | None:
    """The time left, from the average rate since the start over the whole batch, or None
    until that average means something (a twentieth of the batch, or 2 seconds, done).

    click's own estimate uses the time between the last few updates, so the first
    reports, which arrive after the workers have started, or all at once when a chunk
    finishes, make it wrong by orders of magnitude.
    """
    if done <= 0 or done >= total or (done * 20 < total and elapsed < 2.0):
        return None
    seconds = round(elapsed / done * (total - done))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return (
        f"about {hours}:{minutes:02d}:{seconds:02d} left"
        if hours
        else (f"about {minutes:02d}:{seconds:02d} left")
    )


def _apply_baseline(
    reports: list[Report], settings: Settings, items: list[Item]
) -> tuple[list[Report], int | None]:
    """Write the baseline if asked, then drop the findings it knows; a bad one raises
    BaselineError (DT025, exit 2)."""
    from dtmarkup.workspace.baseline import Baseline

    if settings.write_baseline:
        known = Baseline.of(reports, settings.write_baseline)
        data = known.to_json(reports).encode("utf-8")
        _write(settings.write_baseline, data, [i.path for i in items if i.path])
        files = len({key[0] for key in known.counts})
        click.echo(
            f"dtmarkup: wrote {printable(str(settings.write_baseline))}: {known.total} findings in "
            f"{files} file{'' if files == 1 else 's'}",
            err=True,
        )
    elif settings.baseline:
        known = Baseline.load(settings.baseline)
    else:
        return reports, None
    applied = known.apply(reports)
    if applied.stale:
        click.echo(
            f"dtmarkup: {applied.stale} finding(s) in the baseline no longer occur; "
            "refresh it with --write-baseline",
            err=True,
        )
    return applied.reports, applied.baselined


def _inputs(items: list[Item], settings: Settings) -> list[Path]:
    """Files the report must never be written over: documents, config and baseline."""
    files = [item.path for item in items if item.path is not None and not item.missing]
    others = (settings.config.path, settings.baseline, settings.write_baseline)
    files += [p for p in others if p is not None]
    return files


def _emit(text: str, output: str | None, inputs: Sequence[Path]) -> None:
    """Standard output, or --output FILE written atomically. A previous report is
    replaced (CI writes the same file every run), an input never."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    # surrogateescape: the same bytes standard output would get for a file name that
    # is not UTF-8, instead of a crash.
    _write(Path(output), text.encode("utf-8", errors="surrogateescape"), inputs)


def _write(path: Path, data: bytes, inputs: Sequence[Path]) -> None:
    """Write through dtmarkup.cli.output: a refusal (DT020, DT023) raises OutputRefused
    (exit 2), an OS failure OutputWriteError (exit 4). A previous report is replaced."""
    from dtmarkup.cli.output import write_output

    write_output(path, data, inputs=inputs, force=True)
