"""SARIF 2.1.0 report: what GitHub code scanning and many editors and dashboards ingest.

One run; one rule descriptor per code found (title, rationale and fix from the code
table, so a reviewer sees why without leaving the alert); one result per finding with a
physical location (a path relative to the repository root, line and column, both at
least 1) and the element's XPath as a logical location. Every document checked is listed
in ``artifacts`` and the JSON report's counts are in ``run.properties.summary``.

``partialFingerprints`` is built like a baseline key (file, code, element path,
occurrence), so code scanning keeps tracking an alert when lines above it move.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from dtmarkup.codes import CODES, CodeInfo
from dtmarkup.diagnostics import Diagnostic, Fix, Report, Severity
from dtmarkup.escape import json_inert
from dtmarkup.report import Summary
from dtmarkup.report.paths import file_uri
from dtmarkup.version import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/dtmarkup/"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(reports: Sequence[Report], summary: Summary | None = None) -> str:
    text = json_inert(json.dumps(to_data(reports, summary), ensure_ascii=False, indent=2)) + "\n"
    # A file name that is not UTF-8 reaches us with surrogate escapes; SARIF is UTF-8.
    return _SURROGATE.sub(lambda m: f"\\\\x{ord(m.group()) & 0xFF:02x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_data(reports: Sequence[Report], summary: Summary | None = None) -> dict[str, object]:
    summary = summary or Summary.of(reports)
    codes = sorted({d.code for r in reports for d in r.diagnostics})
    rule_index = {code: i for i, code in enumerate(codes)}
    artifacts: list[dict[str, object]] = []
    artifact_index: dict[str, int] = {}
    results: list[dict[str, object]] = []
    for report in reports:
        location = _artifact_location(report.path)
        uri = str(location["uri"])
        if uri not in artifact_index:
            artifact_index[uri] = len(artifacts)
            artifacts.append({"location": location})
        location = {**location, "index": artifact_index[uri]}
        seen: Counter[tuple[str, str]] = Counter()
        for d in report.diagnostics:
            seen[(d.code, d.xpath or "")] += 1
            occurrence = seen[(d.code, d.xpath or "")]
            results.append(_result(d, rule_index[d.code], location, occurrence))
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "dtmarkup",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(code) for code in codes],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "artifacts": artifacts,
        "invocations": [{"executionSuccessful": True}],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": summary.to_dict()},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _artifact_location(path: str) -> dict[str, object]:
    uri, relative = file_uri(path)
    return {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}


def _result(
    d: Diagnostic, rule_index: int, location: dict[str, object], occurrence: int
) -> dict[str, object]:
    text = f"{d.message} [{d.xpath}]" if d.xpath else d.message
    result: dict[str, object] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": max(d.line or 1, 1),
                        "startColumn": max(d.column or 1, 1),
                    },
                },
                **(
                    {"logicalLocations": [{"fullyQualifiedName": d.xpath, "kind": "element"}]}
                    if d.xpath
                    else {}
                ),
            }
        ],
        "partialFingerprints": {
            "dtmarkupFinding/v1": _fingerprint(str(location["uri"]), d, occurrence)
        },
    }
    if d.hint:
        result["properties"] = {"hint": d.hint}
    if d.fixes:
        result["fixes"] = [_fix(fix, location) for fix in d.fixes]
    return result


def _fix(fix: Fix, location: dict[str, object]) -> dict[str, object]:
    """A SARIF fix: byte offsets in the original file, and the same place as lines."""
    return {
        "description": {"text": fix.message + ("" if fix.safe else " (unsafe)")},
        "artifactChanges": [
            {
                "artifactLocation": {k: v for k, v in location.items() if k != "index"},
                "replacements": [
                    {
                        "deletedRegion": {
                            "byteOffset": edit.start,
                            "byteLength": edit.end - edit.start,
                            "startLine": edit.line,
                            "startColumn": edit.column,
                            "endLine": edit.end_line,
                            "endColumn": edit.end_column,
                        },
                        "insertedContent": {"text": edit.replacement},
                    }
                    for edit in fix.edits
                ],
            }
        ],
        "properties": {"safety": "safe" if fix.safe else "unsafe"},
    }


def _fingerprint(uri: str, d: Diagnostic, occurrence: int) -> str:
    key = "\0".join((uri, d.code, d.xpath or "", str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _descriptor(code: str) -> dict[str, object]:
    info = CODES.get(code)
    if info is None:  # never expected: every finding is built from the table
        return {"id": code, "name": code, "shortDescription": {"text": code}}
    return {
        "id": code,
        "name": _name(info.title),
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.rationale},
        "help": {"text": _help_text(info), "markdown": _help_markdown(info)},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {"tags": ["dtmarkup", info.layer]},
    }


def _name(title: str) -> str:
    """``"Reference to an unknown entity"`` -> ``"reference-to-an-unknown-entity"``."""
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words)


def _help_text(info: CodeInfo) -> str:
    return f"{info.fix}\n\nExample:\n  {info.bad}\nFixed:\n  {info.good}"


def _help_markdown(info: CodeInfo) -> str:
    return (
        f"{info.rationale}\n\n**Fix:** {info.fix}\n\n"
        f"Example:\n\n{_fenced(info.bad)}\n\nFixed:\n\n{_fenced(info.good)}"
    )


def _fenced(code: str) -> str:
    """A fenced code block longer than any run of backticks inside ``code``."""
    longest = max((len(run) for run in code.split("\n") for run in _backtick_runs(run)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{code}\n{fence}"


def _backtick_runs(line: str) -> list[str]:
    runs: list[str] = []
    current = ""
    for char in line:
        if char == "`":
            current += char
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs
