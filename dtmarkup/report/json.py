"""JSON report: exactly one object, as docs/json-report.md documents."""

from __future__ import annotations

import json
from collections.abc import Sequence

from dtmarkup.diagnostics import Report
from dtmarkup.escape import json_inert
from dtmarkup.report import Summary
from dtmarkup.version import __version__


def to_data(reports: Sequence[Report], summary: Summary | None = None) -> dict[str, object]:
    return {
        "tool": "dtmarkup",
        "version": __version__,
        "summary": (summary or Summary.of(reports)).to_dict(),
        "files": [
            {
                "path": r.path,
                "valid": r.valid,
                "diagnostics": [d.to_dict() for d in r.diagnostics],
            }
            for r in reports
        ],
    }


def render(reports: Sequence[Report], summary: Summary | None = None) -> str:
    return json_inert(json.dumps(to_data(reports, summary), ensure_ascii=False, indent=2)) + "\n"
