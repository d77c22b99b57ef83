"""Which declared encoding names may ever be used to decode bytes.

A document names its encoding (XML declaration, a header), and Python's ``codecs.lookup``
finds far more than text encodings under such a name: rot13, base64, zlib, bz2, hex, uu,
quopri, idna, punycode... Decoding with one of them crashes or yields something that is
not the document's text. Every place that decodes bytes by a name the input chose asks
``text_encoding`` first and falls back to UTF-8 (or refuses) on None.
"""

from __future__ import annotations

import codecs

__all__ = ["ALLOWED", "text_encoding"]

ALLOWED = frozenset(
    {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "iso8859-1"}
    | {f"iso8859-{n}" for n in range(2, 17) if n != 12}
    | {f"cp{n}" for n in range(1250, 1259)}
)
"""Python codec names: UTF-8, UTF-16, ASCII, ISO-8859-x and windows-125x."""


def text_encoding(name: str) -> str | None:
    """The Python codec name for ``name`` if it is an allowed text encoding, else None
    (unknown, not a name at all, or a codec that is not a real text encoding)."""
    try:
        found = codecs.lookup(name).name
    except (LookupError, ValueError, TypeError):  # unknown, or a NUL inside the name
        return None
    return found if found in ALLOWED else None
