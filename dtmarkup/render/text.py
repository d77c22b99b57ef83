"""A wire printout: headline, byline, then ``DATELINE (Publication) — first paragraph``,
paragraphs wrapped at 72 columns, quotations in the language's quotation marks."""

from __future__ import annotations

import textwrap

from dtmarkup import model as m
from dtmarkup.escape import printable
from dtmarkup.render import common
from dtmarkup.render.safety import Notes, clean_text

WIDTH = 72


class _Writer:
    def __init__(self, article: m.Article, notes: Notes) -> None:
        self.article = article
        self.notes = notes
        self.labels = common.labels(article.lang)

    def text(self, value: str) -> str:
        # printable: a control character (ESC, BEL, DEL...) an imported article carries
        # is shown as an escape, never sent to the terminal; bidi controls are balanced
        # by clean_text and kept.
        return printable(common.collapse(clean_text(value, self.notes)), bidi=False)

    def inline(self, content: tuple[object, ...] | None, depth: int = 0) -> str:
        if not content:
            return ""
        return "".join(self._node(item, depth) for item in content)

    def _node(self, node: object, depth: int) -> str:
        if isinstance(node, str):
            return self.text(node)
        if isinstance(node, m.Mention | m.DateRef):
            return self.text(node.text)
        if isinstance(node, m.Emphasis | m.Strong):
            return self.inline(node.content, depth)
        if isinstance(node, m.Link):
            return self.inline(node.content, depth)
        if isinstance(node, m.Quote | m.InlineStatement):
            return self.quoted(self.inline(node.content, depth + 1), depth)
        raise TypeError(f"not an inline node: {node!r}")

    def quoted(self, text: str, depth: int) -> str:
        marks = self.labels.quotes
        open_, close = (marks[0], marks[1]) if depth % 2 == 0 else (marks[2], marks[3])
        return f"{open_}{text}{close}"

    def paragraph(self, text: str, indent: str = "") -> str:
        text = text.strip()
        if not text:
            return ""
        return textwrap.fill(
            text,
            WIDTH,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )

    def block(self, block: m.Block) -> str:
        if isinstance(block, m.Paragraph):
            return self.paragraph(self.inline(block.content))
        if isinstance(block, m.Heading):
            return self.paragraph(self.inline(block.content).upper())
        if isinstance(block, m.Figure):
            caption = self.inline(block.caption).strip()
            credit = self.text(block.credit.text).strip()
            parts = [caption] if caption else []
            parts.append(f"({self.labels.credit}: {credit})")
            return self.paragraph(f"[{' '.join(parts)}]")
        if isinstance(block, m.BlockQuote):
            paragraphs = [self.inline(p.content).strip() for p in block.paragraphs]
            marks = self.labels.quotes
            lines = []
            for index, text in enumerate(paragraphs):
                last = index == len(paragraphs) - 1
                lines.append(self.paragraph(f"{marks[0]}{text}{marks[1] if last else ''}", "    "))
            if block.attribution is not None:
                who = self.inline(block.attribution).strip()
            else:
                who = self.text(self.article.head.entities.name(block.speaker) or "")
            lines.append(self.paragraph(f"— {who}", "    "))
            return "\n\n".join(lines)
        if isinstance(block, m.BlockStatement):
            label = common.STATEMENT_KIND_LABELS.get(block.kind) or self.text(block.kind)
            who = self.text(self.article.head.entities.name(block.by) or block.by)
            lines = [self.paragraph(f"{label.upper()} — {who}", "    ")]
            lines += [self.paragraph(self.inline(p.content), "    ") for p in block.paragraphs]
            return "\n\n".join(lines)
        if isinstance(block, m.ListBlock):
            items = []
            for number, item in enumerate(block.items, 1):
                bullet = f"{number}. " if block.ordered else "- "
                filled = self.paragraph(self.inline(item), " " * len(bullet))
                items.append(bullet + filled.lstrip(" "))
            return "\n".join(items)
        raise TypeError(f"not a block: {block!r}")


def render(article: m.Article) -> tuple[str, Notes]:
    """The wire printout of an article, ending with a newline."""
    notes = Notes()
    w = _Writer(article, notes)
    head = article.head
    out = [w.paragraph(w.text(head.headline))]
    if head.subheadline is not None:
        out.append(w.paragraph(w.text(head.subheadline)))
    authors = common.join_names(
        [w.text(a.text).strip() for a in head.byline.authors], w.labels.and_
    )
    byline = f"{w.labels.by} {authors}"
    if head.byline.publication is not None:
        byline += f" {w.text(head.byline.publication.text).strip()}"
    out.append(w.paragraph(byline))
    if head.published is not None:
        out.append(f"{w.labels.published}: {common.display_datetime(head.published)}")
    if head.updated is not None:
        out.append(f"{w.labels.updated}: {common.display_datetime(head.updated)}")
    publication = common.publication_name(article)
    dateline = common.dateline_text(article, w.text)
    if publication and dateline:
        dateline += f" ({w.text(publication)})"
    lead = next((i for i, b in enumerate(article.body) if isinstance(b, m.Paragraph)), None)
    if not dateline:
        lead = -1
    elif lead is None:
        out.append(dateline)
    for index, block in enumerate(article.body):
        if index == lead and isinstance(block, m.Paragraph):
            out.append(w.paragraph(f"{dateline} — {w.inline(block.content).strip()}"))
        else:
            out.append(w.block(block))
    return "\n\n".join(part for part in out if part) + "\n", notes
