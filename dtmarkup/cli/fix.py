"""``dtmarkup fix``: apply the safe fixes of findings, in place or as a diff."""

from __future__ import annotations

import sys

import click

from dtmarkup.cli.params import CodeList
from dtmarkup.fix.files import (
    FixRefused,
    Plan,
    diff,
    fix_bytes,
    printable,
    read_for_fixing,
    write_fixed,
)
from dtmarkup.fix.internal import Selection


@click.command("fix")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the fixes as a diff; change nothing."
)
@click.option("--unsafe-fixes", is_flag=True, help="Apply the unsafe fixes too (review them).")
@click.option(
    "--select", type=CodeList(), help="Fix only these codes or prefixes, comma-separated."
)
@click.option(
    "--ignore", type=CodeList(), help="Do not fix these codes or prefixes, comma-separated."
)
@click.option("--no-rules", is_flag=True, help="Fix schema findings only, not editorial ones.")
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Settings from FILE."
)
@click.option("--no-config", is_flag=True, help="Use no configuration file.")
def fix_command(
    paths: tuple[str, ...],
    show_diff: bool,
    unsafe_fixes: bool,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    no_rules: bool,
    config_file: str | None,
    no_config: bool,
) -> None:
    """Fix PATHS in place: files, or directories (their *.xml, recursively).

    Only the edited bytes change: comments, layout, attribute order and encoding stay as
    they were. A pass that would add a finding is not applied. Each file is replaced
    atomically; symbolic links, devices and collections are refused.

    Exit status: 0 done (with --diff: nothing to fix), 1 with --diff: there are fixes,
    2 usage or configuration error, 4 a file could not be read or written.
    """
    from dtmarkup.cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE
    from dtmarkup.cli.validate import _config  # the same settings as validate
    from dtmarkup.sources.files import expand

    if "-" in paths:
        raise click.BadParameter("fix works on files; standard input is not accepted")
    config = _config(config_file, no_config)
    plan = Plan(
        selection=Selection(
            select if select is not None else config.select or (),
            ignore if ignore is not None else config.ignore or (),
        ),
        ignored_in=config.ignored_in,
        unsafe=unsafe_fixes,
        rules=not no_rules,
    )
    failed = changed = fixed = unsafe_left = 0
    files = 0
    for item in expand(paths):
        if item.path is None:
            continue
        shown = printable(click.format_filename(item.name))
        try:
            data = read_for_fixing(item.path)
            outcome = fix_bytes(data, item.name, plan)
            if outcome.refused is not None:
                new = sorted(outcome.refused.codes() - outcome.report.codes())
                click.echo(
                    f"{shown}: stopped fixing: the next pass would add {', '.join(new)}; "
                    "please report this with the file",
                    err=True,
                )
            if outcome.changed:
                changed += 1
                fixed += outcome.fixed
                if show_diff:
                    sys.stdout.write(diff(item.name, outcome))
                else:
                    write_fixed(item.path, outcome)
            files += 1
            unsafe_left += sum(
                1
                for d in outcome.report.diagnostics
                if d.fixes and plan.selection.keeps(d) and not any(f.safe for f in d.fixes)
            )
        except FixRefused as exc:
            failed += 1
            click.echo(printable(f"{shown}: DT022 error: not fixed: {exc}"), err=True)
    verb = "would fix" if show_diff else "fixed"
    click.echo(
        f"dtmarkup: {verb} {fixed} finding{'s' * (fixed != 1)} in {changed} of {files} "
        f"file{'s' * (files != 1)}",
        err=True,
    )
    if unsafe_left:
        click.echo(
            f"dtmarkup: {unsafe_left} more finding{'s' * (unsafe_left != 1)} "
            "with an unsafe fix (review them with --diff --unsafe-fixes)",
            err=True,
        )
    context = click.get_current_context()
    if failed:
        context.exit(EXIT_UNREADABLE)
    context.exit(EXIT_INVALID if show_diff and changed else EXIT_OK)
