"""JSON report: exactly one object, as DESIGN §5 specifies."""

from __future__ import annotations

import json
from collections.abc import Sequence

from dtmarkup import __version__
from dtmarkup.diagnostics import Report
from dtmarkup.report import Summary


def to_data(reports: Sequence[Report]) -> dict[str, object]:
    return {
        "tool": "dtmarkup",
        "version": __version__,
        "summary": Summary.of(reports).to_dict(),
        "files": [
            {
                "path": r.path,
                "valid": r.valid,
                "diagnostics": [d.to_dict() for d in r.diagnostics],
            }
            for r in reports
        ],
    }


def render(reports: Sequence[Report]) -> str:
    return json.dumps(to_data(reports), ensure_ascii=False, indent=2) + "\n"
