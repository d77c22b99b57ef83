"""The OpenAPI 3.1 document of the HTTP API, served at ``/v1/openapi.json``.

Written by hand (the API is small) and checked by the tests: it is a valid OpenAPI
document, it lists exactly the routes the application has, and every status an
endpoint can answer is declared.
"""

from __future__ import annotations

from typing import Any

from dtmarkup.serve.engine import RENDER_FORMATS, __version__, format_names
from dtmarkup.serve.settings import SETTING_NAMES, Settings

_PROBLEM = {"$ref": "#/components/schemas/Problem"}
_REPORT = {"$ref": "#/components/schemas/Report"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name: str, description: str, schema: dict[str, Any], *, required: bool = False) -> Any:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


def _document_body(types: list[str]) -> dict[str, Any]:
    binary = {"type": "string", "format": "binary"}
    return {
        "required": True,
        "description": "The document. Content-Encoding: gzip is accepted; the size limit "
        "applies after decompression.",
        "content": {media: {"schema": binary} for media in types},
    }


def _refusals(settings: Settings) -> dict[str, Any]:
    """The statuses every document endpoint may answer besides its own."""
    retry = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}
    return {
        "400": _json(_PROBLEM, "Bad request: an unknown or malformed option, broken gzip."),
        "413": _json(
            _PROBLEM,
            f"The body is over the limit of {settings.max_body} bytes after decompression "
            f"(set with {SETTING_NAMES['max_body']}); the answer names both, with DT005.",
        ),
        "415": _json(_PROBLEM, "A Content-Type or Content-Encoding this endpoint does not read."),
        "422": _json(_REPORT, "Not a document we can read: the JSON report of its DT0xx findings."),
        "500": _json(_PROBLEM, "The worker checking the document ended (a bug)."),
        "503": {
            **_json(_PROBLEM, "Overloaded: the queue is full. Retry after Retry-After seconds."),
            "headers": retry,
        },
        "504": _json(
            _PROBLEM,
            f"Over the time limit of {settings.timeout:g} s (set with {SETTING_NAMES['timeout']}).",
        ),
    }


def openapi(settings: Settings) -> dict[str, Any]:
    readable, writable = format_names()
    xml_json = ["application/xml", "text/xml", "application/json"]
    any_doc = [*xml_json, "text/plain"]
    codes = {"type": "string", "description": "Codes or prefixes, comma-separated: DT1,DT203"}
    boolean = {"type": "boolean"}
    verdict = {
        "Dtmarkup-Verdict": {
            "schema": {"enum": ["pass", "fail"]},
            "description": "What the CLI's exit code would say: fail on an error, or on a "
            "warning with strict=true.",
        }
    }
    found = {
        "Dtmarkup-Codes": {
            "schema": {"type": "string"},
            "description": "The codes of what the reader, writer or renderer noticed.",
        }
    }
    text = {"type": "string"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "dtmarkup",
            "version": __version__,
            "description": "Validate, convert and render dtmarkup news articles: the same "
            "engine as the dtmarkup command.",
        },
        "paths": {
            "/v1/validate": {
                "post": {
                    "summary": "Validate a dtmarkup XML or JSON article, or a collection",
                    "operationId": "validate",
                    "parameters": [
                        _query("rules", "Run the editorial rules (DT2xx).", boolean),
                        _query("select", "Only these codes.", codes),
                        _query("ignore", "Not these codes.", codes),
                        _query("strict", "Warnings fail the verdict too.", boolean),
                    ],
                    "requestBody": _document_body(xml_json),
                    "responses": {
                        "200": {
                            **_json(_REPORT, "The CLI's JSON report, valid or not."),
                            "headers": verdict,
                        },
                        **_refusals(settings),
                    },
                }
            },
            "/v1/convert": {
                "post": {
                    "summary": "Convert an article to another format",
                    "operationId": "convert",
                    "parameters": [
                        _query("to", "The target format.", {"enum": list(writable)}, required=True),
                        _query("from", "The source format (detected).", {"enum": list(readable)}),
                    ],
                    "requestBody": _document_body(any_doc),
                    "responses": {
                        "200": {
                            "description": "The converted document, in the target's media type.",
                            "headers": found,
                            "content": {"*/*": {"schema": {"type": "string"}}},
                        },
                        **_refusals(settings),
                    },
                }
            },
            "/v1/render": {
                "post": {
                    "summary": "Render an article as HTML, Markdown or text",
                    "operationId": "render",
                    "parameters": [
                        _query("format", "What to produce.", {"enum": list(RENDER_FORMATS)}),
                        _query("fragment", "HTML: only the <article> element.", boolean),
                    ],
                    "requestBody": _document_body(any_doc),
                    "responses": {
                        "200": {
                            "description": "The rendering.",
                            "headers": found,
                            "content": {
                                "text/html": {"schema": text},
                                "text/markdown": {"schema": text},
                                "text/plain": {"schema": text},
                            },
                        },
                        **_refusals(settings),
                    },
                }
            },
            "/v1/rules": {
                "get": {
                    "summary": "Every code dtmarkup can report",
                    "operationId": "rules",
                    "responses": {
                        "200": _json(
                            {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}},
                            "The code table.",
                        )
                    },
                }
            },
            "/v1/openapi.json": {
                "get": {
                    "summary": "This document",
                    "operationId": "openapi",
                    "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1.")},
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness",
                    "operationId": "healthz",
                    "responses": {"200": _json({"type": "object"}, "The service is up.")},
                }
            },
            "/metrics": {
                "get": {
                    "summary": "Prometheus metrics",
                    "operationId": "metrics",
                    "responses": {
                        "200": {
                            "description": "The Prometheus text format.",
                            "content": {"text/plain": {"schema": text}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }


def _schemas() -> dict[str, Any]:
    nullable_int = {"type": ["integer", "null"]}
    diagnostic = {
        "type": "object",
        "required": ["code", "severity", "message", "line", "column", "xpath", "source"],
        "properties": {
            "code": {"type": "string", "pattern": "^DT[0-9]{3}$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "line": nullable_int,
            "column": nullable_int,
            "xpath": {"type": ["string", "null"]},
            "source": {"type": "string"},
            "hint": {"type": "string"},
        },
    }
    count = {"type": "integer", "minimum": 0}
    return {
        "Diagnostic": diagnostic,
        "Report": {
            "type": "object",
            "required": ["tool", "version", "summary", "files"],
            "properties": {
                "tool": {"const": "dtmarkup"},
                "version": {"type": "string"},
                "summary": {
                    "type": "object",
                    "required": ["files", "valid", "invalid", "errors", "warnings"],
                    "properties": dict.fromkeys(
                        ("files", "valid", "invalid", "errors", "warnings"), count
                    ),
                },
                "files": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["path", "valid", "diagnostics"],
                        "properties": {
                            "path": {"type": "string"},
                            "valid": {"type": "boolean"},
                            "diagnostics": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Diagnostic"},
                            },
                        },
                    },
                },
            },
        },
        "Problem": {
            "type": "object",
            "required": ["error", "message"],
            "properties": {
                "error": {"type": "string"},
                "message": {"type": "string"},
                "limit": {"type": "integer"},
                "setting": {"type": "string"},
            },
        },
        "Rule": {
            "type": "object",
            "required": ["code", "severity", "title", "layer", "fix"],
            "properties": {
                key: {"type": "string"}
                for key in ("code", "severity", "title", "layer", "rationale", "bad", "good", "fix")
            },
        },
    }
