"""Rendering: an Article as a page (HTML), Markdown or a wire printout (text).

``render(article, "html")`` returns a ``Rendering``: the text and the DT4xx findings
(what was changed to keep the output inert). Renderers never fail on a valid article;
only a broken user template does (``TemplateProblem``, DT403).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from dtmarkup import model as m
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import UnknownFormatError

FORMATS = ("html", "markdown", "text")


@dataclass(frozen=True, slots=True)
class Rendering:
    """Rendered text and what the renderer had to change (DT4xx warnings)."""

    text: str
    diagnostics: tuple[Diagnostic, ...] = ()


def render(
    article: m.Article,
    output_format: str = "html",
    *,
    fragment: bool = False,
    template_dir: str | os.PathLike[str] | None = None,
) -> Rendering:
    """Render ``article`` as ``html``, ``markdown`` or ``text``.

    ``fragment`` and ``template_dir`` apply to HTML only. Raises UnknownFormatError for
    another format, ``dtmarkup.render.html.TemplateProblem`` for a broken template.
    """
    if output_format not in FORMATS:
        raise UnknownFormatError(
            f"unknown render format {output_format!r}; known formats: {', '.join(FORMATS)}"
        )
    with m.deep_recursion():
        if output_format == "html":
            from dtmarkup.render import html

            text, notes = html.render(article, fragment=fragment, template_dir=template_dir)
        elif output_format == "markdown":
            from dtmarkup.render import markdown

            text, notes = markdown.render(article)
        else:
            from dtmarkup.render import text as plain

            text, notes = plain.render(article)
    return Rendering(text, tuple(notes.diagnostics))
