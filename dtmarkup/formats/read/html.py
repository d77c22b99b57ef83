"""HTML fragments in ninjs bodies, read into an element tree without an XML parser.

ninjs carries its bodies as HTML strings, which are rarely well-formed XML (``<img>``,
``&nbsp;``, unclosed ``<p>``). Python's ``html.parser`` tokenizer reads them: it never
loads anything, has no notion of DTDs or external entities, and resolves character
references itself. The builder below makes a plain lxml tree of the tokens (elements are
created, never parsed), which ``iptc_body.BodyReader`` then reads like XHTML.
"""

from __future__ import annotations

from html.parser import HTMLParser

from lxml import etree

_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_SKIP = frozenset({"script", "style", "template"})
_CLOSES_P = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "blockquote",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "section",
        "article",
        "pre",
        "hr",
        "dl",
    }
)
MAX_DEPTH = 200


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("div")
        self.stack: list[etree._Element] = [self.root]
        self.skipping = 0
        self.pending: list[str] = []
        """Text not yet placed: joined once when the tree changes (appending to a tail
        string piece by piece would copy it each time, quadratic in its length)."""

    def _append_text(self, text: str) -> None:
        self.pending.append(text)

    def flush(self) -> None:
        if not self.pending:
            return
        text = "".join(self.pending)
        self.pending.clear()
        parent = self.stack[-1]
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush()
        if tag in _SKIP:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag in _CLOSES_P and any(e.tag == "p" for e in self.stack[1:]):
            self._close("p")
        if tag == "li" and self.stack[-1].tag == "li":
            self._close("li")
        element = etree.SubElement(self.stack[-1], tag if _valid_name(tag) else "span")
        for name, value in attrs:
            if _valid_name(name):
                element.set(name, _xml_chars(value or ""))
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and not self.skipping and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        self._close(tag)

    def _close(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._append_text(_xml_chars(data))


def _valid_name(name: str) -> bool:
    try:
        etree.QName(name)
    except ValueError:
        return False
    return ":" not in name


def _xml_chars(text: str) -> str:
    """Text without the characters XML cannot hold (controls other than tab/newline)."""
    return "".join(
        c
        for c in text
        if c in "\t\n\r"
        or (" " <= c <= "\ud7ff")
        or ("\ue000" <= c <= "\ufffd")
        or c >= "\U00010000"
    )


_UNCLOSED = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<!", ">"), ("<?", ">"), ("<", ">"))


def defuse(markup: str) -> tuple[str, int]:
    """The markup with every construct that is opened and never closed (``<!--`` without
    ``-->``, ``<`` without a later ``>``) escaped as text, and how many were.

    The standard library's tokenizer rescans such a construct from its start again and
    again (quadratic before Python 3.11.13/3.12.11, CVE-2025-6069); escaped, it is plain
    text read once. One pass per opener kind: linear."""
    escaped = 0
    for opener, closer in _UNCLOSED:
        last_close = markup.rfind(closer)
        start = markup.find(opener, last_close + len(closer) if last_close >= 0 else 0)
        if start >= 0:
            tail = markup[start:]
            escaped += tail.count("<")
            markup = markup[:start] + tail.replace("<", "&lt;")
    return markup, escaped


def parse_html(markup: str) -> etree._Element:
    """A ``div`` element holding the parsed fragment (a whole document's ``body`` included);
    unclosed constructs are read as text (``defuse``)."""
    builder = _Builder()
    builder.feed(defuse(markup)[0])
    builder.close()
    builder.flush()
    return builder.root
