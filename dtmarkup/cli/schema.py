"""``dtmarkup schema``: print the bundled XSD, or with --path where it is installed."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("schema")
@click.option("--path", "show_path", is_flag=True, help="Print the schema's file path only.")
def schema_command(show_path: bool) -> None:
    """Print the dtmarkup 1 XSD (for xmllint, Oxygen, editors...)."""
    from dtmarkup.check.xsd import schema_path

    location = schema_path()
    if show_path:
        click.echo(location)
    else:
        click.echo(Path(location).read_text(encoding="utf-8"), nl=False)
