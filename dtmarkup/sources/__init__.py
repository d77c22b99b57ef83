"""What the user named, as documents: bytes and where they came from."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Document", "Origin"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a document sits inside a larger one: an article cut out of a collection.

    The article was made a document of its own by putting ``shift`` bytes (the
    collection's XML declaration) before it and ``injected`` bytes (the collection's
    namespace declarations) into its start tag, ``at`` bytes after the tag's ``<``.
    """

    line: int
    """The collection's line where the article starts."""
    lead: int
    """Characters before the article on that line."""
    shift: int
    at: int
    injected: int
    xpath: str
    """The article's place: ``/collection/article[@id='…']`` or ``/collection/article[N]``."""


@dataclass(frozen=True, slots=True)
class Document:
    """One document to check: its name in the report, its bytes, and its origin if it is
    part of a larger one."""

    name: str
    data: bytes
    origin: Origin | None = None
