"""Where each element, attribute and character of a parsed document sits in its bytes.

Fixes edit the original bytes, never a reserialized tree, so that comments, layout,
attribute order, quoting, character references and the encoding outside an edit stay
exactly as they were. The input gate has already proved the document well-formed (no
DOCTYPE, no entities but the predefined ones), so one regular-expression pass over the
decoded text finds every tag; start tags come in the order lxml iterates elements, which
pairs each element with its span.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from dtmarkup.diagnostics import Edit

_MARKUP = re.compile(
    r"<(?:!--.*?-->"
    r"|!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|\?.*?\?>"
    r"|/(?P<end>[^\s>]+)\s*>"
    r"|(?P<start>[^\s/>!?]+)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>)",
    re.S,
)
_ATTRIBUTE = re.compile(r"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REFERENCE = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANKS = re.compile(r"[ \t]*")
_BLANKS_TO_EOL = re.compile(r"[ \t]*(?:\r\n|\r|\n|\Z)")
_STRIDE = 4096
"""Characters between the entries of the byte offset table (codecs of variable width)."""
_DECLARED = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(slots=True)
class Span:
    """One element in the text: ``<start ...>`` content ``</end>``, as text offsets."""

    start: int
    content_start: int
    content_end: int
    end: int
    attributes: dict[str, tuple[int, int]]
    """Raw attribute name (``ref``, ``xml:lang``) -> offsets of its value, quotes excluded."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One character of content: a literal character or a reference such as ``&#8220;``."""

    start: int
    end: int
    char: str


class SourceMap:
    """The decoded text of a document and the span of each of its elements."""

    def __init__(self, data: bytes, text: str, codec: str, bom: int) -> None:
        self.data = data
        self.text = text
        self.codec = codec
        self._bom = bom
        self._ascii = text.isascii() and not codec.startswith(("utf-16", "utf-32"))
        self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.spans: dict[etree._Element, Span] = {}
        self._strides: list[int] | None = None

    @classmethod
    def text_of(cls, data: bytes) -> SourceMap | None:
        """The map of ``data``'s text alone, without element spans."""
        decoded = _decode(data)
        return cls(data, *decoded) if decoded is not None else None

    @classmethod
    def of(cls, tree: etree._ElementTree, data: bytes) -> SourceMap | None:
        """The map of ``tree`` parsed from ``data``; None if the two cannot be paired."""
        decoded = _decode(data)
        if decoded is None:
            return None
        text, codec, bom = decoded
        source = cls(data, text, codec, bom)
        spans = _scan(text)
        elements = list(tree.getroot().iter(etree.Element))
        if spans is None or len(spans) != len(elements):
            return None
        source.spans = dict(zip(elements, spans, strict=True))
        return source

    # -- reading ----------------------------------------------------------------------

    def units(self, start: int, end: int) -> Iterator[Unit]:
        """The content characters between two offsets, markup and comments skipped."""
        position = start
        for match in _MARKUP.finditer(self.text, start, end):
            yield from self._text_units(position, match.start())
            if match.group("cdata") is not None:
                first = match.start("cdata")
                for i, char in enumerate(match.group("cdata")):
                    yield Unit(first + i, first + i + 1, char)
            position = match.end()
        yield from self._text_units(position, end)

    def comments(self) -> Iterator[tuple[int, int, str]]:
        """(start, end, body) of every comment, in document order."""
        for match in _MARKUP.finditer(self.text):
            if match.group().startswith("<!--"):
                yield match.start(), match.end(), match.group()[4:-3]

    def _text_units(self, start: int, end: int) -> Iterator[Unit]:
        text = self.text
        i = start
        while i < end:
            if text[i] == "&":
                match = _REFERENCE.match(text, i, end)
                if match:
                    yield Unit(i, match.end(), html.unescape(match.group()))
                    i = match.end()
                    continue
            yield Unit(i, i + 1, text[i])
            i += 1

    def line_of(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a text offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def whole_lines(self, start: int, end: int) -> tuple[int, int]:
        """``start:end`` widened to whole lines when nothing but blanks shares them.

        Each test reads only the blanks it looks at: on a long line, the cost does not
        grow with the line.
        """
        line_start = self._line_starts[bisect.bisect_right(self._line_starts, start) - 1]
        before = _BLANKS.match(self.text, line_start, start)
        if before is None or before.end() != start:
            return start, end
        after = _BLANKS_TO_EOL.match(self.text, end)
        if after is None:
            return start, end
        return line_start, after.end()

    # -- writing ----------------------------------------------------------------------

    def byte_offset(self, offset: int) -> int:
        """The byte offset of a text offset: a table every _STRIDE characters, then the rest."""
        if self._ascii:
            return self._bom + offset
        if self._strides is None:
            self._strides = [0]
            for chunk in range(0, len(self.text), _STRIDE):
                piece = self.text[chunk : chunk + _STRIDE]
                self._strides.append(self._strides[-1] + len(piece.encode(self.codec)))
        base = offset // _STRIDE
        rest = self.text[base * _STRIDE : offset].encode(self.codec)
        return self._bom + self._strides[base] + len(rest)

    def edit(self, start: int, end: int, replacement: str) -> Edit:
        """An Edit of the bytes behind the text offsets ``start:end``."""
        line, column = self.line_of(start)
        end_line, end_column = self.line_of(end)
        return Edit(
            self.byte_offset(start),
            self.byte_offset(end),
            replacement,
            line,
            column,
            end_line,
            end_column,
        )


def _decode(data: bytes) -> tuple[str, str, int] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _text(data[len(bom) :], codec, len(bom))
    if data.startswith(b"<\x00"):
        return _text(data, "utf-16-le", 0)
    if data.startswith(b"\x00<"):
        return _text(data, "utf-16-be", 0)
    declared = _DECLARED.match(data)
    codec = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if codec in ("utf-16", "utf-32"):
        return None  # a declared UTF-16 document without a byte order mark: leave it alone
    return _text(data, codec, 0)


def _text(data: bytes, codec: str, bom: int) -> tuple[str, str, int] | None:
    try:
        name = codecs.lookup(codec).name
        return data.decode(name), name, bom
    except (LookupError, UnicodeDecodeError):
        return None


def _scan(text: str) -> list[Span] | None:
    """Every element's span, in start-tag order; None if the tags do not nest."""
    spans: list[Span] = []
    open_spans: list[tuple[str, Span]] = []
    for match in _MARKUP.finditer(text):
        name = match.group("start")
        if name is not None:
            attributes = {
                attribute.group(1): (
                    attribute.start(2) if attribute.group(2) is not None else attribute.start(3),
                    attribute.end(2) if attribute.group(2) is not None else attribute.end(3),
                )
                for attribute in _ATTRIBUTE.finditer(text, match.start("attrs"), match.end("attrs"))
            }
            span = Span(match.start(), match.end(), match.end(), match.end(), attributes)
            spans.append(span)
            if not match.group("empty"):
                open_spans.append((name, span))
        elif match.group("end") is not None:
            if not open_spans or open_spans[-1][0] != match.group("end"):
                return None
            _, span = open_spans.pop()
            span.content_end = match.start()
            span.end = match.end()
    return None if open_spans else spans


def apply_edits(data: bytes, edits: list[Edit]) -> bytes:
    """``data`` with ``edits`` (sorted, not overlapping) applied; other bytes untouched."""
    codec = _decode(data)
    name = codec[1] if codec else "utf-8"
    pieces: list[bytes] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise ValueError("overlapping edits")
        pieces.append(data[position : edit.start])
        pieces.append(edit.replacement.encode(name, errors="xmlcharrefreplace"))
        position = edit.end
    pieces.append(data[position:])
    return b"".join(pieces)
