"""Collections: a ``<collection>`` of many articles, scanned into one document per article.

A collection may be far larger than one document may be (the input gate caps documents at
50 MB), so it is never parsed whole. A light scanner reads the file in blocks and cuts it
at article boundaries (skipping comments, CDATA sections and processing instructions, so
that an ``</article>`` inside one of them does not end an article); each article then
is yielded as a Document of its own (the collection's encoding declaration and namespace
declarations spliced in), with an Origin saying where it sits; run.merge checks it
through the ordinary path (the input gate, the schema, the rules) and moves its
findings to the collection's lines. Memory is one block plus one article.

Why not one ``iterparse`` over the whole file: libxml2 stores line numbers above 65,535
in a side field that lxml only partly reads and that copies lose, so findings deep in a
large collection would get wrong lines. Cut into articles, every line is exact: the
article's own line plus the line where it starts in the collection.

Findings name their article: the XPath starts ``/collection/article[@id='ID']`` (or
``/collection/article[N]`` when the article has no id), and the report's
``article_ids`` lists every article in order. Identity constraints and rules apply per
article, as the schema declares them on ``article``.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
import re
from collections import deque
from collections.abc import Generator, Iterator
from typing import BinaryIO

from lxml import etree

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.sources import Document, Origin, sniff
from dtmarkup.sources.limits import DEFAULT_LIMITS, Limits

__all__ = ["Scan", "is_collection", "is_collection_file"]

NAMESPACE = "urn:dtmarkup:1"
BLOCK = 4 * 1024 * 1024
"""Bytes read at a time."""
HEAD = 64 * 1024
"""How much of a file is looked at to tell a collection from an article."""
OVERLAP = 4096
"""After a refill, a search restarts this far back: a tag may straddle two blocks."""

_NAME = rb"[A-Za-z_][\w.\-]*"
_ROOT = re.compile(rb"<(?:(" + _NAME + rb"):)?collection(?=[\s/>])")
_TAG_REST = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""")
_ATTRIBUTE = re.compile(rb"(" + _NAME + rb"(?::" + _NAME + rb")?)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_START = re.compile(rb"<(?:(" + _NAME + rb"):)?(" + _NAME + rb")")
_ARTICLE_END_OR_HAZARD = re.compile(rb"</(?:" + _NAME + rb":)?article\s*>|<!--|<!\[CDATA\[|<\?")
_HAZARD_END = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}
_SCHEMA_VERSION = re.compile(r"1\.[0-9]{1,3}")


def is_collection(data: bytes) -> bool:
    """Whether ``data`` (a whole document or its first bytes) has a ``collection`` root."""
    if sniff.utf16(data) is not None:
        return is_collection(sniff.head(data, 1024))
    pos = sniff.prolog_end(data, HEAD)
    return pos is not None and _ROOT.match(data, pos) is not None


def is_collection_file(path: str | os.PathLike[str] | BinaryIO) -> bool:
    """Whether a file (a path, or an open regular file: read again from its start) holds
    a collection."""
    try:
        if not isinstance(path, str | os.PathLike):
            head = path.read(HEAD)
            path.seek(0)
            return is_collection(head)
        with open(path, "rb") as handle:
            return is_collection(handle.read(HEAD))
    except OSError:
        return False


class _Window:
    """A sliding window over the input, with the line number of any offset in it."""

    def __init__(self, source: bytes | BinaryIO) -> None:
        if isinstance(source, bytes):
            self.buf = source
            self.handle: BinaryIO | None = None
        else:
            self.buf = b""
            self.handle = source
        self.base = 0
        """Absolute offset of buf[0]."""
        self.mark = 0
        self.mark_line = 1
        """Line number at absolute offset ``mark``."""
        self.line_start = 0
        """Absolute offset where the line holding ``mark`` starts."""
        self.mark_column = 0
        """Characters between ``line_start`` and ``mark``."""
        self.encoding = "utf-8"
        """How to count characters (the collection's declared encoding)."""

    def more(self) -> bool:
        """Read one more block; False at end of input."""
        if self.handle is None:
            return False
        block = self.handle.read(BLOCK)
        if not block:
            self.handle = None
            return False
        self.buf += block
        return True

    def search(self, pattern: re.Pattern[bytes], start: int) -> re.Match[bytes] | None:
        """First match at or after absolute ``start``, reading more input as needed."""
        scan = start
        while True:
            match = pattern.search(self.buf, scan - self.base)
            if match is not None:
                return match
            scan = max(start, self.base + len(self.buf) - OVERLAP)
            if not self.more():
                return None

    def find(self, needle: bytes, start: int) -> int:
        """Absolute offset of ``needle`` at or after ``start``, or -1."""
        scan = start
        while True:
            index = self.buf.find(needle, scan - self.base)
            if index >= 0:
                return self.base + index
            scan = max(start, self.base + len(self.buf) - len(needle))
            if not self.more():
                return -1

    def ensure(self, end: int) -> None:
        """Make sure bytes up to absolute ``end`` are in the window, if the input has them."""
        while self.base + len(self.buf) < end and self.more():
            pass

    def get(self, start: int, end: int) -> bytes:
        return self.buf[start - self.base : end - self.base]

    def at(self, offset: int) -> int:
        """The byte at absolute ``offset``, or -1 past the end of input."""
        self.ensure(offset + 1)
        index = offset - self.base
        return self.buf[index] if index < len(self.buf) else -1

    def startswith(self, prefix: bytes, offset: int) -> bool:
        self.ensure(offset + len(prefix))
        return self.buf.startswith(prefix, offset - self.base)

    def line(self, offset: int) -> int:
        """Line number of absolute ``offset`` (counted from the last offset asked for).

        Moving forward counts only the bytes in between, so a whole scan costs one pass
        over the input however long its lines (a collection on one line included).
        """
        if offset >= self.mark:
            first, last = self.mark - self.base, offset - self.base
            breaks = self.buf.count(b"\n", first, last)
            if breaks:
                self.mark_line += breaks
                self.line_start = self.base + self.buf.rfind(b"\n", first, last) + 1
                self.mark_column = self._chars(self.line_start - self.base, last)
            else:
                self.mark_column += self._chars(first, last)
        else:
            self.mark_line -= self.buf.count(b"\n", offset - self.base, self.mark - self.base)
            start = max(0, self.buf.rfind(b"\n", 0, offset - self.base) + 1)
            self.line_start = self.base + start
            self.mark_column = self._chars(start, offset - self.base)
        self.mark = offset
        return self.mark_line

    def column(self, offset: int) -> int:
        """Characters before absolute ``offset`` on its line."""
        self.line(offset)
        return self.mark_column

    def _chars(self, first: int, last: int) -> int:
        if last <= first:
            return 0
        return len(self.buf[first:last].decode(self.encoding, "replace"))

    def release(self, offset: int) -> None:
        """Forget the input before ``offset``: it has been dealt with."""
        if offset - self.base > BLOCK:
            self.line(offset)
            self.buf = self.buf[offset - self.base :]
            self.base = offset


@dataclasses.dataclass(slots=True)
class _Collection:
    """What the scan has found so far."""

    name: str
    limits: Limits
    encoding: str | None = None
    namespaces: dict[bytes, bytes] = dataclasses.field(default_factory=dict)
    diagnostics: list[Diagnostic] = dataclasses.field(default_factory=list)
    article_ids: list[str] = dataclasses.field(default_factory=list)
    articles: int = 0
    context: _Context | None = None
    skeleton: _Skeleton | None = None
    """What lies outside the articles, read by libxml2 (None until the root is read)."""
    fed: int = 0
    """How much of the input the skeleton has been given."""
    syntax: bool = False
    """Whether the scanner has reported a syntax error (DT001) of its own."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    """What turning any article of a collection into a document needs."""

    name: str
    encoding: str | None
    namespaces: tuple[tuple[bytes, bytes], ...]


class Scan:
    """A collection being scanned: iterating yields one Document per article, in order.

    The scanner's own findings (prolog, root, structure between the articles, articles
    too large or unfinished) are in ``diagnostics``, and the article ids in
    ``article_ids``, once the iteration has ended.
    """

    def __init__(
        self, source: bytes | BinaryIO, name: str, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self._window = _Window(source)
        self._state = _Collection(name, limits)

    def __iter__(self) -> Iterator[Document]:
        self._window.ensure(HEAD)
        yield from _scan(self._window, self._state)
        _judge_skeleton(self._window, self._state)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self._state.diagnostics

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(self._state.article_ids)


def _scan(window: _Window, state: _Collection) -> Iterator[Document]:
    """Walk the collection from its prolog to its end, yielding each article met."""
    head = window.get(0, HEAD)
    if sniff.utf16(head) is not None:
        state.diagnostics.append(
            diagnostic(
                "DT006",
                "a collection must be encoded in UTF-8 (or another ASCII-compatible "
                "encoding), not UTF-16; convert it, e.g. iconv -f UTF-16 -t UTF-8",
                line=1,
                column=1,
            )
        )
        return
    root = sniff.prolog_end(head)
    if root is None:
        state.diagnostics.append(
            diagnostic(
                "DT003",
                "the collection's prolog has a DOCTYPE or cannot be read; dtmarkup documents "
                "must not have a DOCTYPE",
                line=1,
                column=1,
            )
        )
        return
    declared = sniff.declared_encodings(head, 3 if head.startswith(sniff.UTF8_BOM) else 0)
    if declared:
        state.encoding = declared[0][0]
        refused = [name for name, _ in declared if not sniff.allowed_encoding(name)]
        if refused:
            shown = refused[0] if len(refused[0]) <= 60 else refused[0][:60] + "…"
            state.diagnostics.append(
                diagnostic(
                    "DT006",
                    f"the collection declares encoding {shown!r}, which is not allowed",
                    line=1,
                    column=1,
                )
            )
            return
        window.encoding = state.encoding
    _processing_instructions(state, window, head, 0, root)
    match = _ROOT.match(window.buf, root)
    if match is None:  # a library caller passed something else
        state.diagnostics.append(
            diagnostic(
                "DT100",
                f'the root element is not <collection xmlns="{NAMESPACE}">',
                line=window.line(root),
            )
        )
        return
    tag = _TAG_REST.match(window.buf, match.end())
    if tag is None:
        window.ensure(root + HEAD)
        tag = _TAG_REST.match(window.buf, match.end())
    line = window.line(root)
    if tag is None:
        state.diagnostics.append(
            diagnostic(
                "DT001", "not well-formed: the <collection> start tag is not closed", line=line
            )
        )
        return
    prefix = match.group(1)
    closed = bool(tag.group(1))
    if not _root_attributes(window.get(0, tag.end()), prefix, state, line, closed):
        return
    state.skeleton = _Skeleton()
    if tag.group(1):  # <collection/>
        _structure(state, "DT102", "<collection> is incomplete: expected <article>", line)
        return
    pos = tag.end()
    while True:
        lt = window.find(b"<", pos)
        if lt < 0:
            _not_closed(state, window, pos)
            return
        _loose_text(state, window, pos, lt)
        if window.startswith(b"<!--", lt) or window.startswith(b"<?", lt):
            opener = b"<!--" if window.startswith(b"<!--", lt) else b"<?"
            end = window.find(_HAZARD_END[opener], lt)
            if end < 0:
                _not_closed(state, window, lt)
                return
            if opener == b"<?":
                state.diagnostics.append(
                    diagnostic(
                        "DT012",
                        "processing instruction is not allowed in a dtmarkup document",
                        line=window.line(lt),
                        xpath="/collection",
                    )
                )
            pos = end + len(_HAZARD_END[opener])
            continue
        if window.startswith(b"<![CDATA[", lt):
            end = window.find(b"]]>", lt)
            _structure(state, "DT106", _LOOSE, window.line(lt))
            if end < 0:
                _not_closed(state, window, lt)
                return
            pos = end + 3
            continue
        if window.startswith(b"</", lt):
            close = window.find(b">", lt)
            if close < 0:
                _not_closed(state, window, lt)
                return
            closing = window.get(lt + 2, close).strip()
            if closing == (prefix + b":collection" if prefix else b"collection"):
                if state.articles == 0:
                    _structure(
                        state, "DT102", "<collection> is incomplete: expected <article>", line
                    )
                _trailer(state, window, close + 1)
                return
            pos = close + 1  # the end of an element already reported as unexpected
            continue
        window.ensure(lt + 256)
        start = _START.match(window.buf, lt - window.base)
        if start is None:
            state.syntax = True
            state.diagnostics.append(
                diagnostic(
                    "DT001", "not well-formed: a '<' that starts no tag", line=window.line(lt)
                )
            )
            pos = lt + 1
            continue
        if start.group(2) == b"article":
            # Whatever its prefix: a namespace mistake is reported by the article's check.
            pos = yield from _article(state, window, lt)
            window.release(pos)
            continue
        shown = start.group(2).decode("utf-8", "replace")
        _structure(
            state,
            "DT101",
            f"unexpected element <{shown}> in <collection>; expected <article>",
            window.line(lt),
            xpath=f"/collection/{shown}",
        )
        close = window.find(b">", lt)
        pos = close + 1 if close >= 0 else len(window.buf) + window.base


_LOOSE = "<collection> holds only elements; remove the loose text"


def _judge_skeleton(window: _Window, state: _Collection) -> None:
    """Give the skeleton the rest of the input; its first error, unless the scanner has
    reported one already, is the collection's DT001."""
    skeleton = state.skeleton
    if skeleton is None:
        return
    while True:
        end = window.base + len(window.buf)
        skeleton.feed(window.get(state.fed, end))
        state.fed = end
        window.release(end)
        if skeleton.error is not None or not window.more():
            break
    error = skeleton.close()
    if error is not None and not state.syntax:
        message, line = error
        state.diagnostics.append(
            diagnostic("DT001", f"not well-formed: {message}", line=line, xpath="/collection")
        )


def _root_attributes(
    tag: bytes, prefix: bytes | None, state: _Collection, line: int, closed: bool = False
) -> bool:
    """Read the root's namespace declarations and check its attributes.

    ``tag`` is the input from its first byte to the end of the root's start tag; an XML
    parser reads it (closed by a matching end tag), so quotes, references and repeated
    attributes mean what they mean in XML. The declarations are kept re-escaped, ready to
    be spliced into each article: nothing taken from the input goes back in raw.
    """
    qname = (prefix + b":" if prefix else b"") + b"collection"
    try:
        root = etree.fromstring(tag if closed else tag + b"</" + qname + b">", _root_parser())
    except etree.XMLSyntaxError as exc:
        state.syntax = True
        state.diagnostics.append(
            diagnostic(
                "DT001",
                f"not well-formed: the <collection> start tag: {exc.msg}",
                line=exc.lineno or line,
                xpath="/collection",
            )
        )
        return False
    except (ValueError, LookupError) as exc:
        state.syntax = True
        state.diagnostics.append(
            diagnostic("DT001", f"not well-formed: the <collection> start tag: {exc}", line=line)
        )
        return False
    encoding = state.encoding or "utf-8"
    for name, uri in root.nsmap.items():
        key = b"xmlns" if name is None else b"xmlns:" + name.encode(encoding, "replace")
        state.namespaces[key] = _attribute_value(uri)
    for attribute, text in root.attrib.items():
        if attribute == "schemaVersion":
            if not _SCHEMA_VERSION.fullmatch(text):
                _structure(
                    state,
                    "DT105",
                    f"@schemaVersion of <collection> has the invalid value {text!r}; "
                    "expected a dtmarkup 1.x version such as 1.0",
                    line,
                    xpath="/collection",
                )
        else:
            _structure(
                state,
                "DT104",
                f"<collection> does not allow the attribute @{attribute}",
                line,
                xpath="/collection",
            )
    namespace = etree.QName(root).namespace or ""
    if namespace != NAMESPACE:
        found = f'in namespace "{namespace}"' if namespace else "with no namespace"
        state.diagnostics.append(
            diagnostic(
                "DT100",
                f"the root element is <collection> {found}; expected <collection "
                f'xmlns="{NAMESPACE}"> or <article xmlns="{NAMESPACE}">',
                line=line,
                xpath="/collection",
            )
        )
        return False
    return True


def _root_parser() -> etree.XMLParser:
    """The gate's own parser settings (no entities, DTDs, network or recovery)."""
    from dtmarkup.sources.parser import secure_parser

    return secure_parser()


def _attribute_value(text: str) -> bytes:
    """``text`` as the inside of a double-quoted attribute value, in ASCII (every other
    character as a reference), whatever the document's encoding."""
    escaped = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )
    return escaped.encode("ascii", "xmlcharrefreplace")


class _Skeleton:
    """The collection without its articles, each cut out and replaced by ``<article/>``,
    read by libxml2 as the scan streams past. Whatever the scanner steps over (the root's
    start tag, what lies between articles, the end) is judged by a conforming parser: a
    stray end tag, a broken comment, a byte invalid in the encoding, junk after the root.
    Memory stays flat: elements are dropped once read."""

    def __init__(self) -> None:
        self.parser = etree.XMLPullParser(
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        self.root: etree._Element | None = None
        self.error: tuple[str, int] | None = None
        self.cuts: deque[tuple[int, int]] = deque([(0, 0)], maxlen=256)
        """(line in the skeleton where an article was cut, lines cut up to there), for
        the last articles only: libxml2 reports an error while reading the bytes near it."""

    def feed(self, data: bytes) -> None:
        if self.error is None and data:
            try:
                self.parser.feed(data)
                self._drain()
            except etree.XMLSyntaxError as exc:
                self.error = (exc.msg, exc.lineno or 1)

    def cut(self, first_line: int, last_line: int) -> None:
        """An article from ``first_line`` to ``last_line`` of the collection was cut out."""
        removed = self.cuts[-1][1]
        self.feed(b"<article/>")
        self.cuts.append((first_line - removed, removed + last_line - first_line))

    def close(self) -> tuple[str, int] | None:
        """The first error, if any, and its line in the collection."""
        if self.error is None:
            try:
                self.parser.close()
            except etree.XMLSyntaxError as exc:
                self.error = (exc.msg, exc.lineno or 1)
        if self.error is None:
            return None
        message, line = self.error
        removed = self.cuts[max(0, bisect.bisect_right(self.cuts, (line, -1)) - 1)][1]
        return message, line + removed

    def _drain(self) -> None:
        for event, element in self.parser.read_events():
            if self.root is None:
                self.root = element
            elif event == "end" and element.getparent() is self.root:
                self.root.remove(element)


def _structure(
    state: _Collection, code: str, message: str, line: int | None, xpath: str = "/collection"
) -> None:
    state.diagnostics.append(diagnostic(code, message, line=line, xpath=xpath))


def _loose_text(state: _Collection, window: _Window, start: int, end: int) -> None:
    text = window.get(start, end)
    if text.strip():
        offset = start + (len(text) - len(text.lstrip()))
        _structure(state, "DT106", _LOOSE, window.line(offset))


def _not_closed(state: _Collection, window: _Window, offset: int) -> None:
    state.syntax = True
    state.diagnostics.append(
        diagnostic(
            "DT001",
            "not well-formed: the document ends before </collection>",
            line=window.line(offset),
        )
    )


def _trailer(state: _Collection, window: _Window, pos: int) -> None:
    """After </collection>: only white space, comments (and refused PIs) may follow."""
    window.ensure(pos + HEAD)
    rest = window.buf[pos - window.base :]
    while window.more():
        rest = window.buf[pos - window.base :]
        if len(rest) > HEAD:
            break
    end = sniff.prolog_end(rest)
    if end is not None:
        _processing_instructions(state, window, rest, pos, end)
    if end is None or rest[end:].strip():
        state.syntax = True
        state.diagnostics.append(
            diagnostic(
                "DT001",
                "not well-formed: content after the end of the root element </collection>",
                line=window.line(pos),
            )
        )


_PI = re.compile(rb"<\?([^\s?]*)")


def _processing_instructions(
    state: _Collection, window: _Window, data: bytes, offset: int, end: int
) -> None:
    """DT012 for each PI in ``data[:end]`` (prolog or trailer; the XML declaration is not one).

    ``offset`` is where ``data`` starts in the input. Comments are skipped over.
    """
    pos = 0
    while (match := _PI.search(data, pos, end)) is not None:
        comment = data.find(b"<!--", pos, match.start())
        if comment >= 0:
            pos = data.find(b"-->", comment) + 3
            if pos < 3:
                return
            continue
        if match.group(1).lower() != b"xml":
            state.diagnostics.append(
                diagnostic(
                    "DT012",
                    f"processing instruction <?{match.group(1).decode('utf-8', 'replace')}?> "
                    "is not allowed in a dtmarkup document",
                    line=window.line(offset + match.start()),
                )
            )
        pos = match.end()


def _article(state: _Collection, window: _Window, start: int) -> Generator[Document, None, int]:
    """Yield the article that starts at ``start``; returns the offset just after it."""
    state.articles += 1
    number = state.articles
    if state.skeleton is not None:
        state.skeleton.feed(window.get(state.fed, start))
    scan = start
    end = -1
    while True:
        match = window.search(_ARTICLE_END_OR_HAZARD, scan)
        if match is None:
            break
        found = window.base + match.start()
        if match.group().startswith(b"</"):
            end = window.base + match.end()
            break
        closer = _HAZARD_END[match.group()]
        close = window.find(closer, found + len(match.group()))
        if close < 0:
            break
        scan = close + len(closer)
    line = window.line(start)
    lead = window.column(start)
    if state.skeleton is not None:
        state.fed = end if end >= 0 else window.base + len(window.buf)
        state.skeleton.cut(line, window.line(state.fed))
    header = window.get(start, start + 4096)
    article_id = _article_id(header)
    if article_id:
        state.article_ids.append(article_id)
    where = (
        f"/collection/article[@id='{article_id}']"
        if article_id
        else f"/collection/article[{number}]"
    )
    if end < 0:
        state.syntax = True
        state.diagnostics.append(
            diagnostic(
                "DT001",
                "not well-formed: the article has no end tag </article>",
                line=line,
                xpath=where,
            )
        )
        return window.base + len(window.buf)
    if end - start > state.limits.max_bytes:
        state.diagnostics.append(
            diagnostic(
                "DT005",
                f"the article is larger than the limit of {state.limits.max_bytes} bytes; "
                "it was not parsed",
                line=line,
                xpath=where,
            )
        )
        return end
    data = window.get(start, end)
    yield _document(_context(state), data, line, lead, where)
    return end


def _context(state: _Collection) -> _Context:
    """Built once the root is read (encoding, namespaces), then reused for every article."""
    if state.context is None:
        state.context = _Context(state.name, state.encoding, tuple(state.namespaces.items()))
    return state.context


def _article_id(header: bytes) -> str | None:
    tag = _TAG_REST.match(header, header.find(b"article") + 7) if b"article" in header else None
    for match in _ATTRIBUTE.finditer(header, 0, tag.end() if tag else len(header)):
        if match.group(1) == b"id":
            value = match.group(2) if match.group(2) is not None else match.group(3)
            return (value or b"").decode("utf-8", "replace") or None
    return None


def _document(state: _Context, data: bytes, line: int, lead: int, where: str) -> Document:
    """One article as a document of its own, with where it sits in the collection."""
    name_end = _START.match(data)
    assert name_end is not None
    tag = _TAG_REST.match(data, name_end.end())
    own = {m.group(1) for m in _ATTRIBUTE.finditer(data, 0, tag.end() if tag else 0)}
    injected = b"".join(
        b" " + key + b'="' + value + b'"' for key, value in state.namespaces if key not in own
    )
    declaration = (
        f'<?xml version="1.0" encoding="{state.encoding}"?>'.encode("ascii")
        if state.encoding
        else b""
    )
    at = name_end.end()
    document = declaration + data[:at] + injected + data[at:]
    origin = Origin(line, lead, len(declaration), at, len(injected), where)
    return Document(state.name, document, origin)
