"""``dtmarkup render``: an article as an HTML page, Markdown or a wire printout."""

from __future__ import annotations

import click

from dtmarkup.cli.convert import echo_findings, emit, read_input
from dtmarkup.errors import InvalidDocumentError, TemplateError, UnknownFormatError
from dtmarkup.render import FORMATS as RENDERINGS


@click.command("render")
@click.argument("source", metavar="INPUT")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(RENDERINGS),
    default="html",
    show_default=True,
    help="What to produce.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.option("--fragment", is_flag=True, help="HTML: only the <article> element, no page.")
@click.option(
    "--template",
    "template_dir",
    type=click.Path(exists=True, file_okay=False),
    help="HTML: a directory of templates that override the built-in ones.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def render_command(
    source: str,
    output_format: str,
    output: str | None,
    fragment: bool,
    template_dir: str | None,
    force: bool,
) -> None:
    """Render INPUT (dtmarkup XML or JSON; - for standard input).

    Findings (DT4xx: what was changed to keep the output safe) go to standard error.
    Exit status: 0 rendered, 1 the input is invalid or a template failed (DT403),
    2 usage error, 4 the input could not be read.
    """
    from dtmarkup import formats  # here, not at import: `dtmarkup validate` never needs it
    from dtmarkup.render import render

    if output_format != "html" and (fragment or template_dir):
        raise click.UsageError("--fragment and --template apply to --format html only")
    data = read_input(source)
    try:
        reader = formats.detect(source, data).reader()
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="INPUT") from None
    try:
        read = reader(data, source)
    except InvalidDocumentError as exc:
        raise InvalidDocumentError(
            f"{exc.args[0]}: not rendered", exc.diagnostics, source
        ) from None
    echo_findings(source, read.diagnostics)
    try:
        rendering = render(
            read.article, output_format, fragment=fragment, template_dir=template_dir
        )
    except TemplateError as exc:
        raise TemplateError(f"template cannot be rendered: {exc}", subject=template_dir) from None
    echo_findings(source, rendering.diagnostics)
    emit(rendering.text.encode("utf-8"), output, source=source, force=force)
