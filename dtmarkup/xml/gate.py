"""The input gate: bytes in, a parsed tree or DT0xx findings out.

Every command and library entry point reads documents through here (SECURITY.md). We read
the bytes ourselves (lxml is never handed a path or URL: it would follow it, and silently
un-gzip), cap the size, and parse with entity resolution, DTD loading, network access and
recovery all off.

The gate works in three steps, cheapest first, so that hostile input is refused before
it costs anything:

1. A byte screen, before libxml2 sees anything: size cap, compressed-file magic numbers,
   encoding allow-list (from the byte-order mark and the XML declaration), NUL bytes, and
   any DOCTYPE in the prolog. A billion-laughs internal subset is thus never parsed.
2. libxml2 itself, with its default resource limits (depth 256, 10,000,000 characters
   per text node or attribute value, 50,000 per name); its errors become DT0xx findings.
3. A policy pass over the tree: processing instructions, XInclude elements, schema
   location hints and attribute floods, none of which a dtmarkup document needs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable
from typing import BinaryIO

from lxml import etree

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import InputRejected, UnreadableInputError
from dtmarkup.sources import sniff
from dtmarkup.sources.files import open_path, printable
from dtmarkup.sources.limits import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_BYTES,
    LIBXML_MAX_DEPTH,
    LIBXML_MAX_TEXT,
    MAX_FINDINGS_PER_CODE,
    Limits,
)
from dtmarkup.sources.parser import secure_parser
from dtmarkup.xml.names import local_name

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_BYTES",
    "PERMISSIBLE",
    "InputRejected",
    "Limits",
    "Source",
    "document_head",
    "parse_bytes",
    "read_source",
    "refuse_binary",
    "source_name",
    "tree_limits",
]

Source = str | os.PathLike[str] | bytes | BinaryIO


def _reject(code: str, message: str, line: int | None = 1, column: int | None = 1) -> InputRejected:
    return InputRejected((diagnostic(code, message, line=line, column=column),))


def source_name(source: Source) -> str:
    """How to name a source in a report."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    if isinstance(source, bytes):
        return "<bytes>"
    return str(getattr(source, "name", "<stream>"))


def read_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The raw bytes of ``source``, at most ``limits.max_bytes`` of them.

    A ``str`` is always a path, never XML text. Raises UnreadableInputError when a path
    cannot be opened or read, InputRejected (DT005) when the input is over the size limit;
    never reads more than one byte past the limit.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        try:
            with _open_path(source) as handle:
                data = _read_capped(handle, limits.max_bytes)
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise UnreadableInputError(f"{printable(source)}: {reason}") from exc
        except ValueError as exc:  # a NUL in the path
            raise UnreadableInputError(f"{printable(source)!r}: {exc}") from exc
    else:
        try:
            data = _read_capped(source, limits.max_bytes)
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise UnreadableInputError(f"{source_name(source)}: {reason}") from exc
    if len(data) > limits.max_bytes:
        raise _too_large(limits)
    return data


def _open_path(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a path for reading without ever blocking on the open itself (sources.files)."""
    return open_path(path)


def _read_capped(handle: BinaryIO, max_bytes: int) -> bytes:
    """Read until end of file or one byte past ``max_bytes``; pipes may return short reads."""
    chunks: list[bytes] = []
    wanted = max_bytes + 1
    while wanted > 0:
        chunk = handle.read(wanted)
        if not chunk:
            break
        if not isinstance(chunk, bytes):
            raise TypeError("dtmarkup reads documents as bytes: open the file in binary mode")
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def _too_large(limits: Limits) -> InputRejected:
    return _reject(
        "DT005",
        f"document is larger than the limit of {limits.max_bytes} bytes; nothing of it was parsed",
    )


# --- step 1: the byte screen -------------------------------------------------------------

_COMPRESSED = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip"),
)

# Encodings whose first bytes we recognise and refuse before reading any declaration.
_REFUSED_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\x00<", "UTF-32"),
    (b"<\x00\x00\x00", "UTF-32"),
    (b"+/v", "UTF-7"),
    (b"\x4c\x6f\xa7\x94", "EBCDIC"),
    (b"\xdd\x73\x66\x73", "UTF-EBCDIC"),
)


def _screen(data: bytes, limits: Limits) -> tuple[bytes, int]:
    """Refuse what must never reach libxml2; return an ASCII-compatible view to scan,
    and an upper bound on the number of elements.

    The view is ``data`` itself unless the document is UTF-16, in which case it is the
    UTF-8 transcoding: DOCTYPE and NUL are searched in it, whatever the encoding.
    """
    if len(data) > limits.max_bytes:
        raise _too_large(limits)
    for magic, kind in _COMPRESSED:
        if data.startswith(magic):
            raise _reject("DT007", f"the input is a {kind}-compressed file, not XML")
    for signature, name in _REFUSED_SIGNATURES:
        if data.startswith(signature):
            raise _reject("DT006", f"the document is encoded in {name}, which is not allowed")
    view = _utf16_view(data) if sniff.utf16(data) is not None else data
    start = len(sniff.UTF8_BOM) if view.startswith(sniff.UTF8_BOM) else 0
    for name, offset in sniff.declared_encodings(view, start):
        if not sniff.allowed_encoding(name):
            shown = name if len(name) <= 60 else name[:60] + "…"
            line, column = _position(view, offset)
            raise _reject(
                "DT006",
                f"the document declares encoding {shown!r}, which is not allowed; "
                "dtmarkup reads UTF-8, UTF-16, ASCII, ISO-8859-x and windows-125x",
                line=line,
                column=column,
            )
    nul = view.find(b"\x00")
    if nul >= 0:
        line, column = _position(view, nul)
        raise _reject(
            "DT008", "the document contains a NUL byte (U+0000)", line=line, column=column
        )
    elements = _start_tags(view, limits.max_elements)
    if elements > limits.max_elements:
        raise _too_many_elements(limits)
    doctype = sniff.doctype(view, start)
    if doctype >= 0:
        line, column = _position(view, doctype)
        raise _reject(
            "DT003",
            "the document has a DOCTYPE declaration; dtmarkup documents must not (it was not read)",
            line=line,
            column=column,
        )
    return view, elements


def refuse_binary(data: bytes) -> None:
    """Raise InputRejected if ``data`` is compressed (DT007) or in a refused encoding (DT006).

    For readers of non-XML formats (JSON, plain wire text) and format detection: the part
    of the byte screen that is not about XML. The XML gate (parse_bytes) does all of it.
    """
    for magic, kind in _COMPRESSED:
        if data.startswith(magic):
            raise _reject("DT007", f"the input is a {kind}-compressed file, not text")
    for signature, name in _REFUSED_SIGNATURES:
        if data.startswith(signature):
            raise _reject("DT006", f"the input is encoded in {name}, which is not allowed")


def document_head(data: bytes, size: int = 4096) -> bytes:
    """The first ``size`` or so bytes of a document as UTF-8 (sources.sniff.head)."""
    return sniff.head(data, size)


def _utf16_view(data: bytes) -> bytes:
    try:
        return sniff.utf16_text(data)
    except UnicodeDecodeError as exc:
        raise _reject(
            "DT006",
            f"the document is not valid UTF-16: bad bytes at offset {exc.start}",
        ) from None


def _position(view: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset in an ASCII-compatible view."""
    line_start = view.rfind(b"\n", 0, offset) + 1
    if line_start == 0 and view.startswith(sniff.UTF8_BOM):
        line_start = len(sniff.UTF8_BOM)
    column = len(view[line_start:offset].decode("utf-8", "replace")) + 1
    return view.count(b"\n", 0, offset) + 1, column


# --- step 2: libxml2 ---------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return secure_parser()


_ERR = etree.ErrorTypes
_ENCODING_ERRORS = frozenset(
    {_ERR.ERR_INVALID_ENCODING, _ERR.ERR_UNKNOWN_ENCODING, _ERR.ERR_UNSUPPORTED_ENCODING}
)
_CHARACTER_ERRORS = frozenset(
    {
        _ERR.ERR_INVALID_CHAR,
        _ERR.ERR_INVALID_CHARREF,
        _ERR.ERR_INVALID_DEC_CHARREF,
        _ERR.ERR_INVALID_HEX_CHARREF,
    }
)


def _syntax_diagnostic(exc: etree.XMLSyntaxError, view: bytes) -> Diagnostic:
    """Translate libxml2's first fatal error into a DT0xx finding."""
    line, column = exc.position if exc.position else (exc.lineno or 1, 1)
    return _libxml2_diagnostic(exc.code, exc.msg or str(exc), line, column, view)


def _libxml2_diagnostic(code: int, message: str, line: int, column: int, view: bytes) -> Diagnostic:
    """The DT0xx finding for a libxml2 error (its code, message and position)."""
    # libxml2 appends ", line N, column M" to its message: the location has its own fields.
    message = message.strip().split(", line ")[0].strip()
    if code == _ERR.ERR_UNDECLARED_ENTITY or ("Entity '" in message and "not defined" in message):
        # libxml2 points after the reference; an editor wants its "&".
        ampersand = _ampersand_before(view, line, column)
        if ampersand >= 0:
            line, column = _position(view, ampersand)
        return diagnostic("DT004", message, line=line, column=column)
    if code == _ERR.ERR_RESOURCE_LIMIT:
        if "depth" in message:
            return diagnostic(
                "DT009",
                f"elements are nested more than {LIBXML_MAX_DEPTH} levels deep",
                line=line,
                column=column,
            )
        return diagnostic(
            "DT010",
            f"a text node or attribute value is longer than {LIBXML_MAX_TEXT} characters",
            line=line,
            column=column,
        )
    if code == _ERR.ERR_NAME_TOO_LONG:
        return diagnostic(
            "DT010", f"a name is too long ({_plain(message)})", line=line, column=column
        )
    if code in _CHARACTER_ERRORS:
        return diagnostic(
            "DT008", f"character not allowed in XML: {_plain(message)}", line=line, column=column
        )
    if code in _ENCODING_ERRORS:
        return diagnostic("DT006", _plain(message), line=line, column=column)
    if code == _ERR.ERR_NO_MEMORY:
        return diagnostic("DT005", "the document is too large to parse", line=line, column=column)
    if "DOCTYPE" in message or "DTD" in message:
        return diagnostic("DT003", message, line=line, column=column)
    return diagnostic("DT001", f"not well-formed: {_plain(message)}", line=line, column=column)


_LIBXML2_WORDING = (
    ("xmlParseEntityRef: no name", "a bare & must be written &amp;"),
    ("EntityRef: expecting ';'", "an & starts an entity reference that has no closing ';' "
     "(write a bare & as &amp;)"),
    ("StartTag: invalid element name", "a < that does not start a tag must be written &lt;"),
    ("xmlParseStartTag: invalid element name", "a < that does not start a tag must be "
     "written &lt;"),
    ("AttValue: \" or ' expected", "an attribute value must be in quotes"),
    ("attributes construct error", "an attribute is malformed (name=\"value\")"),
    ("Couldn't find end of Start Tag", "a start tag is not closed with >"),
    ("Extra content at the end of the document", "there is content after the root element "
     "ends"),
    ("Start tag expected, '<' not found", "the document does not start with an element"),
    ("Document is empty", "the document is empty"),
)  # fmt: skip
"""libxml2's internal wording -> what is wrong, for the messages its name shows."""


def _plain(message: str) -> str:
    """libxml2's message in plain words where it names its own functions."""
    for raw, plain in _LIBXML2_WORDING:
        if message.startswith(raw):
            return plain + message[len(raw) :]
    return re.sub(r"^xml[A-Z]\w*: ", "", message)  # a function name: xmlParseCharRef


# --- step 3: the policy pass -------------------------------------------------------------

_XINCLUDE = ("{http://www.w3.org/2001/XInclude}", "{http://www.w3.org/2003/XInclude}")
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_HINTS = frozenset({_XSI + "schemaLocation", _XSI + "noNamespaceSchemaLocation"})


_Hit = tuple[str, etree._Element, str, str]
"""A policy finding before it is located: code, node, message, what its source starts with."""


def _policy(
    root: etree._Element, view: bytes, limits: Limits, permit: frozenset[str], elements: int
) -> list[Diagnostic]:
    """Findings for what a well-formed dtmarkup document must not contain. One pass.

    ``elements`` bounds the element count from above: only a document with more elements
    than ``limits.max_children`` can have a parent with too many children, so only such a
    document pays for counting them.
    """
    hits: list[_Hit] = []
    count_children = elements > limits.max_children
    for node in _all_nodes(root):
        if isinstance(node, etree._ProcessingInstruction):
            what = f"processing instruction <?{node.target}?> is not allowed in dtmarkup"
            hits.append(("DT012", node, what, f"<?{node.target}"))
            continue
        if isinstance(node, etree._Entity):
            hits.append(("DT004", node, f"entity reference {node.text} is not allowed", "&"))
            continue
        tag = node.tag
        if not isinstance(tag, str):  # a comment
            continue
        if count_children and len(node) > limits.max_children:
            what = (
                f"element {local_name(tag)} has {len(node)} children; "
                f"at most {limits.max_children} are allowed"
            )
            hits.append(("DT016", node, what, _tag(node)))
        if tag.startswith(_XINCLUDE):
            what = f"XInclude element {local_name(tag)} is not allowed (not followed)"
            hits.append(("DT013", node, what, _tag(node)))
        attrib = node.attrib
        if attrib:
            if len(attrib) > limits.max_attributes:
                what = (
                    f"element {local_name(tag)} has {len(attrib)} attributes; "
                    f"at most {limits.max_attributes} are allowed"
                )
                hits.append(("DT011", node, what, _tag(node)))
            for key in attrib:
                if key in _HINTS:
                    local = key[len(_XSI) :]
                    what = (
                        f"schema location hint xsi:{local} is not allowed (not followed: "
                        "dtmarkup validates against its own schema)"
                    )
                    hits.append(("DT014", node, what, _tag(node)))
    if limits.max_depth < LIBXML_MAX_DEPTH:
        deep = root.xpath("(//*[count(ancestor::*) >= $d])[1]", d=limits.max_depth)
        if isinstance(deep, list) and deep and isinstance(deep[0], etree._Element):
            what = f"elements are nested more than {limits.max_depth} levels deep"
            hits.append(("DT009", deep[0], what, _tag(deep[0])))
    if limits.max_text < LIBXML_MAX_TEXT:
        long = root.xpath(
            "(//text()[string-length() > $n] | //@*[string-length() > $n])[1]",
            n=limits.max_text,
        )
        if isinstance(long, list) and long:
            parent = getattr(long[0], "getparent", lambda: None)()
            if isinstance(parent, etree._Element):
                what = f"a text node or attribute value is longer than {limits.max_text} characters"
                hits.append(("DT010", parent, what, _tag(parent)))
    if permit:
        hits = [hit for hit in hits if hit[0] not in permit]
    return _located(hits, view)


def _start_tags(view: bytes, limit: int) -> int:
    """An upper bound on the elements of ``view``, counted in C before anything is parsed.

    Every element starts with ``<`` followed by a name; end tags, comments, CDATA and
    processing instructions are taken off. A ``<`` inside a comment or CDATA section still
    counts, so the bound errs on the high side only for such documents.
    """
    opening = view.count(b"<")
    if opening <= limit:  # the common case: one pass
        return opening
    return opening - view.count(b"</") - view.count(b"<!") - view.count(b"<?")


def _too_many_elements(limits: Limits) -> InputRejected:
    return _reject(
        "DT015",
        f"the document has more than {limits.max_elements} elements; it was not parsed",
    )


def tree_limits(root: etree._Element, limits: Limits = DEFAULT_LIMITS) -> list[Diagnostic]:
    """The gate's limits (DT009, DT010, DT011) checked on a tree built in memory, in one pass.

    A reader of another format (JSON...) builds the XML form itself, so libxml2's parser
    never sees it: without this check it could hand on an article that the gate refuses
    as XML. Findings name the element by its XPath (there is no source text to point to).
    """
    found: dict[str, Diagnostic] = {}

    def hit(code: str, element: etree._Element, what: str) -> None:
        if code not in found:
            found[code] = diagnostic(code, what, xpath=_xpath(element))

    depth = elements = 0
    for event, node in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            if node.tail and len(node.tail) > limits.max_text:
                parent = node.getparent()
                what = f"a text node or attribute value is longer than {limits.max_text} characters"
                hit("DT010", parent if parent is not None else node, what)
            continue
        depth += 1
        elements += 1
        if len(node) > limits.max_children:
            what = f"element {local_name(str(node.tag))} has {len(node)} children"
            hit("DT016", node, f"{what}; at most {limits.max_children} are allowed")
        if elements == limits.max_elements + 1:
            hit("DT015", root, f"the document has more than {limits.max_elements} elements")
        if depth > limits.max_depth:
            hit("DT009", node, f"elements are nested more than {limits.max_depth} levels deep")
        attrib = node.attrib
        if len(attrib) > limits.max_attributes:
            what = (
                f"element {local_name(str(node.tag))} has {len(attrib)} attributes; "
                f"at most {limits.max_attributes} are allowed"
            )
            hit("DT011", node, what)
        texts = [node.text or "", *attrib.values()]
        if any(len(text) > limits.max_text for text in texts):
            what = f"a text node or attribute value is longer than {limits.max_text} characters"
            hit("DT010", node, what)
    return list(found.values())


def _located(hits: list[_Hit], view: bytes) -> list[Diagnostic]:
    """Diagnostics for at most MAX_FINDINGS_PER_CODE hits per code, plus one for the rest.

    Locating a hit costs a scan of the source, so a flood of hits is counted, not located.
    """
    counts: dict[str, int] = {}
    found: list[Diagnostic] = []
    starts: dict[tuple[int, str], list[int]] = {}
    used: dict[tuple[int, str], int] = {}
    for code, node, what, needle in hits:
        counts[code] = counts.get(code, 0) + 1
        if counts[code] > MAX_FINDINGS_PER_CODE:
            continue
        line, column = node.sourceline, None
        if line:
            # Hits with the same tag ending on the same line come in document order: the
            # k-th of them is the k-th such start tag.
            key = (line, needle)
            if key not in starts:
                starts[key] = _tag_starts(view, line, needle)
            index = used.get(key, 0)
            used[key] = index + 1
            if index < len(starts[key]):
                line, column = _position(view, starts[key][index])
        found.append(diagnostic(code, what, line=line, column=column, xpath=_xpath(node)))
    for code, count in counts.items():
        if count > MAX_FINDINGS_PER_CODE:
            more = count - MAX_FINDINGS_PER_CODE
            found.append(diagnostic(code, f"{more} more findings like the ones above"))
    return found


def _tag_starts(view: bytes, line: int, needle: str) -> list[int]:
    """Offsets of the tags starting with ``needle`` (``<name`` or ``<?target``) that end on
    ``line``: libxml2 numbers a node by the line where its start tag ends, and gives no
    column. Best effort (a ``>`` inside an attribute value can mislead it); findings only.
    """
    line_start = _line_start(view, line)
    if line_start < 0:
        return []
    line_end = view.find(b"\n", line_start)
    line_end = len(view) if line_end < 0 else line_end
    pattern = re.compile(re.escape(needle.encode("utf-8")) + rb"(?=[ \t\r\n/>?])")
    offsets = []
    for match in pattern.finditer(view, max(0, line_start - 65536), line_end):
        end = view.find(b">", match.end())
        if line_start <= end <= line_end or (end < 0 and match.start() >= line_start):
            offsets.append(match.start())
    return offsets


def _line_start(view: bytes, line: int) -> int:
    """Offset where 1-based ``line`` starts, or -1 if there is no such line."""
    start = 0
    for _ in range(line - 1):
        start = view.find(b"\n", start) + 1
        if start == 0:
            return -1
    return start


def _tag(node: etree._Element) -> str:
    """How the start tag of ``node`` begins in the source: ``<`` and its qualified name."""
    local = local_name(str(node.tag))
    return f"<{node.prefix}:{local}" if node.prefix else f"<{local}"


def _all_nodes(root: etree._Element) -> Iterable[etree._Element]:
    """Every element, PI and comment, including those before and after the root."""
    yield from reversed(list(root.itersiblings(preceding=True)))
    yield from root.iter()
    yield from root.itersiblings()


def _ampersand_before(view: bytes, line: int, column: int) -> int:
    """Offset of the last ``&`` on ``line`` before 1-based ``column``, or -1."""
    start = _line_start(view, line)
    if start < 0:
        return -1
    return view.rfind(b"&", start, start + max(column - 1, 0))


def _xpath(node: etree._Element) -> str:
    """A readable path such as /article/body/p[2], computed only for findings."""
    steps: list[str] = []
    current: etree._Element | None = node
    while current is not None:
        parent = current.getparent()
        if isinstance(current, etree._ProcessingInstruction):
            name = "processing-instruction()"
        elif isinstance(current.tag, str):
            name = local_name(current.tag)
        else:
            name = "node()"
        if parent is not None:
            same = [sibling for sibling in parent if sibling.tag == current.tag]
            if len(same) > 1:
                name += f"[{same.index(current) + 1}]"
        steps.append(name)
        current = parent
    return "/" + "/".join(reversed(steps))


# --- the gate ----------------------------------------------------------------------------


PERMISSIBLE = frozenset({"DT012", "DT014"})
"""Policy codes an importer of foreign XML (NITF, NewsML) may let through: processing
instructions and schema location hints are inert in the tree, and agencies send them."""


def parse_bytes(
    data: bytes, limits: Limits = DEFAULT_LIMITS, *, permit: Collection[str] = ()
) -> etree._ElementTree:
    """Parse ``data`` as a dtmarkup input, or raise InputRejected with DT0xx findings.

    ``permit`` lets through the policy findings with these codes (only those in
    PERMISSIBLE; anything else is a ValueError). Raises nothing else for any ``bytes``
    value: every refusal is a typed finding.
    """
    if not PERMISSIBLE.issuperset(permit):
        raise ValueError(f"only {sorted(PERMISSIBLE)} can be permitted, not {sorted(permit)}")
    view, elements = _screen(data, limits)
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputRejected((_syntax_diagnostic(exc, view),)) from None
    except (ValueError, LookupError) as exc:
        # lxml raises these for some encoding declarations it cannot honour.
        raise _reject("DT006", f"the document's encoding cannot be read: {exc}") from None
    except MemoryError:
        raise _reject(
            "DT005", "the document is too large to parse in the memory available"
        ) from None
    # libxml2 reports some errors without failing the parse (an invalid namespace URI
    # after a processing instruction, say), and lxml does not raise for them: refuse too.
    for entry in parser.error_log:
        if entry.level >= etree.ErrorLevels.ERROR:
            line, column = entry.line or 1, entry.column or 1
            raise InputRejected(
                (_libxml2_diagnostic(entry.type, entry.message, line, column, view),)
            )
    tree = root.getroottree()
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _reject(
            "DT003", "the document has a DOCTYPE declaration; dtmarkup documents must not"
        )
    if docinfo.encoding and not sniff.allowed_encoding(docinfo.encoding):
        raise _reject("DT006", f"the document's encoding {docinfo.encoding!r} is not allowed")
    findings = _policy(root, view, limits, frozenset(permit), elements)
    if findings:
        raise InputRejected(tuple(findings))
    return tree
