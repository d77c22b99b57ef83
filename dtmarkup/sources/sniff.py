"""THE byte-level reader of a document's first bytes: byte-order mark and UTF-16 view,
declared encoding, DOCTYPE, root element, collection. Every part of dtmarkup that looks at
bytes before a parser does (the input gate, the collection scanner, format detection, the
HTML report) asks here, so they cannot disagree."""

from __future__ import annotations

import codecs

__all__ = ["ALLOWED_ENCODINGS", "allowed_encoding"]

ALLOWED_ENCODINGS = frozenset(
    {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "iso8859-1"}
    | {f"iso8859-{n}" for n in range(2, 17) if n != 12}
    | {f"cp{n}" for n in range(1250, 1259)}
)
"""Python codec names: UTF-8, UTF-16, ASCII, ISO-8859-x and windows-125x."""


def allowed_encoding(name: str) -> bool:
    """Whether dtmarkup reads a document declared in encoding ``name``."""
    try:
        return codecs.lookup(name).name in ALLOWED_ENCODINGS
    except (LookupError, ValueError):  # unknown, or not even a name (a NUL inside)
        return False
