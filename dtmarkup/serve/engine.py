"""The service's one door into the engine: every internal name it uses is imported here.

The rest of ``dtmarkup.serve`` imports only this module (and the public packages), so a
change of the internal layout is one edit here. The functions below run in the worker
processes (``dtmarkup.serve.worker``); each returns an ``Answer``, a plain value the
worker sends back to the web process, with the HTTP status already decided:

- 200: a report (valid or not, the report says), a conversion or a rendering;
- 422: not a document we can read: its DT0xx findings (or the JSON form's DT301,
  DT302, DT306), in the CLI's JSON report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

# The names below that ARCHITECTURE.md §6 moves: check_code (config -> workspace.config),
# Selection/fails/parse_codes (selection -> workspace.selection), InputRejected and
# refuse_binary (xml.parse -> xml.gate / sources.sniff). The rest is public API.
from dtmarkup import __version__
from dtmarkup import formats as _formats
from dtmarkup import validate as _validate
from dtmarkup.codes import CODES, CodeInfo, diagnostic
from dtmarkup.diagnostics import Diagnostic, Report, Severity
from dtmarkup.errors import InvalidDocumentError, UnknownFormatError
from dtmarkup.formats import json as json_format
from dtmarkup.render import FORMATS as RENDER_FORMATS
from dtmarkup.render import render as _render
from dtmarkup.report.json import to_data
from dtmarkup.workspace.config import check_code
from dtmarkup.workspace.selection import Selection, fails, parse_codes
from dtmarkup.xml.gate import InputRejected, refuse_binary

__all__ = [
    "CODES",
    "RENDER_FORMATS",
    "Answer",
    "CodeInfo",
    "ConvertJob",
    "Job",
    "RenderJob",
    "ValidateJob",
    "__version__",
    "check_code",
    "diagnostic",
    "format_names",
    "parse_codes",
    "report_json",
    "run",
    "too_large",
    "warm_up",
]

UNREADABLE_JSON = frozenset({"DT301", "DT302", "DT306"})
"""The JSON form's "this is not a document": not JSON, duplicate keys, nested too deep."""

JSON_TYPE = "application/json"


@dataclass(frozen=True, slots=True)
class ValidateJob:
    """``POST /v1/validate``: the CLI's checks and its JSON report."""

    data: bytes
    kind: str
    """``xml`` or ``json``: how to read ``data``."""
    rules: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    name: str = "-"


@dataclass(frozen=True, slots=True)
class ConvertJob:
    """``POST /v1/convert``: read (``source`` or detected), write ``target``."""

    data: bytes
    target: str
    source: str | None = None
    declared: str | None = None
    """The body's media type, when the request gave one (a body declared XML is never
    read as plain text)."""


@dataclass(frozen=True, slots=True)
class RenderJob:
    """``POST /v1/render``: an article (dtmarkup XML or JSON) as HTML, Markdown or text."""

    data: bytes
    output_format: str
    fragment: bool = False
    declared: str | None = None
    """The body's media type, when the request gave one."""


Job = ValidateJob | ConvertJob | RenderJob


@dataclass(frozen=True, slots=True)
class Answer:
    """What a worker sends back: the HTTP response, decided, and what to count."""

    status: int
    media_type: str
    body: bytes
    outcome: str
    """For the metrics: valid, invalid, unreadable, converted, rendered, refused."""
    headers: dict[str, str] = field(default_factory=dict)


_WARM_UP = (
    b'<article xmlns="urn:dtmarkup:1" id="w" xml:lang="en" schemaVersion="1.0"><head>'
    b"<headline>w</headline></head><body/></article>"
)


def warm_up() -> None:
    """Compile the schema and the rules, and import the readers and renderers, once."""
    _validate(_WARM_UP, name="warm-up")
    for name in ("dtm", "json"):
        _formats.get(name).reader()
    from dtmarkup.render import html, markdown, text  # noqa: F401  (compiles the templates)


def format_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of the formats that can be read and those that can be written."""
    return _formats.readable(), _formats.writable()


def report_json(report: Report) -> bytes:
    """The CLI's ``--format json`` report of one document, byte for byte."""
    text = json.dumps(to_data([report]), ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8")


def _unreadable(diagnostics: tuple[Diagnostic, ...]) -> bool:
    return any(
        d.severity is Severity.ERROR and (d.source == "input" or d.code in UNREADABLE_JSON)
        for d in diagnostics
    )


def _validate_json(job: ValidateJob) -> Report:
    try:
        refuse_binary(job.data)
        result = json_format.read(job.data, job.name, rules=job.rules)
    except InputRejected as exc:
        return Report(job.name, exc.diagnostics)
    except InvalidDocumentError as exc:
        return Report(job.name, exc.diagnostics)
    return Report(job.name, result.diagnostics, schema_valid=True)


def validate(job: ValidateJob) -> Answer:
    """The report of one document (a collection is one document with many articles)."""
    if job.kind == "json":
        report = _validate_json(job)
    else:
        report = _validate(job.data, rules=job.rules, name=job.name)
    unreadable = _unreadable(report.diagnostics)
    kept = Selection(job.select, job.ignore).apply(report)
    verdict = "fail" if fails([kept], strict=job.strict) else "pass"
    outcome = "unreadable" if unreadable else "valid" if report.valid else "invalid"
    return Answer(
        422 if unreadable else 200,
        JSON_TYPE,
        report_json(kept),
        outcome,
        {"Dtmarkup-Verdict": verdict},
    )


def _refused(diagnostics: tuple[Diagnostic, ...]) -> Answer:
    """422 with the findings that stopped a conversion or a rendering."""
    return Answer(422, JSON_TYPE, report_json(Report("-", diagnostics)), "refused")


def _codes_header(*groups: tuple[Diagnostic, ...]) -> dict[str, str]:
    """What a reader, writer or renderer noticed, by code (never message text: it may
    quote the document)."""
    codes = sorted({d.code for group in groups for d in group})
    return {"Dtmarkup-Codes": ",".join(codes)} if codes else {}


def _reader(data: bytes, source: str | None, declared: str | None) -> _formats.Format:
    """The format named, else the one detected; a body declared XML or JSON is read as
    such (dtmarkup XML by default), never as plain text, whatever its bytes look like."""
    if source:
        return _formats.get(source)
    detected = _formats.detect(None, data)
    if declared is None or detected.name != "text" or declared.startswith("text/plain"):
        return detected
    json_declared = declared == "application/json" or declared.endswith("+json")
    return _formats.get("json" if json_declared else "dtm")


def _read(data: bytes, source: str | None, declared: str | None) -> _formats.ReadResult | Answer:
    try:
        refuse_binary(data)
        reader_format = _reader(data, source, declared)
        return reader_format.reader()(data, "-")
    except InputRejected as exc:
        return _refused(exc.diagnostics)
    except InvalidDocumentError as exc:
        return _refused(exc.diagnostics)
    except UnknownFormatError as exc:
        message = {"error": "unknown-format", "message": str(exc)}
        return Answer(422, JSON_TYPE, json.dumps(message).encode(), "refused")


def convert(job: ConvertJob) -> Answer:
    read = _read(job.data, job.source, job.declared)
    if isinstance(read, Answer):
        return read
    target = _formats.get(job.target)
    written = target.writer()(read.article)
    headers = _codes_header(read.diagnostics, written.diagnostics)
    return Answer(200, target.media_type, written.data, "converted", headers)


RENDER_TYPES = {
    "html": "text/html; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}


def render(job: RenderJob) -> Answer:
    read = _read(job.data, None, job.declared)
    if isinstance(read, Answer):
        return read
    rendering = _render(read.article, job.output_format, fragment=job.fragment)
    headers = _codes_header(read.diagnostics, rendering.diagnostics)
    body = rendering.text.encode("utf-8")
    return Answer(200, RENDER_TYPES[job.output_format], body, "rendered", headers)


def run(job: Job) -> Answer:
    """Do ``job``; bad documents become answers, never exceptions."""
    if isinstance(job, ValidateJob):
        return validate(job)
    if isinstance(job, ConvertJob):
        return convert(job)
    return render(job)


def too_large(limit: int, setting: str) -> bytes:
    """The 413 body: the limit, the setting that raises it, and DT005 as the CLI says it."""
    finding = diagnostic(
        "DT005",
        f"the request body is larger than the limit of {limit} bytes; nothing of it was "
        f"parsed (raise it with {setting})",
    )
    data = json.loads(report_json(Report("-", (finding,))))
    data["error"] = "too-large"
    data["limit"] = limit
    data["setting"] = setting
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")
