"""The ``dtmarkup`` command: parse arguments, call the library, choose the exit code.

Exit codes (README.md, "Exit status"): 0 no errors; 1 a document has an error; 2 usage error; 3 the
schema or rules could not be loaded; 4 an input could not be read; 70 internal error.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from dtmarkup.errors import SchemaLoadError
from dtmarkup.version import __version__

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_SCHEMA = 3
EXIT_UNREADABLE = 4
EXIT_INTERNAL = 70


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
"""Each command's module is imported only when that command runs (start-up latency)."""


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
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except SchemaLoadError as exc:
            click.echo(f"dtmarkup: {exc}", err=True)
            ctx.exit(EXIT_SCHEMA)
        except BrokenPipeError:
            ctx.exit(EXIT_OK)
        except Exception as exc:  # the last line of defence: report, never a traceback
            click.echo(
                f"dtmarkup: internal error: {exc.__class__.__name__}: {exc}\n"
                "This is a bug in dtmarkup; please report it with the input that caused it.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dtmarkup")
def main() -> None:
    """Validate, convert and render dtmarkup news articles."""
