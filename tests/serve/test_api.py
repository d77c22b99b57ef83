"""The HTTP API: the CLI's reports, status codes that mean something, limits that say
which setting raises them, metrics, the OpenAPI document and the logs."""

from __future__ import annotations

import gzip
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from openapi_spec_validator import validate as validate_openapi
from prometheus_client.parser import text_string_to_metric_families

from dtmarkup.cli import main
from dtmarkup.codes import CODES
from dtmarkup.serve.settings import DEFAULT_MAX_BODY

from .conftest import REFERENCE, Server, cli_report

pytest.importorskip("starlette")

MARKER = "ZQX-DOCUMENT-CONTENT-MARKER-41"
"""Put into documents and URLs: it must never reach the log."""


def _as_stdin(report: dict[str, object]) -> dict[str, object]:
    """A CLI report with the file's path replaced by ``-``, as the API names its body."""
    files = report["files"]
    assert isinstance(files, list)
    return {**report, "files": [{**f, "path": "-"} for f in files]}


def _broken(reference: bytes) -> bytes:
    """The reference article with an unresolved speaker reference (a DT1xx keyref)."""
    assert b'speaker="blinken"' in reference
    return reference.replace(b'speaker="blinken"', b'speaker="nobody"', 1)


def test_valid_article_gets_200_and_the_clis_report(server: Server, reference: bytes) -> None:
    response = server.validate(reference)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["dtmarkup-verdict"] == "pass"
    assert response.json() == _as_stdin(cli_report(REFERENCE))


def test_invalid_article_gets_200_and_the_same_findings_as_the_cli(
    server: Server, reference: bytes, tmp_path: Path
) -> None:
    source = tmp_path / "broken.xml"
    source.write_bytes(_broken(reference))
    response = server.validate(source.read_bytes())
    assert response.status_code == 200
    assert response.headers["dtmarkup-verdict"] == "fail"
    body = response.json()
    assert body == _as_stdin(cli_report(source))
    assert body["summary"]["invalid"] == 1
    codes = {d["code"] for d in body["files"][0]["diagnostics"]}
    assert codes and all(code.startswith("DT1") for code in codes)


def test_select_and_ignore_filter_like_the_cli(server: Server, reference: bytes) -> None:
    broken = _broken(reference)
    assert server.validate(broken, "?ignore=DT1").json()["files"][0]["diagnostics"] == []
    assert server.validate(broken, "?ignore=DT1").headers["dtmarkup-verdict"] == "pass"
    kept = server.validate(broken, "?select=DT1").json()["files"][0]["diagnostics"]
    assert kept and all(d["code"].startswith("DT1") for d in kept)
    assert server.validate(reference, "?rules=false&strict=true").status_code == 200


def test_unreadable_document_gets_422_with_its_dt0xx_finding(server: Server) -> None:
    response = server.validate(b"<article><p></article>")
    assert response.status_code == 422
    body = response.json()
    assert [d["code"] for d in body["files"][0]["diagnostics"]] == ["DT001"]
    assert response.headers["dtmarkup-verdict"] == "fail"


def test_json_article(server: Server, reference: bytes) -> None:
    converted = server.client.post(
        "/v1/convert?to=json", content=reference, headers={"Content-Type": "application/xml"}
    )
    assert converted.status_code == 200
    assert converted.headers["content-type"].startswith("application/json")
    response = server.validate(converted.content, **{"Content-Type": "application/json"})
    assert response.status_code == 200
    assert response.json()["summary"] == {
        "files": 1,
        "valid": 1,
        "invalid": 0,
        "errors": 0,
        "warnings": 0,
    }
    not_json = server.validate(b'{"format": ', **{"Content-Type": "application/json"})
    assert not_json.status_code == 422
    assert [d["code"] for d in not_json.json()["files"][0]["diagnostics"]] == ["DT301"]
    # Without a Content-Type, a body starting with { is read as JSON.
    assert server.validate(converted.content, **{"Content-Type": ""}).status_code == 415
    sniffed = server.client.post("/v1/validate", content=converted.content)
    assert sniffed.status_code == 200
    assert sniffed.json()["summary"]["valid"] == 1


def test_collection_is_one_document(server: Server, reference: bytes, tmp_path: Path) -> None:
    article = reference.split(b"?>", 1)[1].strip()
    second = _broken(article).replace(b'id="dt-2021', b'id="dt2-2021', 1)
    source = tmp_path / "collection.xml"
    source.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="urn:dtmarkup:1">\n'
        + article
        + b"\n"
        + second
        + b"\n</collection>\n"
    )
    response = server.validate(source.read_bytes())
    assert response.status_code == 200
    assert response.json() == _as_stdin(cli_report(source))
    assert response.json()["summary"]["invalid"] == 1


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("?bogus=1", "unknown option 'bogus'"),
        ("?strict=maybe", "'strict' must be true or false"),
        ("?strict=true&strict=false", "given more than once"),
        ("?select=XX1", "'XX1' is not a code"),
        ("?ignore=DT999", "'DT999' matches no code"),
    ],
)
def test_bad_options_get_400(server: Server, reference: bytes, query: str, says: str) -> None:
    response = server.validate(reference, query)
    assert response.status_code == 400
    assert response.json()["error"] == "bad-option"
    assert says in response.json()["message"]


def test_unsupported_media_type_and_coding_get_415(server: Server, reference: bytes) -> None:
    image = server.validate(reference, **{"Content-Type": "image/png"})
    assert image.status_code == 415
    assert image.json()["error"] == "unsupported-media-type"
    assert "application/xml" in image.headers["accept-post"]
    form = server.validate(reference, **{"Content-Type": "multipart/form-data; boundary=x"})
    assert form.status_code == 415
    brotli = server.validate(reference, **{"Content-Encoding": "br"})
    assert brotli.status_code == 415
    assert brotli.json()["error"] == "unsupported-content-encoding"
    assert (
        server.validate(reference, **{"Content-Type": "application/vnd.x+xml"}).status_code == 200
    )


def test_gzip_body_gets_the_same_report(server: Server, reference: bytes) -> None:
    plain = server.validate(_broken(reference))
    zipped = server.validate(gzip.compress(_broken(reference)), **{"Content-Encoding": "gzip"})
    assert zipped.status_code == 200
    assert zipped.json() == plain.json()
    broken = server.validate(b"\x1f\x8b not gzip", **{"Content-Encoding": "gzip"})
    assert broken.status_code == 400
    assert broken.json()["error"] == "bad-gzip"
    truncated = server.validate(gzip.compress(reference)[:200], **{"Content-Encoding": "gzip"})
    assert truncated.status_code == 400
    assert truncated.json()["message"] == "the gzip body is truncated"
    trailing = server.validate(gzip.compress(reference) + b"junk", **{"Content-Encoding": "gzip"})
    assert trailing.status_code == 400
    # Two gzip members are one body, as gunzip reads them.
    half = len(reference) // 2
    members = gzip.compress(reference[:half]) + gzip.compress(reference[half:])
    joined = server.validate(members, **{"Content-Encoding": "gzip"})
    assert joined.status_code == 200
    assert joined.json() == server.validate(reference).json()


def _assert_too_large(response_json: dict[str, object], limit: int) -> None:
    assert response_json["error"] == "too-large"
    assert response_json["limit"] == limit
    assert response_json["setting"] == "--max-body or DTMARKUP_SERVE_MAX_BODY"
    assert str(limit) in str(response_json["message"])
    files = response_json["files"]
    assert isinstance(files, list)
    assert [d["code"] for d in files[0]["diagnostics"]] == ["DT005"]


def test_too_large_gets_413_naming_the_limit_and_setting(server: Server) -> None:
    over = b"<" + b"x" * DEFAULT_MAX_BODY
    declared = server.validate(over)
    assert declared.status_code == 413
    _assert_too_large(declared.json(), DEFAULT_MAX_BODY)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for start in range(0, len(over), 65536):
            yield over[start : start + 65536]

    streamed = server.client.post(
        "/v1/validate", content=chunks(), headers={"Content-Type": "application/xml"}
    )
    assert streamed.status_code == 413
    _assert_too_large(streamed.json(), DEFAULT_MAX_BODY)
    # A small gzip that decompresses past the limit: the cap applies after decompression.
    bomb = gzip.compress(b" " * (4 * DEFAULT_MAX_BODY))
    assert len(bomb) < 100_000
    inflated = server.validate(bomb, **{"Content-Encoding": "gzip"})
    assert inflated.status_code == 413
    _assert_too_large(inflated.json(), DEFAULT_MAX_BODY)


def test_unknown_route_and_method(server: Server) -> None:
    missing = server.client.get("/v2/validate")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not-found"
    wrong = server.client.get("/v1/validate")
    assert wrong.status_code == 405
    assert wrong.json()["error"] == "method-not-allowed"
    assert "POST" in wrong.headers["allow"]


def test_convert(server: Server, reference: bytes) -> None:
    response = server.client.post(
        "/v1/convert?to=nitf", content=reference, headers={"Content-Type": "application/xml"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/nitf+xml"
    assert response.content.lstrip().startswith(b"<?xml")
    codes = response.headers.get("dtmarkup-codes", "")
    assert all(code in CODES for code in codes.split(",") if code)
    bad_target = server.client.post(
        "/v1/convert?to=pdf", content=reference, headers={"Content-Type": "application/xml"}
    )
    assert bad_target.status_code == 400
    missing = server.client.post(
        "/v1/convert", content=reference, headers={"Content-Type": "application/xml"}
    )
    assert missing.status_code == 400
    invalid = server.client.post(
        "/v1/convert?to=json&from=dtm",
        content=_broken(reference),
        headers={"Content-Type": "application/xml"},
    )
    assert invalid.status_code == 422
    assert invalid.json()["summary"]["invalid"] == 1


@pytest.mark.parametrize(
    ("output_format", "media_type", "start"),
    [
        ("html", "text/html; charset=utf-8", "<!DOCTYPE html>"),
        ("markdown", "text/markdown; charset=utf-8", "# Blinken meets Lavrov"),
        ("text", "text/plain; charset=utf-8", "DIPLOMATIC TIMES"),
    ],
)
def test_render(
    server: Server, reference: bytes, output_format: str, media_type: str, start: str
) -> None:
    response = server.client.post(
        f"/v1/render?format={output_format}",
        content=reference,
        headers={"Content-Type": "application/xml"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.text.lstrip().startswith(start) or start in response.text[:400]
    assert response.headers["content-security-policy"] == "sandbox; default-src 'none'"


def test_render_fragment_and_refusals(server: Server, reference: bytes) -> None:
    xml = {"Content-Type": "application/xml"}
    fragment = server.client.post("/v1/render?fragment=true", content=reference, headers=xml)
    assert fragment.status_code == 200
    assert fragment.text.startswith("<article")
    wrong = server.client.post(
        "/v1/render?format=text&fragment=true", content=reference, headers=xml
    )
    assert wrong.status_code == 400
    invalid = server.client.post("/v1/render", content=_broken(reference), headers=xml)
    assert invalid.status_code == 422


def test_rules_and_health(server: Server) -> None:
    rules = server.client.get("/v1/rules")
    assert rules.status_code == 200
    assert [r["code"] for r in rules.json()] == list(CODES)
    cli = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert rules.json() == json.loads(cli.output)
    health = server.client.get("/healthz")
    assert health.json()["status"] == "ok"
    assert health.json()["workers"] == 2


def test_metrics_in_the_prometheus_format(server: Server, reference: bytes) -> None:
    before = _samples(server)
    server.validate(reference)
    server.validate(_broken(reference))
    server.validate(b"<a>")
    key = ("dtmarkup_http_request_duration_seconds_count", (("route", "/v1/validate"),))
    deadline = time.monotonic() + 10
    while True:  # a request is counted just after its answer is sent
        after = _samples(server)
        if after.get(key, 0) - before.get(key, 0) >= 3 or time.monotonic() > deadline:
            break
        time.sleep(0.05)

    def delta(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    route = "/v1/validate"
    assert delta("dtmarkup_http_requests_total", route=route, method="POST", status="200") == 2
    assert delta("dtmarkup_http_requests_total", route=route, method="POST", status="422") == 1
    assert delta("dtmarkup_documents_total", outcome="valid") == 1
    assert delta("dtmarkup_documents_total", outcome="invalid") == 1
    assert delta("dtmarkup_documents_total", outcome="unreadable") == 1
    assert delta("dtmarkup_http_request_duration_seconds_count", route=route) == 3
    assert delta("dtmarkup_http_request_duration_seconds_bucket", route=route, le="+Inf") == 3
    assert ("dtmarkup_workers_busy", ()) in after
    assert ("dtmarkup_worker_restarts_total", ()) in after


def _samples(server: Server) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = server.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    found = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_openapi_document_is_valid_and_complete(server: Server) -> None:
    from dtmarkup.serve.observe import ROUTES

    document = server.client.get("/v1/openapi.json").json()
    validate_openapi(document)
    pages = {"/", "/rules", "/static/app.js", "/static/app.css"}
    assert set(document["paths"]) == ROUTES - pages
    for path in ("/v1/validate", "/v1/convert", "/v1/render"):
        responses = document["paths"][path]["post"]["responses"]
        assert set(responses) == {"200", "400", "413", "415", "422", "500", "503", "504"}
    limit = document["paths"]["/v1/validate"]["post"]["responses"]["413"]["description"]
    assert str(DEFAULT_MAX_BODY) in limit


def test_every_route_is_served(server: Server) -> None:
    from dtmarkup.serve.observe import ROUTES

    for route in ROUTES:
        response = server.client.request("POST" if route.startswith("/v1/") else "GET", route)
        assert response.status_code != 404, route


def test_logs_are_json_lines_without_document_content(server: Server, reference: bytes) -> None:
    secret = reference.replace(b"Reykjavik", MARKER.encode(), 1)
    sent = {
        server.validate(secret): ("/v1/validate", 200),
        server.validate(secret.replace(b"<article", b"<!DOCTYPE x><article")): (
            "/v1/validate",
            422,
        ),
        server.client.post(f"/v1/validate?{MARKER}=1", content=secret): ("/v1/validate", 400),
        server.client.get(f"/{MARKER}"): ("other", 404),
        server.client.post("/v1/render", content=b"\x1f\x8b" + MARKER.encode()): (
            "/v1/render",
            422,
        ),
    }
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(f"BREW /{MARKER} HTCPCP/1.0\r\n{MARKER}\r\n\r\n".encode())
        raw.recv(4096)  # uvicorn's 400 for a request it cannot parse
    ids = {response.headers["x-request-id"]: expected for response, expected in sent.items()}
    deadline = time.monotonic() + 10
    while True:  # a request's line is written just after its answer is sent
        lines = server.log_lines()  # every line parses as JSON
        logged = {line.get("id"): line for line in lines if line.get("event") == "request"}
        if set(ids) <= set(logged) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    for request_id, (route, status) in ids.items():
        line = logged[request_id]
        assert (line["route"], line["status"]) == (route, status)
        assert set(line) >= {"ts", "level", "method", "route", "status", "ms", "outcome"}
    assert MARKER not in server.log_path.read_text(encoding="utf-8")


def test_page_and_security_headers(server: Server) -> None:
    page = server.client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert b"http://" not in page.content and b"https://" not in page.content
    script = server.client.get("/static/app.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert b"innerHTML" not in script.content
    rules = server.client.get("/rules")
    assert b'id="DT102"' in rules.content
    api = server.client.get("/healthz")
    assert api.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert json.loads(api.content)["status"] == "ok"
