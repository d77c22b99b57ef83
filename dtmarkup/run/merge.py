"""A ``<collection>`` checked article by article, and its findings merged into one Report.

sources.collection scans the collection into one Document per article; each is checked
as a document of its own (in this process, or in the process pool for a large collection
with jobs > 1: runners are loaded by name, run.plan.runner); its findings are placed in
the collection (lines, columns and XPaths shifted to where the article sits, its Origin);
and the collection gets one Report."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from functools import partial
from typing import BinaryIO

from dtmarkup.check import check_bytes
from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic, Report, Severity, sort_key
from dtmarkup.run import plan
from dtmarkup.sources import Document, Origin
from dtmarkup.sources.collection import Scan
from dtmarkup.sources.limits import DEFAULT_LIMITS, Limits

__all__ = ["check_article", "collection_report", "place", "validate_collection"]


def place(findings: Iterable[Diagnostic], origin: Origin) -> list[Diagnostic]:
    """An article's findings, placed in its collection."""
    found = []
    for finding in findings:
        column = finding.column
        if finding.line == 1 and column is not None:
            if column > origin.shift + origin.at + 1:
                column -= origin.injected
            column = column - origin.shift + origin.lead
        found.append(
            dataclasses.replace(
                finding,
                line=finding.line + origin.line - 1 if finding.line is not None else origin.line,
                column=column,
                xpath=_place(finding.xpath, origin.xpath),
                fixes=(),  # their offsets are the article's: `dtmarkup fix` skips collections
            )
        )
    return found


def _place(xpath: str | None, where: str) -> str:
    """``/article/body/p[2]`` -> ``/collection/article[@id='x']/body/p[2]``."""
    if not xpath:
        return where
    if xpath == "/article" or xpath.startswith("/article/"):
        return where + xpath[len("/article") :]
    return where + xpath


def collection_report(
    name: str, findings: Iterable[Diagnostic], article_ids: tuple[str, ...]
) -> Report:
    """One report for a whole collection: the scanner's findings and its articles'."""
    ordered = sorted(findings, key=sort_key)
    return Report(
        name,
        tuple(ordered),
        schema_valid=not any(
            d.code.startswith(("DT0", "DT1")) and d.severity is Severity.ERROR for d in ordered
        ),
        article_ids=article_ids,
    )


def validate_collection(
    source: bytes | str | os.PathLike[str] | BinaryIO,
    name: str,
    *,
    rules: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int = 1,
) -> Report:
    """Check a collection (its bytes, or a path read as a stream), article by article.

    With ``jobs > 1`` and a large collection, this process cuts the articles and worker
    processes check them; the report is the same.
    """
    if isinstance(source, bytes):
        return _validate(source, len(source), name, rules, limits, jobs)
    if not isinstance(source, str | os.PathLike):  # an open regular file, found by a walk
        try:
            size = os.fstat(source.fileno()).st_size
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            return Report(name, (diagnostic("DT002", f"cannot read input: {reason}"),), False)
        return _validate(source, size, name, rules, limits, jobs)
    try:
        size = os.stat(source).st_size
        with open(source, "rb") as handle:
            return _validate(handle, size, name, rules, limits, jobs)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return Report(name, (diagnostic("DT002", f"cannot read input: {reason}"),), readable=False)


def check_article(document: Document, *, rules: bool, limits: Limits) -> list[Diagnostic]:
    """One article's findings, placed in its collection."""
    report = check_bytes(document.data, document.name, rules=rules, limits=limits)
    if document.origin is None:
        return list(report.diagnostics)
    return place(report.diagnostics, document.origin)


def _validate(
    source: bytes | BinaryIO, size: int, name: str, rules: bool, limits: Limits, jobs: int
) -> Report:
    scan = Scan(source, name, limits)
    check = partial(check_article, rules=rules, limits=limits)
    workers = plan.collection_workers(size, jobs, plan.default_jobs())
    found: Iterable[list[Diagnostic]]
    if workers <= 1:
        found = plan.runner("serial")(scan, check)
    else:
        found = plan.runner("pool")(
            scan,
            check,
            jobs=workers,
            options=plan.Options(rules=rules, jobs=1),
            batches=partial(plan.chunks_by_size, size=_size),
        )
    articles = list(_flatten(found))
    return collection_report(name, scan.diagnostics + articles, scan.article_ids)


def _flatten(found: Iterable[list[Diagnostic]]) -> Iterator[Diagnostic]:
    for findings in found:
        yield from findings


def _size(document: Document) -> int:
    return len(document.data)
