"""``dtmarkup rules``: print the table of every code dtmarkup can emit."""

from __future__ import annotations

import click


@click.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table; json: a list of objects with code, severity, title, rationale, "
    "bad, good, fix, layer.",
)
def rules_command(output_format: str) -> None:
    """Print every code (input, schema, editorial rules, conversion, rendering)."""
    from dtmarkup.codes import catalogue

    text = catalogue.as_json() if output_format == "json" else catalogue.as_text()
    click.echo(text, nl=False)
