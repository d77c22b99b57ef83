"""The ``dtmarkup`` command: parse arguments, call the library, choose the exit code.

Exit codes (README.md, "Exit status"): 0 no errors; 1 a document has an error; 2 usage error; 3 the
schema or rules could not be loaded; 4 an input could not be read; 70 internal error.

Commands raise; only ``_Group.invoke`` turns an exception into an exit status: a
``DtmError`` exits with its own ``exit_code`` (errors.py), anything else is a bug (70).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from dtmarkup.errors import (
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_SCHEMA,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    DtmError,
)
from dtmarkup.escape import printable
from dtmarkup.version import __version__

__all__ = [
    "COMMANDS",
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_SCHEMA",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "main",
    "report_error",
]


COMMANDS = {
    "validate": "dtmarkup.cli.validate:validate_command",
    "convert": "dtmarkup.cli.convert:convert_command",
    "render": "dtmarkup.cli.render:render_command",
    "rules": "dtmarkup.cli.rules:rules_command",
    "schema": "dtmarkup.cli.schema:schema_command",
    "fix": "dtmarkup.cli.fix:fix_command",
    "lsp": "dtmarkup.cli.lsp:lsp_command",
    "serve": "dtmarkup.cli.serve:serve_command",
}
"""Command name -> "module:attribute". Each command's module is imported only when that
command runs (start-up latency); a new command is one more row here."""


def report_error(exc: DtmError) -> None:
    """An exception dtmarkup raised on purpose, on standard error: its findings first
    (``path:line:column: CODE severity: message``), then ``SUBJECT: CODE error: message``
    (``dtmarkup:`` when it names no file). Every string passes through ``printable``."""
    from dtmarkup.report.text import format_diagnostic

    name = getattr(exc, "source", None) or exc.subject or "-"
    for finding in getattr(exc, "diagnostics", ()):
        click.echo(format_diagnostic(name, finding, hint=True), err=True)
    if exc.quiet:
        return
    prefix = f"{printable(exc.subject)}: " if exc.subject else "dtmarkup: "
    label = f"{exc.code} error: " if exc.code else ""
    message = exc.args[0] if exc.args else exc.__class__.__name__
    click.echo(f"{prefix}{label}{printable(str(message))}", err=True)


class _Group(click.Group):
    """Loads commands on demand, and turns escaping exceptions into exit codes."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = printable(exc.message)  # type: ignore[misc]  # may quote a file name
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except DtmError as exc:
            report_error(exc)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            ctx.exit(EXIT_OK)
        except Exception as exc:  # the last line of defence: report, never a traceback
            click.echo(
                f"dtmarkup: internal error: {exc.__class__.__name__}: {printable(str(exc))}\n"
                "This is a bug in dtmarkup; please report it with the input that caused it.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dtmarkup")
def main() -> None:
    """Validate, convert and render dtmarkup news articles."""
