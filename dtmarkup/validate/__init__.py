"""Validation: the input gate, then the schema (DT1xx), then the editorial rules (DT2xx).

Rules run only on schema-valid documents: on a document whose structure is wrong they
would report noise that hides the real problem.
"""

from __future__ import annotations

from lxml import etree

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Report, sort_key
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
) -> Report:
    """Check one document: a path, bytes or a binary file object. Never raises for bad input.

    Arguments:
        rules: run the editorial rules after the schema.
        name: how to call the document in the report (defaults to its path).
    """
    path = name or source_name(source)
    try:
        data = read_source(source, limits)
    except UnreadableInputError as exc:
        return Report(path, (diagnostic("DT002", f"cannot read input: {exc}"),), readable=False)
    except InputRejected as exc:
        return Report(path, exc.diagnostics)
    return validate_bytes(data, path, rules=rules, limits=limits)


def validate_bytes(
    data: bytes, path: str, *, rules: bool = True, limits: Limits = DEFAULT_LIMITS
) -> Report:
    """Check a document already read into memory."""
    try:
        tree = parse_bytes(data, limits)
    except InputRejected as exc:
        return Report(path, exc.diagnostics)
    return validate_tree(tree, path, rules=rules, data=data)


def validate_tree(
    tree: etree._ElementTree, path: str, *, rules: bool = True, data: bytes | None = None
) -> Report:
    """Check a parsed tree (from the input gate); ``data`` lets findings carry columns."""
    findings = xsd.check_schema(tree, data)
    schema_valid = not findings
    if schema_valid and rules:
        findings = rules_layer.check_rules(tree, data)
    article_id = tree.getroot().get("id")
    return Report(
        path,
        tuple(sorted(findings, key=sort_key)),
        schema_valid=schema_valid,
        article_ids=(article_id,) if article_id else (),
    )
