"""The registry of conversion formats: name -> module with ``read``/``write``/``sniff``.

Built-in formats are a literal table (no registration by import side effects); a module
is imported only when its format is used. To add a format, write
``dtmarkup/formats/<name>.py`` defining any of

    def read(data: bytes, name: str) -> ReadResult: ...
    def write(article: Article) -> WriteResult: ...
    def sniff(data: bytes) -> bool: ...      # content detection among same-extension formats

and add one ``Format(...)`` entry to ``FORMATS`` below.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from types import ModuleType
from typing import cast

from dtmarkup.errors import UnknownFormatError
from dtmarkup.formats.base import Reader, ReadResult, Sniffer, Writer, WriteResult

__all__ = [
    "FORMATS",
    "Format",
    "ReadResult",
    "WriteResult",
    "detect",
    "get",
    "readable",
    "writable",
]


@dataclass(frozen=True, slots=True)
class Format:
    """One conversion format."""

    name: str
    """The id used on the command line (``--to``/``--from``)."""
    module: str
    """The module that writes it (or does both), imported on first use."""
    title: str
    extensions: tuple[str, ...]
    """File name endings, with the dot, most usual first (``.xml``)."""
    media_type: str
    read_module: str | None = None
    """The module that reads it, when not ``module`` (importers live in formats.read)."""

    def _module(self) -> ModuleType:
        return importlib.import_module(self.module)

    def _reading_module(self) -> ModuleType:
        return importlib.import_module(self.read_module or self.module)

    @property
    def can_read(self) -> bool:
        return hasattr(self._reading_module(), "read")

    @property
    def can_write(self) -> bool:
        return hasattr(self._module(), "write")

    def reader(self) -> Reader:
        module = self._reading_module()
        if not hasattr(module, "read"):
            raise UnknownFormatError(f"format {self.name!r} cannot be read, only written")
        return cast("Reader", module.read)

    def writer(self) -> Writer:
        module = self._module()
        if not hasattr(module, "write"):
            raise UnknownFormatError(f"format {self.name!r} cannot be written, only read")
        return cast("Writer", module.write)

    def sniff(self, data: bytes) -> bool:
        sniffer = getattr(self._reading_module(), "sniff", None)
        return bool(sniffer is not None and cast("Sniffer", sniffer)(data))


FORMATS: dict[str, Format] = {
    "dtm": Format(
        "dtm", "dtmarkup.formats.dtm", "dtmarkup XML", (".xml", ".dtm"), "application/xml"
    ),
    "json": Format(
        "json", "dtmarkup.formats.json", "dtmarkup JSON", (".json",), "application/json"
    ),
    "nitf": Format(
        "nitf",
        "dtmarkup.formats.write.nitf",
        "NITF 3.6",
        (".xml", ".nitf"),
        "application/nitf+xml",
        read_module="dtmarkup.formats.read.nitf",
    ),
    "newsml": Format(
        "newsml",
        "dtmarkup.formats.write.newsml",
        "NewsML-G2 2.35",
        (".xml",),
        "application/vnd.iptc.g2.newsitem+xml",
        read_module="dtmarkup.formats.read.newsml",
    ),
    "ninjs": Format(
        "ninjs",
        "dtmarkup.formats.write.ninjs",
        "ninjs 3.1",
        (".json",),
        "application/ninjs+json",
        read_module="dtmarkup.formats.read.ninjs",
    ),
    "newsml-package": Format(
        "newsml-package",
        "dtmarkup.formats.write.newsml_package",
        "NewsML-G2 2.35 package (text and picture items)",
        (".xml",),
        "application/vnd.iptc.g2.newsmessage+xml",
        read_module="dtmarkup.formats.read.newsml",  # a package reads like any newsMessage
    ),
    "text": Format(
        "text", "dtmarkup.formats.read.text", "plain wire text", (".txt", ".text"), "text/plain"
    ),
}


def get(name: str) -> Format:
    """The format called ``name``; UnknownFormatError lists the known ones."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnknownFormatError(f"unknown format {name!r}; known formats: {known}") from None


def readable() -> tuple[str, ...]:
    """Names of the formats that can be read."""
    return tuple(name for name, fmt in FORMATS.items() if fmt.can_read)


def writable() -> tuple[str, ...]:
    """Names of the formats that can be written."""
    return tuple(name for name, fmt in FORMATS.items() if fmt.can_write)


def detect(path: str | os.PathLike[str] | None, data: bytes) -> Format:
    """The format of an input, from its content, its file name ending as a tie-breaker.

    Every readable format's ``sniff`` is asked; when several say yes, the one whose
    extension matches wins, then the first in the table. UnknownFormatError when none does.
    """
    suffix = os.path.splitext(os.fspath(path))[1].lower() if path is not None else ""
    from dtmarkup.sources.sniff import head as document_head

    head = document_head(data, 8192)  # UTF-16 transcoded, so byte sniffers see the text
    readers = [fmt for fmt in FORMATS.values() if fmt.can_read]
    matches = [fmt for fmt in readers if fmt.sniff(head)]
    for fmt in matches:
        if suffix in fmt.extensions:
            return fmt
    if [fmt.name for fmt in matches] == ["text"] and any(
        suffix in fmt.extensions for fmt in readers
    ):
        # Plain text is the catch-all; a .xml or .json file that is not markup goes to its
        # own reader, which says why it is not (DT001...), instead of being marked up.
        matches = []
    if matches:
        return matches[0]
    for fmt in readers:
        if suffix in fmt.extensions:
            return fmt
    raise UnknownFormatError(
        "cannot tell the input format from its name or content; give --from "
        f"({', '.join(sorted(readable()))})"
    )
