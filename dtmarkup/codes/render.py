"""DT4xx: the render layer (HTML, Markdown, text). Renderers never fail on a valid
article; they report what they had to change to keep the output safe."""

from __future__ import annotations

from dtmarkup.codes import CodeInfo
from dtmarkup.diagnostics import Severity

W = Severity.WARNING
E = Severity.ERROR
L = "render"

TABLE: tuple[CodeInfo, ...] = (
    CodeInfo(
        "DT401",
        W,
        "Unsafe URL neutralised",
        "A link or image URL with a scheme that can run code or smuggle content "
        "(javascript:, vbscript:, data: other than data:image/..., file:, or any scheme "
        "not on the safe list) is not written into the page: the link loses its href, the "
        "image its src.",
        '<a href="javascript:alert(1)">readout</a>',
        '<a href="https://www.state.gov/readout">readout</a>',
        "Use an http(s), mailto or relative URL, or data:image/... for inline images.",
        L,
    ),
    CodeInfo(
        "DT402",
        W,
        "Unbalanced bidirectional control characters closed",
        "An embedding or override character (U+202A-U+202E, U+2066-U+2068) left open "
        "reverses or reorders the text that follows it, a known way to disguise content. "
        "Renderers close it at the end of the text run it appears in.",
        "<p>Price: &#x202E;001$</p>",
        "<p>Price: $100</p>",
        "Remove the control character, or close it with U+202C / U+2069 in the same run.",
        L,
    ),
    CodeInfo(
        "DT403",
        E,
        "Template cannot be rendered",
        "A template given with --template has a syntax error, is missing, or fails while "
        "rendering (for example it uses a variable that does not exist).",
        "dtmarkup render a.xml --template mytheme/  (article.html.j2 with {% if %} unclosed)",
        "dtmarkup render a.xml --template mytheme/  (article.html.j2 that renders)",
        "Fix the template at the line given; docs/render.md lists the variables and "
        "templates a theme may override.",
        L,
    ),
    CodeInfo(
        "DT404",
        W,
        "Character replaced in rendered output",
        "XML allows C1 control characters (U+0080-U+009F) and Unicode noncharacters "
        "(U+FDD0-U+FDEF, U+xFFFE/U+xFFFF), but HTML forbids them and terminals obey some "
        "C1 controls (U+009B starts an escape sequence). Renderers replace each with "
        "U+FFFD.",
        "<p>Total:&#x9B;31m 5</p>",
        "<p>Total: 5</p>",
        "Remove the character from the article; it is almost always a conversion accident "
        "(Windows-1252 text decoded as Latin-1).",
        L,
    ),
)
