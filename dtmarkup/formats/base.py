"""What a format module provides: the reader and writer contracts and their results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dtmarkup.diagnostics import Diagnostic
from dtmarkup.model import Article


@dataclass(frozen=True, slots=True)
class ReadResult:
    """An article read from some format, with what the reader noticed (DT3xx warnings)."""

    article: Article
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class WriteResult:
    """An article written to some format, with what the writer could not carry (DT3xx)."""

    data: bytes
    diagnostics: tuple[Diagnostic, ...] = ()


Reader = Callable[[bytes, str], ReadResult]
"""``read(data, name) -> ReadResult``. ``name`` names the input in findings. A reader
raises ``dtmarkup.errors.InvalidDocumentError`` (with diagnostics) when the input cannot
become an article."""

Writer = Callable[[Article], WriteResult]
"""``write(article) -> WriteResult``."""

Sniffer = Callable[[bytes], bool]
"""``sniff(data) -> bool``: whether ``data`` looks like this format (first bytes only)."""
