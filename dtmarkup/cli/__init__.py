"""The ``dtmarkup`` command: parse arguments, call the library, choose the exit code.

Exit codes (DESIGN §5): 0 no errors; 1 a document has an error; 2 usage error; 3 the
schema or rules could not be loaded; 4 an input could not be read; 70 internal error.
"""

from __future__ import annotations

from typing import Any

import click

from dtmarkup import __version__
from dtmarkup.errors import SchemaLoadError

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_SCHEMA = 3
EXIT_UNREADABLE = 4
EXIT_INTERNAL = 70


class _Group(click.Group):
    """Turns the exceptions that escape a command into exit codes, never a traceback."""

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


from dtmarkup.cli.convert import convert_command  # noqa: E402
from dtmarkup.cli.render import render_command  # noqa: E402
from dtmarkup.cli.rules import rules_command  # noqa: E402
from dtmarkup.cli.schema import schema_command  # noqa: E402
from dtmarkup.cli.validate import validate_command  # noqa: E402

main.add_command(validate_command)
main.add_command(schema_command)
main.add_command(convert_command)
main.add_command(render_command)
main.add_command(rules_command)
