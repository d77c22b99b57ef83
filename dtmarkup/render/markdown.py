"""CommonMark: headline, byline, dateline, quotations as block quotes with an attribution
line, images with caption and credit. Article text is escaped so that it is never read
as Markdown syntax (or raw HTML)."""

from __future__ import annotations

import re

from dtmarkup import model as m
from dtmarkup.escape import printable
from dtmarkup.render import common
from dtmarkup.render.safety import Notes, clean_text, safe_url

# Every character CommonMark could read as syntax inside a line; all ASCII punctuation may
# be backslash-escaped, so escaping is always safe.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")
_BLOCK_START = re.compile(r"([-+=]|\d{1,9}[.)])")


def escape(text: str) -> str:
    """Text as literal Markdown characters."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _protect_start(line: str) -> str:
    """Escape a block marker (``-``, ``+``, ``=``, ``1.``) that text put first on a line."""
    found = _BLOCK_START.match(line)
    if found is None:
        return line
    marker = found.group(1)
    return marker[:-1] + "\\" + marker[-1] + line[len(marker) :]


class _Writer:
    def __init__(self, article: m.Article, notes: Notes) -> None:
        self.article = article
        self.notes = notes
        self.labels = common.labels(article.lang)

    def text(self, value: str) -> str:
        # printable: control characters shown as escapes (see render/text.py)
        return escape(printable(common.collapse(clean_text(value, self.notes)), bidi=False))

    def inline(self, content: tuple[object, ...] | None, depth: int = 0) -> str:
        if not content:
            return ""
        return "".join(self._node(item, depth) for item in content)

    def _wrap(self, mark: str, inner: str) -> str:
        """``*inner*`` with the spaces moved outside, so the delimiters stay flanking."""
        core = inner.strip(" ")
        if not core:
            return inner
        lead = inner[: len(inner) - len(inner.lstrip(" "))]
        trail = inner[len(inner.rstrip(" ")) :]
        return f"{lead}{mark}{core}{mark}{trail}"

    def _node(self, node: object, depth: int) -> str:
        if isinstance(node, str):
            return self.text(node)
        if isinstance(node, m.Mention | m.DateRef):
            return self.text(node.text)
        if isinstance(node, m.Emphasis):
            return self._wrap("*", self.inline(node.content, depth))
        if isinstance(node, m.Strong):
            return self._wrap("**", self.inline(node.content, depth))
        if isinstance(node, m.Link):
            label = self.inline(node.content, depth)
            href = safe_url(node.href, self.notes)
            if href is None or not label.strip():
                return label
            return f"[{label}](<{href}>)"
        if isinstance(node, m.Quote | m.InlineStatement):
            marks = self.labels.quotes
            open_, close = (marks[0], marks[1]) if depth % 2 == 0 else (marks[2], marks[3])
            return f"{open_}{self.inline(node.content, depth + 1)}{close}"
        raise TypeError(f"not an inline node: {node!r}")

    def line(self, text: str) -> str:
        return _protect_start(text.strip())

    def block(self, block: m.Block) -> str:
        if isinstance(block, m.Paragraph):
            return self.line(self.inline(block.content))
        if isinstance(block, m.Heading):
            return "## " + self.inline(block.content).strip()
        if isinstance(block, m.Figure):
            parts = []
            src = safe_url(block.image.src, self.notes, image=True)
            if src is not None:
                alt = self.text(block.image.alt or "").strip()
                parts.append(f"![{alt}](<{src}>)")
            caption = self.inline(block.caption).strip()
            credit = f"*{self.labels.credit}: {self.text(block.credit.text).strip()}*"
            parts.append(self.line(f"{caption} {credit}" if caption else credit))
            return "\n\n".join(parts)
        if isinstance(block, m.BlockQuote):
            lines = [self.line(self.inline(p.content)) for p in block.paragraphs]
            if block.attribution is not None:
                who = self.inline(block.attribution).strip()
            else:
                who = self.text(self.article.head.entities.name(block.speaker) or "")
            lines.append(f"— {who}")
            return _quote_block(lines)
        if isinstance(block, m.BlockStatement):
            label = common.STATEMENT_KIND_LABELS.get(block.kind) or self.text(block.kind)
            who = self.text(self.article.head.entities.name(block.by) or block.by)
            lines = [f"**{label} — {who}**"]
            lines += [self.line(self.inline(p.content)) for p in block.paragraphs]
            return _quote_block(lines)
        if isinstance(block, m.ListBlock):
            items = []
            for number, item in enumerate(block.items, 1):
                bullet = f"{number}. " if block.ordered else "- "
                items.append(bullet + self.line(self.inline(item)))
            return "\n".join(items)
        raise TypeError(f"not a block: {block!r}")


def _quote_block(paragraphs: list[str]) -> str:
    return "\n>\n".join(f"> {p}" if p else ">" for p in paragraphs)


def render(article: m.Article) -> tuple[str, Notes]:
    """The article as a CommonMark document, ending with a newline."""
    notes = Notes(common.url_paths(article))
    w = _Writer(article, notes)
    head = article.head
    out = ["# " + w.text(head.headline).strip()]
    if head.subheadline is not None:
        out.append(f"*{w.text(head.subheadline).strip()}*")
    authors = common.join_names(
        [w.text(a.text).strip() for a in head.byline.authors], w.labels.and_
    )
    byline = f"{w.labels.by} {authors}"
    if head.byline.publication is not None:
        byline += f" · {w.text(head.byline.publication.text).strip()}"
    out.append(byline)
    dates = []
    if head.published is not None:
        dates.append(f"{w.labels.published}: {common.display_datetime(head.published)}")
    if head.updated is not None:
        dates.append(f"{w.labels.updated}: {common.display_datetime(head.updated)}")
    if dates:
        out.append(escape(" · ".join(dates)))
    shown = common.dateline_text(article, w.text)
    dateline = f"**{shown}**" if shown else ""
    lead = next((i for i, b in enumerate(article.body) if isinstance(b, m.Paragraph)), None)
    if not dateline:
        lead = -1
    elif lead is None:
        out.append(dateline)
    for index, block in enumerate(article.body):
        if index == lead and isinstance(block, m.Paragraph):
            out.append(f"{dateline} — {w.inline(block.content).strip()}")
        else:
            out.append(w.block(block))
    return "\n\n".join(part for part in out if part) + "\n", notes
