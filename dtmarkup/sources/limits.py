"""What one document may cost: the limits every reader and the input gate apply."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
LIBXML_MAX_DEPTH = 256
"""libxml2's nesting limit without XML_PARSE_HUGE, which we never set."""
LIBXML_MAX_TEXT = 10_000_000
"""libxml2's limit on one text node or attribute value without XML_PARSE_HUGE."""
MAX_FINDINGS_PER_CODE = 20
"""Policy findings of one code are listed up to this many, then summed up in one more."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost. Defaults suit real articles with a wide margin.

    ``max_depth`` and ``max_text`` can only be lowered: libxml2 enforces 256 levels and
    10,000,000 characters itself, and the gate never switches those limits off.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = LIBXML_MAX_DEPTH
    max_text: int = LIBXML_MAX_TEXT
    """Characters in one text node or attribute value."""
    max_attributes: int = 100
    """Attributes on one element (namespace declarations do not count)."""
    max_elements: int = 50_000
    """Elements in one document (a collection's articles each count on their own)."""
    max_children: int = 10_000
    """Child nodes of one element: libxml2 names every schema error's place by counting
    the element's preceding siblings, so a flat run of many costs quadratic time."""

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError("Limits.max_bytes must be at least 1")
        if not 1 <= self.max_depth <= LIBXML_MAX_DEPTH:
            raise ValueError(f"Limits.max_depth must be between 1 and {LIBXML_MAX_DEPTH}")
        if not 1 <= self.max_text <= LIBXML_MAX_TEXT:
            raise ValueError(f"Limits.max_text must be between 1 and {LIBXML_MAX_TEXT}")
        if self.max_attributes < 1:
            raise ValueError("Limits.max_attributes must be at least 1")
        if self.max_elements < 1:
            raise ValueError("Limits.max_elements must be at least 1")
        if self.max_children < 1:
            raise ValueError("Limits.max_children must be at least 1")


DEFAULT_LIMITS = Limits()
