"""THE byte-level reader of a document's first bytes: byte-order mark and UTF-16 view,
declared encoding, DOCTYPE, root element, collection. Every part of dtmarkup that looks at
bytes before a parser does (the input gate, the collection scanner, format detection, the
HTML report) asks here, so they cannot disagree.

UTF-16 is what libxml2 takes for UTF-16: a byte-order mark, or, without one, the first
characters of an XML declaration (``<?`` as UTF-16). Other bytes with a NUL after every
ASCII character are not UTF-16 to the parser (they are UTF-8 with NUL bytes, DT008), so
they are not UTF-16 here either, whether the root is an article or a collection.

The XML declaration is read as the parser reads it, whatever its length: no amount of
white space or digits in it hides its encoding from the byte screen. Every cost here is
linear in the input.
"""

from __future__ import annotations

import re

from dtmarkup.sources.encoding import ALLOWED, text_encoding

__all__ = [
    "ALLOWED_ENCODINGS",
    "UTF8_BOM",
    "allowed_encoding",
    "declared_encoding",
    "declared_encodings",
    "doctype",
    "head",
    "prolog_end",
    "root_name",
    "utf16",
    "utf16_text",
]

ALLOWED_ENCODINGS = ALLOWED
"""The text encodings dtmarkup reads (dtmarkup.sources.encoding holds the one list)."""

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16 = (
    (b"\xff\xfe", "utf-16-le", 2),
    (b"\xfe\xff", "utf-16-be", 2),
    (b"<\x00?\x00", "utf-16-le", 0),
    (b"\x00<\x00?", "utf-16-be", 0),
)
_UTF16_STARTS = tuple(signature for signature, _, _ in _UTF16)
_SPACE = re.compile(rb"[ \t\r\n]*")
_DECLARATION = re.compile(rb"<\?xml[ \t\r\n]")
_ENCODING = re.compile(rb"encoding[ \t\r\n]*=[ \t\r\n]*(?:\"([^\"]*)\"|'([^']*)')")
_NAME = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def allowed_encoding(name: str) -> bool:
    """Whether dtmarkup reads a document declared in encoding ``name``."""
    return text_encoding(name) is not None


def utf16(data: bytes) -> tuple[str, int] | None:
    """``(codec, length of the byte-order mark)`` when ``data`` is UTF-16, else None."""
    if not data.startswith(_UTF16_STARTS):
        return None
    for signature, codec, bom in _UTF16:
        if data.startswith(signature):
            return codec, bom
    return None  # pragma: no cover (one of them matched)


def utf16_text(data: bytes, size: int | None = None, errors: str = "strict") -> bytes:
    """UTF-16 ``data`` (see utf16) as UTF-8, without its byte-order mark: all of it, or
    about its first ``size`` characters. With ``errors="strict"`` a bad byte raises
    UnicodeDecodeError (lone surrogates are kept, as libxml2 then reports them)."""
    found = utf16(data)
    if found is None:
        raise ValueError("not UTF-16")
    codec, bom = found
    body = data[bom:] if size is None else data[bom : bom + 2 * size]
    return body.decode(codec, errors).encode(
        "utf-8", "surrogatepass" if errors == "strict" else "replace"
    )


def head(data: bytes, size: int = 4096) -> bytes:
    """The first ``size`` or so bytes of a document as UTF-8, without a byte-order mark.

    What format sniffers should look at: a UTF-16 document is transcoded (its raw bytes
    have a NUL after every ASCII character, so a byte search for ``<`` or a namespace
    would miss it). Undecodable bytes become U+FFFD; nothing is refused here.
    """
    if utf16(data) is not None:
        return utf16_text(data, size, errors="replace")
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    return data[start : start + size]


def declared_encodings(view: bytes, start: int = 0) -> list[tuple[str, int]]:
    """Every encoding named in the XML declaration at ``start`` of an ASCII-compatible
    ``view``, with the offset of its value: none without a declaration.

    The whole declaration is read, however long, up to its ``?>`` (or the end of the
    input), and every ``encoding=`` in it counts, even one libxml2 would then call a
    mistake: the screen must not be fooled where the parser might not be.
    """
    if _DECLARATION.match(view, start) is None:
        return []
    end = view.find(b"?>", start)
    end = len(view) if end < 0 else end
    found = []
    for match in _ENCODING.finditer(view, start, end):
        group = 1 if match.group(1) is not None else 2
        found.append((match.group(group).decode("ascii", "replace"), match.start(group)))
    return found


def declared_encoding(data: bytes) -> str | None:
    """The encoding the XML declaration of ``data`` names first (after a UTF-8 byte-order
    mark), or None."""
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    found = declared_encodings(data, start)
    return found[0][0] if found else None


def _walk(view: bytes, pos: int, end: int) -> tuple[str, int]:
    """Skip white space, comments and processing instructions (the XML declaration is one
    here) from ``pos``; say what comes next and where: ``root`` (anything else), ``doctype``,
    ``markup`` (another ``<!``) or ``unfinished`` (a comment or PI not ended before ``end``).
    """
    while True:
        pos = _SPACE.match(view, pos, max(pos, end)).end()  # type: ignore[union-attr]
        if view.startswith(b"<?", pos):
            close, step = view.find(b"?>", pos + 2, end), 2
        elif view.startswith(b"<!--", pos):
            close, step = view.find(b"-->", pos + 4, end), 3
        elif view.startswith(b"<!", pos):
            return ("doctype" if view[pos : pos + 9].upper() == b"<!DOCTYPE" else "markup"), pos
        else:
            return "root", pos
        if close < 0:
            return "unfinished", pos
        pos = close + step


def prolog_end(data: bytes, limit: int | None = None) -> int | None:
    """Offset of the root element's ``<``, past the declaration, comments and PIs.

    None when the prolog (within ``limit`` bytes) holds a DOCTYPE or does not end.
    """
    end = len(data) if limit is None else min(limit, len(data))
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    kind, pos = _walk(data, start, end)
    return pos if kind == "root" else None


def doctype(view: bytes, start: int = 0) -> int:
    """Offset of a DOCTYPE in the prolog of an ASCII-compatible ``view``, or -1.

    The prolog holds only the XML declaration, comments, PIs, white space and at most one
    DOCTYPE, so skipping those finds it; anything else ends the scan and is left to
    libxml2 (a DOCTYPE after the root element is not well-formed anyway).
    """
    kind, pos = _walk(view, start, len(view))
    return pos if kind == "doctype" else -1


def root_name(data: bytes, size: int = 8192) -> str | None:
    """The local name of the first element, read from the first bytes only (for sniffing);
    a DOCTYPE is stepped over."""
    view = head(data, size)
    pos = 0
    while True:
        kind, pos = _walk(view, pos, len(view))
        if kind != "doctype":
            break
        pos = view.find(b">", pos) + 1
        if pos == 0:
            return None
    match = _NAME.match(view, pos) if kind == "root" else None
    return match.group(1).decode("ascii") if match else None
