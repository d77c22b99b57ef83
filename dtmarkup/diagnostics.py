"""Findings about a document, and the report that gathers them.

A Diagnostic is a value, never an exception: everything found about a document is
reported this way, so that one run can say all that is wrong at once.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from dtmarkup.escape import printable


class Severity(enum.StrEnum):
    """How bad a finding is. Only errors make a document invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the original bytes ``start:end`` of a document with ``replacement``.

    Offsets count bytes of the document as read (a byte order mark included); line and
    column (1-based, in characters) say the same place for people and editors.
    """

    start: int
    end: int
    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "endLine": self.end_line,
            "endColumn": self.end_column,
            "replacement": self.replacement,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """How to repair one finding: edits that never overlap, and whether that is certain.

    A safe fix keeps the author's intent beyond doubt and is applied by ``dtmarkup fix``;
    an unsafe one needs a person's look and is applied only with ``--unsafe-fixes``.
    """

    message: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def to_dict(self) -> dict[str, object]:
        return {
            "message": self.message,
            "safety": "safe" if self.safe else "unsafe",
            "edits": [edit.to_dict() for edit in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: a stable code, where it is and what to do about it."""

    code: str
    """Stable code from the code table, e.g. ``DT108``."""
    severity: Severity
    message: str
    """What is wrong, naming the offending value."""
    line: int | None = None
    column: int | None = None
    xpath: str | None = None
    """A readable path to the element, e.g. ``/article/body/blockquote[2]``."""
    source: str = "xsd"
    """The layer that found it: input, xsd, rules, convert or render."""
    hint: str | None = None
    """How to fix it, when the message alone does not say."""
    fixes: tuple[Fix, ...] = ()
    """Edits of the source that repair the finding (see dtmarkup.fix)."""

    def format(self, path: str) -> str:
        """THE one-line form of a finding, as the text report and standard error show it:
        ``path:line:column: CODE severity: message [xpath]``, ``path:line: …`` without a
        column, ``path: …`` for a finding about the whole file. Every string that may come
        from outside (the path, a message quoting the document) is made printable."""
        shown = printable(path)
        if self.line:
            shown += f":{self.line}" + (f":{self.column}" if self.column else "")
        return f"{shown}: {self._body()}"

    def __str__(self) -> str:
        """``line:column: CODE severity: message [xpath]``; format(path) adds the path."""
        if not self.line:
            return self._body()
        place = f"{self.line}:{self.column}" if self.column else f"{self.line}"
        return f"{place}: {self._body()}"

    def _body(self) -> str:
        where = f" [{printable(self.xpath)}]" if self.xpath else ""
        return f"{self.code} {self.severity}: {printable(self.message)}{where}"

    def to_dict(self) -> dict[str, object]:
        """The JSON report's form of a finding (docs/json-report.md)."""
        data: dict[str, object] = {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "xpath": self.xpath,
            "source": self.source,
        }
        if self.hint:
            data["hint"] = self.hint
        data["fixes"] = [fix.to_dict() for fix in self.fixes]
        return data


@dataclass(frozen=True, slots=True)
class Report:
    """All findings about one document."""

    path: str
    """The document's name as the user gave it (``-`` for standard input)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    readable: bool = True
    """False when the input could not be read at all (missing file, permission...)."""
    schema_valid: bool | None = None
    """Whether the XSD layer passed; None when it did not run."""
    article_ids: tuple[str, ...] = field(default=())
    digest: str | None = None
    """SHA-256 of the bytes checked, when findings point at lines: a report that quotes
    source lines (HTML) quotes them only from these very bytes."""

    @property
    def valid(self) -> bool:
        """A document is valid when it was read and has no error-level finding."""
        return self.readable and not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def codes(self) -> set[str]:
        """The set of codes found, handy in tests and scripts."""
        return {d.code for d in self.diagnostics}

    def filtered(self, keep: Iterable[Diagnostic]) -> Report:
        """A copy of this report holding only ``keep``."""
        return Report(
            self.path, tuple(keep), self.readable, self.schema_valid, self.article_ids, self.digest
        )


def sort_key(diagnostic: Diagnostic) -> tuple[int, int, str]:
    """Document order, then code: the order findings are shown in."""
    return (diagnostic.line or 0, diagnostic.column or 0, diagnostic.code)
