"""Validation: the input gate, then the schema (DT1xx), then the editorial rules (DT2xx).

Rules run only on schema-valid documents: on a document whose structure is wrong they
would report noise that hides the real problem.
"""

from __future__ import annotations

import os

from lxml import etree

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic, Report, sort_key
from dtmarkup.errors import UnreadableInputError
from dtmarkup.validate import rules as rules_layer
from dtmarkup.validate import xsd
from dtmarkup.xml.parse import (
    DEFAULT_LIMITS,
    InputRejected,
    Limits,
    Source,
    parse_bytes,
    read_source,
    source_name,
)

__all__ = ["validate", "validate_bytes", "validate_tree"]


def validate(
    source: Source,
    *,
    rules: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
    jobs: int = 1,
) -> Report:
    """Check one document: a path, bytes or a binary file object. Never raises for bad input.

    A ``<collection>`` is checked article by article (dtmarkup.stream), read as a stream
    when it is larger than one document may be.

    Arguments:
        rules: run the editorial rules after the schema.
        name: how to call the document in the report (defaults to its path).
        jobs: worker processes for a large collection.
    """
    path = name or source_name(source)
    if isinstance(source, str | os.PathLike) and _over_the_cap(source, limits):
        from dtmarkup import stream  # only when a collection may turn up: start-up time

        if stream.is_collection_file(source):
            return stream.validate_collection(source, path, rules=rules, limits=limits, jobs=jobs)
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
        from dtmarkup import stream  # only when a collection may turn up: start-up time

        if stream.is_collection(data):
            return stream.validate_collection(data, path, rules=rules, limits=limits, jobs=jobs)
    try:
        tree = parse_bytes(data, limits)
    except InputRejected as exc:
        return Report(path, exc.diagnostics)
    return validate_tree(tree, path, rules=rules, data=data)


def _may_be_collection(data: bytes) -> bool:
    """A cheap pre-check: the word near the start, or UTF-16 (looked at closely then)."""
    return data.find(b"collection", 0, 65536) >= 0 or data.startswith(
        (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
    )


def _over_the_cap(path: str | os.PathLike[str], limits: Limits) -> bool:
    """Larger than one document may be: only a collection can be, read as a stream."""
    try:
        return os.stat(path).st_size > limits.max_bytes
    except OSError:
        return False  # read_source reports it


def _suppress_and_fix(
    tree: etree._ElementTree, data: bytes, findings: list[Diagnostic], *, rules_ran: bool
) -> list[Diagnostic]:
    """Inline suppressions (dtmarkup.suppressions), then fixes (dtmarkup.fix)."""
    from dtmarkup import suppressions
    from dtmarkup.fix.fixers import attach

    return attach(tree, data, suppressions.apply(data, findings, rules_ran=rules_ran))


def validate_tree(
    tree: etree._ElementTree, path: str, *, rules: bool = True, data: bytes | None = None
) -> Report:
    """Check a parsed tree (from the input gate); ``data`` lets findings carry columns."""
    findings = xsd.check_schema(tree, data)
    schema_valid = not findings
    if schema_valid and rules:
        findings = rules_layer.check_rules(tree, data)
    if data is not None:
        findings = _suppress_and_fix(tree, data, findings, rules_ran=schema_valid and rules)
    article_id = tree.getroot().get("id")
    return Report(
        path,
        tuple(sorted(findings, key=sort_key)),
        schema_valid=schema_valid,
        article_ids=(article_id,) if article_id else (),
    )
