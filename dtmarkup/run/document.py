"""One named document, whatever it holds: a ``<collection>`` is checked article by article
(sources.collection scans it, run.merge checks it), read as a stream when it is
larger than one document may be; anything else goes through the input gate and the check
whole. Also the unit of work every runner calls (check_item), and how
every worker checks its chunk (check_chunk)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from typing import BinaryIO, TypeVar

from dtmarkup.check import check_bytes
from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Report
from dtmarkup.errors import UnreadableInputError
from dtmarkup.run.plan import Options
from dtmarkup.sources import sniff
from dtmarkup.sources.files import Item, open_item, read_stdin
from dtmarkup.sources.limits import DEFAULT_LIMITS, Limits
from dtmarkup.xml.gate import InputRejected, Source, read_source, source_name

__all__ = ["check_chunk", "check_item", "validate", "validate_bytes"]

T = TypeVar("T")
R = TypeVar("R")


def validate(
    source: Source,
    *,
    rules: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
    jobs: int = 1,
) -> Report:
    """Check one document: a path, bytes or a binary file object. Never raises for bad input.

    A ``<collection>`` is checked article by article (dtmarkup.run.merge), read as a stream
    when it is larger than one document may be.

    Arguments:
        rules: run the editorial rules after the schema.
        name: how to call the document in the report (defaults to its path).
        jobs: worker processes for a large collection.
    """
    path = name or source_name(source)
    if not isinstance(source, bytes) and _over_the_cap(source, limits):
        # only when a collection may turn up: start-up time
        from dtmarkup.run.merge import validate_collection
        from dtmarkup.sources.collection import is_collection_file

        if is_collection_file(source):
            return validate_collection(source, path, rules=rules, limits=limits, jobs=jobs)
    try:
        data = read_source(source, limits)
    except UnreadableInputError as exc:
        return Report(path, (diagnostic("DT002", f"cannot read input: {exc}"),), readable=False)
    except InputRejected as exc:
        return Report(path, exc.diagnostics)
    return validate_bytes(data, path, rules=rules, limits=limits, jobs=jobs)


def validate_bytes(
    data: bytes,
    path: str,
    *,
    rules: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int = 1,
) -> Report:
    """Check a document already read into memory (a collection article by article)."""
    if _may_be_collection(data):
        # only when a collection may turn up: start-up time
        from dtmarkup.run.merge import validate_collection
        from dtmarkup.sources.collection import is_collection

        if is_collection(data):
            report = validate_collection(data, path, rules=rules, limits=limits, jobs=jobs)
            return _with_digest(report, data)
    return _with_digest(check_bytes(data, path, rules=rules, limits=limits), data)


def _with_digest(report: Report, data: bytes) -> Report:
    """What a report may quote (HTML): these bytes only, never the path read again."""
    if any(d.line for d in report.diagnostics):
        import hashlib  # only for reports with findings (start-up time)

        return replace(report, digest=hashlib.sha256(data).hexdigest())
    return report


def _may_be_collection(data: bytes) -> bool:
    """A cheap pre-check: the word near the start, or UTF-16 (looked at closely then)."""
    return data.find(b"collection", 0, 65536) >= 0 or sniff.utf16(data) is not None


def _over_the_cap(source: str | os.PathLike[str] | BinaryIO, limits: Limits) -> bool:
    """Larger than one document may be: only a collection can be, read as a stream.

    A file object counts only when it is an open regular file (it can be read again
    from its start); any other stream is read through the size cap."""
    try:
        if isinstance(source, str | os.PathLike):
            return os.stat(source).st_size > limits.max_bytes
        info = os.fstat(source.fileno())
        return stat.S_ISREG(info.st_mode) and info.st_size > limits.max_bytes and source.seekable()
    except (OSError, AttributeError, ValueError):
        return False  # read_source reports it


def check_item(item: Item, options: Options) -> Report:
    """Check one item; never raises for a bad document or a missing file.

    A document whose root is ``<collection>`` is checked article by article
    (dtmarkup.run.merge), whatever its size; any other goes through the input gate whole.
    """
    if item.missing:
        return Report(
            item.name,
            (diagnostic("DT002", f"no such file or directory: {item.name}"),),
            readable=False,
        )
    if item.unreadable is not None:
        return Report(
            item.name, (diagnostic("DT002", f"cannot read input: {item.unreadable}"),), False
        )
    if item.finding is not None:  # what a directory walk found instead of a document
        return Report(item.name, (item.finding,))
    if item.path is None:
        data = item.data if item.data is not None else read_stdin()
        report = validate_bytes(data, item.name, rules=options.rules, jobs=options.jobs)
    elif item.identity is not None:  # found by a walk: only the file the walk approved
        try:
            handle = open_item(item)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return Report(item.name, (diagnostic("DT002", f"cannot read input: {reason}"),), False)
        with handle:
            report = validate(handle, rules=options.rules, name=item.name, jobs=options.jobs)
    else:
        report = validate(item.path, rules=options.rules, name=item.name, jobs=options.jobs)
    return report


def check_chunk(check: Callable[[T], R], chunk: list[T]) -> list[R]:
    """A worker's task, whatever the runner: check consecutive documents, in order."""
    return [check(document) for document in chunk]
