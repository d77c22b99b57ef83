"""dtmarkup XML as a format: ``load`` (validated XML -> Article) and ``dump`` (Article -> XML).

Reading always goes through the input gate and the validator: an invalid document is
refused with its findings (InvalidDocumentError), never half-read.
"""

from __future__ import annotations

from dtmarkup import model as m
from dtmarkup.diagnostics import Severity
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats.base import ReadResult, WriteResult
from dtmarkup.xml.build import build
from dtmarkup.xml.gate import InputRejected, Source, parse_bytes, read_source, source_name
from dtmarkup.xml.serialize import serialize


def read(data: bytes, name: str = "<bytes>", *, rules: bool = True) -> ReadResult:
    """Parse, validate and build; warnings from the rules come back with the article."""
    from dtmarkup.check import validate_tree  # the validator imports the model's neighbours

    try:
        tree = parse_bytes(data)
    except InputRejected as exc:
        raise InvalidDocumentError(
            f"{name}: not a readable dtmarkup document", exc.diagnostics
        ) from None
    report = validate_tree(tree, name, rules=rules, data=data)
    if not report.valid:
        errors = tuple(d for d in report.diagnostics if d.severity is Severity.ERROR)
        raise InvalidDocumentError(
            f"{name}: invalid dtmarkup document ({len(errors)} error(s))", report.diagnostics
        )
    with m.deep_recursion():
        return ReadResult(build(tree), report.diagnostics)


def load(source: Source, *, rules: bool = True) -> m.Article:
    """The Article in a dtmarkup document: a path, bytes or a binary file object.

    Raises:
        InvalidDocumentError: the document is not well-formed or not valid; its
            ``diagnostics`` hold the findings.
        UnreadableInputError: a path could not be opened.
    """
    name = source_name(source)
    try:
        data = read_source(source)
    except InputRejected as exc:
        raise InvalidDocumentError(f"{name}: input refused", exc.diagnostics) from None
    return read(data, name, rules=rules).article


def write(article: m.Article) -> WriteResult:
    """dtmarkup XML carries everything the model holds: no findings."""
    with m.deep_recursion():
        return WriteResult(serialize(article))


def dump(article: m.Article) -> bytes:
    """The article as a UTF-8 dtmarkup XML document."""
    with m.deep_recursion():
        return serialize(article)


def sniff(data: bytes) -> bool:
    """XML whose first element is in the dtmarkup namespace."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"urn:dtmarkup:1" in head
