"""Exceptions, for when dtmarkup cannot go on at all.

Findings about a document are Diagnostics, not exceptions. These are raised only when
there is nothing to report on: the schema cannot be loaded, a format is unknown, or a
library caller asked for an article and the document is invalid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dtmarkup.diagnostics import Diagnostic


class DtmError(Exception):
    """Base of every exception dtmarkup raises on purpose."""


class SchemaLoadError(DtmError, RuntimeError):
    """The bundled schema or rules could not be loaded (CLI exit 3)."""


class UnknownFormatError(DtmError, ValueError):
    """A conversion or rendering format name that dtmarkup does not know (CLI exit 2)."""


class InvalidDocumentError(DtmError, ValueError):
    """A document was refused; ``diagnostics`` says why."""

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics

    def __str__(self) -> str:
        lines = [super().__str__()]
        lines += [
            f"  {d.line or 0}:{d.column or 0}: {d.code} {d.message}" for d in self.diagnostics
        ]
        return "\n".join(lines)


class UnreadableInputError(DtmError, OSError):
    """The input could not be read at all (CLI exit 4)."""
