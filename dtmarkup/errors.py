"""Exceptions, for when dtmarkup cannot go on at all. Every public one lives here.

Findings about a document are Diagnostics, not exceptions. These are raised only when
there is nothing to report on: the schema cannot be loaded, a format is unknown, an input
cannot be read, an output is refused, a config or baseline file cannot be used, or a
library caller asked for an article and the document is invalid.

Each class carries the exit status the CLI gives it (``exit_code``) and, where there is
one, its DT code (``code``); ``dtmarkup.cli`` has the one handler that turns an escaping
DtmError into a message on standard error and that exit status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from dtmarkup.diagnostics import Diagnostic

__all__ = [
    "BaselineError",
    "ConfigError",
    "DtmError",
    "InputRejected",
    "InvalidDocumentError",
    "OutputError",
    "OutputRefused",
    "OutputWriteError",
    "SchemaLoadError",
    "TemplateError",
    "UnknownFormatError",
    "UnreadableInputError",
    "UsageError",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_SCHEMA = 3
EXIT_UNREADABLE = 4
EXIT_INTERNAL = 70


class DtmError(Exception):
    """Base of every exception dtmarkup raises on purpose."""

    exit_code: ClassVar[int] = EXIT_INTERNAL
    code: str | None = None
    """The DT code of the refusal, when it has one (shown as ``CODE error:``)."""
    subject: str | None = None
    """The file the message is about, when it names one (shown first)."""
    quiet: ClassVar[bool] = False
    """The findings (``diagnostics``) say it all: the CLI prints no message line after them."""

    def __init__(self, *args: object, code: str | None = None, subject: str | None = None):
        super().__init__(*args)
        if code is not None:
            self.code = code
        if subject is not None:
            self.subject = subject


class UsageError(DtmError, ValueError):
    """The command, its flags or the files it was given cannot be used (CLI exit 2)."""

    exit_code = EXIT_USAGE


class SchemaLoadError(DtmError, RuntimeError):
    """The bundled schema or rules could not be loaded (CLI exit 3)."""

    exit_code = EXIT_SCHEMA


class UnknownFormatError(UsageError):
    """A conversion or rendering format name that dtmarkup does not know (CLI exit 2)."""


class InvalidDocumentError(DtmError, ValueError):
    """A document was refused; ``diagnostics`` says why (CLI exit 1)."""

    exit_code = EXIT_INVALID

    def __init__(
        self, message: str, diagnostics: tuple[Diagnostic, ...] = (), source: str | None = None
    ) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics
        self.source = source
        """The document the findings are about, as the user named it (their path)."""

    def __str__(self) -> str:
        lines = [super().__str__()]
        lines += [
            f"  {d.line or 0}:{d.column or 0}: {d.code} {d.message}" for d in self.diagnostics
        ]
        return "\n".join(lines)


class InputRejected(DtmError, ValueError):
    """The document was refused at the gate; ``diagnostics`` holds the DT0xx findings
    (CLI exit 1)."""

    exit_code = EXIT_INVALID
    quiet = True

    def __init__(self, diagnostics: tuple[Diagnostic, ...], source: str | None = None) -> None:
        super().__init__("; ".join(f"{d.code} {d.message}" for d in diagnostics))
        self.diagnostics = diagnostics
        self.source = source
        """The document refused, as the user named it."""


class TemplateError(DtmError):
    """A user's HTML template is missing, broken or fails (DT403, CLI exit 1)."""

    exit_code = EXIT_INVALID
    code = "DT403"


class UnreadableInputError(DtmError, OSError):
    """The input could not be read at all (CLI exit 4)."""

    exit_code = EXIT_UNREADABLE


class OutputError(DtmError):
    """An output file was not written. ``code`` is its DT02x code; nothing was changed."""

    def __init__(self, code: str, message: str, subject: str | None = None) -> None:
        super().__init__(message, code=code, subject=subject)


class OutputRefused(OutputError, UsageError):
    """Writing was refused on purpose: the target is an input (DT020), exists (DT021) or
    is a pipe or device that is not ready (DT023). CLI exit 2: the command must change."""


class OutputWriteError(OutputError, OSError):
    """The operating system could not write the output (DT022, CLI exit 4)."""

    exit_code = EXIT_UNREADABLE


class ConfigError(UsageError):
    """The configuration file cannot be used (DT024, CLI exit 2). The message names the
    file and the key."""

    code = "DT024"


class BaselineError(UsageError):
    """A baseline file that cannot be read or is not a dtmarkup baseline (DT025, CLI
    exit 2)."""

    code = "DT025"
