"""Checking ONE document: the input gate, then the schema (DT1xx), then the editorial rules
(DT2xx). Knows nothing of files, collections, processes or jobs (that is dtmarkup.run).

Rules run only on schema-valid documents: on a document whose structure is wrong they
would report noise that hides the real problem.
"""

from __future__ import annotations

from lxml import etree

from dtmarkup.check import rules as rules_layer
from dtmarkup.check import xsd
from dtmarkup.diagnostics import Diagnostic, Report, sort_key
from dtmarkup.sources.limits import DEFAULT_LIMITS, Limits
from dtmarkup.xml.gate import InputRejected, parse_bytes

__all__ = ["check_bytes", "validate_tree"]


def check_bytes(
    data: bytes, path: str, *, rules: bool = True, limits: Limits = DEFAULT_LIMITS
) -> Report:
    """Check one document already read into memory: gate, schema, rules."""
    try:
        tree = parse_bytes(data, limits)
    except InputRejected as exc:
        return Report(path, exc.diagnostics)
    return validate_tree(tree, path, rules=rules, data=data)


def _suppress_and_fix(
    tree: etree._ElementTree, data: bytes, findings: list[Diagnostic], *, rules_ran: bool
) -> list[Diagnostic]:
    """Inline suppressions (dtmarkup.check.suppressions), then fixes (dtmarkup.check.fixes).

    A document with nothing left to report never loads the fixers (start-up time)."""
    from dtmarkup.check import suppressions

    kept = suppressions.apply(data, findings, rules_ran=rules_ran)
    if not kept:
        return kept
    from dtmarkup.check.fixes import attach

    return attach(tree, data, kept)


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
