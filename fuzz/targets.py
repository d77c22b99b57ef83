"""What a fuzz input is put through, and what counts as a failure.

``exercise(data)`` runs one input through the gate, the validator and the dtmarkup XML
reader and writers, in process. It returns a short outcome label, or raises:
- ``PropertyViolation`` when a documented promise is broken (the gate and the validator
  disagree, a finding is not typed, an article read back does not validate again);
- anything else when a library call raised an exception it does not document.
"""

from __future__ import annotations

import dtmarkup
from dtmarkup.codes import CODES
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats import dtm
from dtmarkup.formats import json as json_format
from dtmarkup.xml.gate import InputRejected, parse_bytes


class PropertyViolation(AssertionError):
    """A documented promise of the library was broken by one input."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PropertyViolation(message)


def exercise(data: bytes) -> str:
    """Run ``data`` through the library; the outcome: rejected, invalid, read or valid."""
    # 1. The gate raises InputRejected with typed DT0xx findings, or returns a tree.
    gate_codes: set[str] | None = None
    try:
        parse_bytes(data)
    except InputRejected as exc:
        _require(bool(exc.diagnostics), "InputRejected without findings")
        gate_codes = {d.code for d in exc.diagnostics}
        _require(all(c.startswith("DT0") and c in CODES for c in gate_codes), f"{gate_codes}")

    # 2. validate never raises for bad input; a gate refusal is the whole report.
    report = dtmarkup.validate(data)
    _require(all(d.code in CODES for d in report.diagnostics), "undocumented code")
    if gate_codes is not None:
        _require(report.codes() == gate_codes, f"gate {gate_codes} != report {report.codes()}")
        _require(not report.valid, "refused at the gate but reported valid")
        return "rejected"

    # 3. The reader refuses exactly the invalid documents, with InvalidDocumentError.
    try:
        result = dtm.read(data, "fuzz")
    except InvalidDocumentError as exc:
        _require(not report.valid, "valid document refused by the reader")
        _require(bool(exc.diagnostics), "InvalidDocumentError without findings")
        return "invalid"
    _require(report.valid, f"invalid document read: {sorted(report.codes())}")

    # 4. What was read can be written, and its dtmarkup XML is valid again.
    json_format.write(result.article)
    again = dtmarkup.validate(dtm.write(result.article).data)
    _require(again.valid, f"re-serialized article is invalid: {sorted(again.codes())}")
    return "valid"
