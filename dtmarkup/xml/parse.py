"""The input gate: bytes in, a parsed tree or DT0xx findings out.

Every command and library entry point reads documents through here (DESIGN §7). We read
the bytes ourselves (lxml is never handed a path or URL: it would follow it, and silently
un-gzip), cap the size, and parse with entity resolution, DTD loading, network access and
recovery all off. Any DOCTYPE is refused: dtmarkup never needs one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import DtmError, UnreadableInputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Source = str | os.PathLike[str] | bytes | BinaryIO


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost. Defaults suit real articles with a wide margin."""

    max_bytes: int = DEFAULT_MAX_BYTES


DEFAULT_LIMITS = Limits()


class InputRejected(DtmError, ValueError):
    """The document was refused at the gate; ``diagnostics`` holds the DT0xx findings."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__("; ".join(f"{d.code} {d.message}" for d in diagnostics))
        self.diagnostics = diagnostics


def source_name(source: Source) -> str:
    """How to name a source in a report."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    if isinstance(source, bytes):
        return "<bytes>"
    return str(getattr(source, "name", "<stream>"))


def read_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The raw bytes of ``source``, at most ``limits.max_bytes`` of them.

    Raises UnreadableInputError when a path cannot be opened, InputRejected (DT005) when
    the input is over the size limit.
    """
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as handle:
                data = handle.read(limits.max_bytes + 1)
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise UnreadableInputError(f"{os.fspath(source)}: {reason}") from exc
    else:
        data = source.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise InputRejected(
            (
                diagnostic(
                    "DT005",
                    f"document is larger than the limit of {limits.max_bytes} bytes",
                    line=1,
                    column=1,
                ),
            )
        )
    return data


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
        remove_blank_text=False,
        collect_ids=False,
    )


def parse_bytes(data: bytes, limits: Limits = DEFAULT_LIMITS) -> etree._ElementTree:
    """Parse ``data`` as a dtmarkup input, or raise InputRejected with DT0xx findings."""
    if len(data) > limits.max_bytes:
        raise InputRejected(
            (diagnostic("DT005", f"document is larger than {limits.max_bytes} bytes"),)
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputRejected((_syntax_diagnostic(exc),)) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputRejected(
            (
                diagnostic(
                    "DT003",
                    "the document has a DOCTYPE declaration; dtmarkup documents must not",
                    line=1,
                    column=1,
                ),
            )
        )
    return tree


def _syntax_diagnostic(exc: etree.XMLSyntaxError) -> Diagnostic:
    line, column = exc.position if exc.position else (exc.lineno or 1, 1)
    message = (exc.msg or str(exc)).strip()
    # libxml2 appends ", line N, column M" to its message: the location has its own fields.
    message = message.split(", line ")[0]
    if "Entity '" in message and "not defined" in message:
        return diagnostic("DT004", message, line=line, column=column)
    if "DOCTYPE" in message or "DTD" in message:
        return diagnostic("DT003", message, line=line, column=column)
    if "encoding" in message.lower() or "Input is not proper UTF-8" in message:
        return diagnostic("DT006", message, line=line, column=column)
    return diagnostic("DT001", f"not well-formed: {message}", line=line, column=column)
