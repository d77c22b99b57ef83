"""What the renderers share: labels and quotation marks by language, date display,
the dateline line, entity names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dtmarkup import model as m


@dataclass(frozen=True, slots=True)
class Labels:
    """The few words a rendering adds, and the language's quotation marks."""

    by: str
    and_: str
    published: str
    updated: str
    credit: str
    in_article: str
    quotes: tuple[str, str, str, str]
    """Outer open, outer close, inner open, inner close."""


_LABELS = {
    "en": Labels(
        "By", "and", "Published", "Updated", "Credit", "In this article", ("“", "”", "‘", "’")
    ),
    "de": Labels(
        "Von",
        "und",
        "Veröffentlicht",
        "Aktualisiert",
        "Bild",
        "In diesem Artikel",
        ("„", "“", "‚", "‘"),
    ),
    "fr": Labels(
        "Par",
        "et",
        "Publié",
        "Mis à jour",
        "Crédit",
        "Dans cet article",
        ("«\u202f", "\u202f»", "“", "”"),
    ),
}


def labels(lang: str) -> Labels:
    """Labels for an xml:lang value; English when the language is not known."""
    return _LABELS.get(lang.split("-")[0].lower(), _LABELS["en"])


STATEMENT_KIND_LABELS = {
    "statement": "Statement",
    "press-release": "Press release",
    "readout": "Readout",
    "communique": "Communiqué",
    "transcript": "Transcript",
    "remarks": "Remarks",
}

ORGANIZATION_KIND_LABELS = {
    "government": "Government",
    "ministry": "Ministry",
    "agency": "Agency",
    "media": "News organization",
    "intergovernmental": "Intergovernmental organization",
    "ngo": "Non-governmental organization",
    "company": "Company",
    "other": "Organization",
}

_HTML_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HTML_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)\d*(Z|[+-]\d{2}:\d{2})"
)


def html_datetime(value: str) -> str | None:
    """An xs:date/xs:dateTime as an HTML ``datetime`` value, or None if HTML has none.

    HTML takes a date without a zone, and four-digit years only; fractional seconds are
    cut to milliseconds.
    """
    text = value.strip()
    found = _HTML_DATETIME.fullmatch(text)
    if found:
        return f"{found.group(1)}T{found.group(2)}{found.group(3)}"
    if _HTML_DATE.fullmatch(text[:10]) and (len(text) == 10 or not text[10:].startswith("T")):
        return text[:10]
    return None


def display_datetime(value: str) -> str:
    """A time stamp as shown to readers: ``2021-05-19 21:30 UTC``, ``... UTC+02:00``."""
    text = value.strip()
    found = _HTML_DATETIME.fullmatch(text)
    if not found:
        return text
    zone = found.group(3)
    zone = "UTC" if zone in ("Z", "+00:00", "-00:00") else f"UTC{zone}"
    return f"{found.group(1)} {found.group(2)[:5]} {zone}"


def dateline_text(article: m.Article, clean: Callable[[str], str] = str) -> str:
    """``REYKJAVIK, May 19, 2021``: the dateline as displayed; ``clean`` is applied to
    the place and the date separately (so a bidi control in one cannot reach the other).
    Empty when the article has no dateline."""
    dateline = article.head.dateline
    if dateline is None:
        return ""
    place = clean(dateline.place.text).strip()
    date = clean(dateline.date.text).strip()
    return f"{place}, {date}" if date else place


def publication_name(article: m.Article) -> str | None:
    """The publication's registry name (``Diplomatic Times``), or its display text."""
    publication = article.head.byline.publication
    if publication is None:
        return None
    return article.head.entities.name(publication.ref) or publication.text


def url_paths(article: m.Article) -> dict[str, str]:
    """Where each link and image URL first occurs, as an XPath into the XML form
    (``/article/body/p[2]/a[1]``), so that findings about URLs can say where they are."""
    found: dict[str, str] = {}

    def inline(content: tuple[object, ...], path: str) -> None:
        counts: dict[str, int] = {}
        for node in content:
            if isinstance(node, str):
                continue
            name = _INLINE_NAMES[type(node)]
            counts[name] = counts.get(name, 0) + 1
            here = f"{path}/{name}[{counts[name]}]"
            if isinstance(node, m.Link):
                found.setdefault(node.href, here)
            if isinstance(node, m.Emphasis | m.Strong | m.Link | m.Quote | m.InlineStatement):
                inline(node.content, here)

    counts: dict[str, int] = {}
    for block in article.body:
        name = BLOCK_NAMES[type(block)]
        counts[name] = counts.get(name, 0) + 1
        here = f"/article/body/{name}[{counts[name]}]"
        if isinstance(block, m.Paragraph | m.Heading):
            inline(block.content, here)
        elif isinstance(block, m.Figure):
            found.setdefault(block.image.src, f"{here}/image")
            inline(block.caption or (), f"{here}/caption")
        elif isinstance(block, m.BlockQuote | m.BlockStatement):
            for index, paragraph in enumerate(block.paragraphs, 1):
                inline(paragraph.content, f"{here}/p[{index}]")
            if isinstance(block, m.BlockQuote) and block.attribution is not None:
                inline(block.attribution, f"{here}/attribution")
        else:
            for index, item in enumerate(block.items, 1):
                inline(item, f"{here}/item[{index}]")
    return found


_INLINE_NAMES: dict[type, str] = {
    m.Mention: "mention",
    m.DateRef: "date",
    m.Emphasis: "em",
    m.Strong: "strong",
    m.Link: "a",
    m.Quote: "q",
    m.InlineStatement: "statement",
}
BLOCK_NAMES: dict[type, str] = {
    m.Paragraph: "p",
    m.Heading: "h2",
    m.Figure: "figure",
    m.BlockQuote: "blockquote",
    m.BlockStatement: "statement",
    m.ListBlock: "list",
}


def join_names(names: list[str], and_: str) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {and_} {names[-1]}"


def collapse(text: str) -> str:
    """White space runs as one space (for text and Markdown, where layout is ours)."""
    return re.sub(r"[ \t\n\r\u2028\u2029]+", " ", text)
