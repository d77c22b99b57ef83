"""The Starlette application: routes, query options, body limits and status codes.

Status codes (docs/serve.md has the table): 200 a report (valid or not: the report says),
a conversion or a rendering; 400 a bad request (unknown or malformed option, broken
gzip); 404/405 no such route or method; 413 a body over the limit (the answer names the
limit and the setting, with DT005 as the CLI reports it); 415 a media type or content
coding we do not read; 422 not a document we can read (its DT0xx findings); 503 with
Retry-After when the queue is full; 504 past the time limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import zlib
from collections.abc import AsyncIterator, Callable, Mapping
from importlib import resources
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from dtmarkup.serve import engine, pages
from dtmarkup.serve.observe import Metrics, Observe
from dtmarkup.serve.openapi import openapi
from dtmarkup.serve.pool import Pool, TimedOut, WorkerLost
from dtmarkup.serve.settings import SETTING_NAMES, Settings

JSON = "application/json"
XML_TYPES = frozenset({"application/xml", "text/xml"})
JSON_TYPES = frozenset({"application/json"})
TEXT_TYPES = frozenset({"text/plain"})
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
"""The web page loads nothing from elsewhere and runs no inline script."""


class Problem(Exception):
    """An answer other than the engine's: a status and a JSON body."""

    def __init__(
        self, status: int, error: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers = dict(headers or {})
        self.extra: dict[str, object] = {}
        self.outcome: str | None = None

    def response(self) -> Response:
        body = {"error": self.error, "message": self.message, **self.extra}
        return Response(
            json.dumps(body, indent=2) + "\n", self.status, self.headers, media_type=JSON
        )


def _json(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data, indent=2) + "\n", status, media_type=JSON)


# --- the request: options, media type, body ---------------------------------------------------


def _options(request: Request, allowed: frozenset[str]) -> dict[str, str]:
    """The query options, each given at most once; 400 for any other."""
    found: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise Problem(400, "bad-option", f"unknown option {key[:40]!r}; known: {known}")
        if key in found:
            raise Problem(400, "bad-option", f"option {key!r} is given more than once")
        found[key] = value
    return found


def _flag(options: dict[str, str], key: str, default: bool) -> bool:
    value = options.get(key)
    if value is None:
        return default
    if value.lower() in ("true", "1", "yes"):
        return True
    if value.lower() in ("false", "0", "no"):
        return False
    raise Problem(400, "bad-option", f"option {key!r} must be true or false")


def _codes(options: dict[str, str], key: str) -> tuple[str, ...]:
    codes = engine.parse_codes(options.get(key))
    for code in codes:
        problem = engine.check_code(code[:40])
        if problem:
            raise Problem(400, "bad-option", f"option {key!r}: {problem}")
    return codes


def _media_type(request: Request, accepted: frozenset[str]) -> str | None:
    """The body's media type (without parameters), if we read it; 415 if not."""
    header = request.headers.get("content-type")
    if header is None:
        return None
    media = header.split(";", 1)[0].strip().lower()
    if media in accepted or _suffix(media, accepted):
        return media
    raise Problem(
        415,
        "unsupported-media-type",
        "the body's Content-Type is not one this endpoint reads; send one of "
        + ", ".join(sorted(accepted))
        + " (or application/*+xml, application/*+json)",
        {"Accept-Post": ", ".join(sorted(accepted))},
    )


def _suffix(media: str, accepted: frozenset[str]) -> bool:
    return (media.endswith("+xml") and bool(accepted & XML_TYPES)) or (
        media.endswith("+json") and bool(accepted & JSON_TYPES)
    )


def _kind(media: str | None, data: bytes) -> str:
    """xml or json: from the media type, or (none given) from the content."""
    if media is not None:
        return "json" if media in JSON_TYPES or media.endswith("+json") else "xml"
    return "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[") else "xml"


class Body:
    """Reads a request body up to the limit, gunzipping it if it says it is gzip."""

    def __init__(self, settings: Settings) -> None:
        self.limit = settings.max_body
        self.setting = SETTING_NAMES["max_body"]

    def too_large(self) -> Problem:
        problem = Problem(
            413,
            "too-large",
            f"the request body is larger than the limit of {self.limit} bytes "
            f"(after decompression); raise it with {self.setting}",
        )
        report = json.loads(engine.too_large(self.limit, self.setting))
        problem.extra = {"limit": self.limit, "setting": self.setting, **report}
        problem.outcome = "too-large"
        return problem

    async def read(self, request: Request) -> bytes:
        coding = request.headers.get("content-encoding", "identity").strip().lower()
        if coding not in ("identity", "gzip", "x-gzip"):
            raise Problem(
                415,
                "unsupported-content-encoding",
                "Content-Encoding must be gzip or none",
                {"Accept-Encoding": "gzip"},
            )
        length = request.headers.get("content-length")
        if coding == "identity" and length and length.isdigit() and int(length) > self.limit:
            raise self.too_large()
        if coding == "identity":
            return await self._plain(request)
        return await self._gunzip(request)

    async def _plain(self, request: Request) -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.limit:
                raise self.too_large()
            chunks.append(chunk)
        return b"".join(chunks)

    async def _gunzip(self, request: Request) -> bytes:
        """Decompressed in steps, never past the limit: a gzip bomb costs nothing. Several
        gzip members one after the other (``cat a.gz b.gz``) are one body, as gunzip says."""
        inflate = zlib.decompressobj(wbits=31)
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                pending = chunk
                while pending:
                    out = inflate.decompress(pending, self.limit + 1 - size)
                    size += len(out)
                    if size > self.limit:
                        raise self.too_large()
                    chunks.append(out)
                    if inflate.eof:
                        pending = inflate.unused_data
                        if pending:
                            inflate = zlib.decompressobj(wbits=31)
                    else:
                        pending = inflate.unconsumed_tail
            if not inflate.eof:
                raise Problem(400, "bad-gzip", "the gzip body is truncated")
        except zlib.error:
            raise Problem(400, "bad-gzip", "the body is not valid gzip") from None
        return b"".join(chunks)


# --- the application --------------------------------------------------------------------------

DOCUMENT_ROUTES = frozenset({"/v1/validate", "/v1/convert", "/v1/render"})


class Admission:
    """ASGI middleware in front of the router: at most ``workers + queue`` document
    requests at once (reading, waiting or running). The next one is answered 503 with
    Retry-After at once, before routing or reading its body: the cheapest answer the
    service gives, which matters most when it is overloaded."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service
        settings = service.settings
        self.body = (
            Problem(
                503,
                "overloaded",
                f"the queue is full ({settings.queue} waiting); retry after "
                f"{settings.retry_after} s or raise {SETTING_NAMES['queue']}",
            )
            .response()
            .body
        )
        self.headers = [
            (b"content-type", JSON.encode()),
            (b"content-length", str(len(self.body)).encode()),
            (b"retry-after", str(settings.retry_after).encode()),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in DOCUMENT_ROUTES:
            await self.app(scope, receive, send)
            return
        service = self.service
        if service.admitted >= service.settings.admitted:
            scope.setdefault("state", {})["outcome"] = "overloaded"
            await send({"type": "http.response.start", "status": 503, "headers": self.headers})
            await send({"type": "http.response.body", "body": self.body})
            return
        service.admitted += 1
        try:
            await self.app(scope, receive, send)
        finally:
            service.admitted -= 1


class Service:
    """The routes' shared state: settings, the pool, the admission count, the metrics."""

    def __init__(self, settings: Settings, pool: Pool | None = None) -> None:
        self.settings = settings
        self.pool = pool or Pool(settings.workers)
        self.body = Body(settings)
        self.admitted = 0
        self.readable, self.writable = engine.format_names()
        self.metrics = Metrics(
            busy=lambda: self.pool.busy,
            waiting=lambda: self.pool.waiting,
            restarts=lambda: self.pool.restarts,
        )
        self.metrics.in_flight.set_function(lambda: float(self.admitted))

    async def handle(
        self,
        request: Request,
        accepted: frozenset[str],
        allowed: frozenset[str],
        make: Callable[[dict[str, str], str | None, bytes], engine.Job],
    ) -> Response:
        """Check options, read the body, run the job, answer; every refusal is a Problem
        with its status. Whether it may come in at all, Admission decided before."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.timeout
        try:
            options = _options(request, allowed)
            media = _media_type(request, accepted)
            job = make(options, media, b"")  # options checked before the body is read
            data = await asyncio.wait_for(self.body.read(request), deadline - loop.time())
            job = make(options, media, data)
            answer = await self.pool.run(job, deadline)
        except Problem as problem:
            request.state.outcome = problem.outcome
            return problem.response()
        except (TimeoutError, TimedOut):  # reading the body, or waiting and running
            request.state.outcome = "timed-out"
            return self._timed_out()
        except ClientDisconnect:
            request.state.outcome = "disconnected"
            return Response(status_code=400)  # nobody is there to read it
        except WorkerLost:
            request.state.outcome = "error"
            return Problem(500, "internal", "the worker checking this document ended").response()
        request.state.outcome = answer.outcome
        return Response(answer.body, answer.status, answer.headers, media_type=answer.media_type)

    def _timed_out(self) -> Response:
        limit = self.settings.timeout
        return Problem(
            504,
            "timed-out",
            f"the request took longer than the limit of {limit:g} s; raise it with "
            f"{SETTING_NAMES['timeout']}",
        ).response()

    # --- document endpoints

    async def validate(self, request: Request) -> Response:
        def make(options: dict[str, str], media: str | None, data: bytes) -> engine.Job:
            return engine.ValidateJob(
                data,
                _kind(media, data),
                rules=_flag(options, "rules", True),
                select=_codes(options, "select"),
                ignore=_codes(options, "ignore"),
                strict=_flag(options, "strict", False),
            )

        allowed = frozenset({"rules", "select", "ignore", "strict"})
        return await self.handle(request, XML_TYPES | JSON_TYPES, allowed, make)

    async def convert(self, request: Request) -> Response:
        def make(options: dict[str, str], media: str | None, data: bytes) -> engine.Job:
            target = options.get("to")
            if target is None:
                raise Problem(400, "bad-option", "option 'to' is required")
            if target not in self.writable:
                known = ", ".join(self.writable)
                raise Problem(400, "bad-option", f"option 'to': one of {known}")
            source = options.get("from")
            if source is not None and source not in self.readable:
                known = ", ".join(self.readable)
                raise Problem(400, "bad-option", f"option 'from': one of {known}")
            return engine.ConvertJob(data, target, source, declared=media)

        accepted = XML_TYPES | JSON_TYPES | TEXT_TYPES
        return await self.handle(request, accepted, frozenset({"to", "from"}), make)

    async def render(self, request: Request) -> Response:
        def make(options: dict[str, str], media: str | None, data: bytes) -> engine.Job:
            output_format = options.get("format", "html")
            if output_format not in engine.RENDER_FORMATS:
                known = ", ".join(engine.RENDER_FORMATS)
                raise Problem(400, "bad-option", f"option 'format': one of {known}")
            fragment = _flag(options, "fragment", False)
            if fragment and output_format != "html":
                raise Problem(400, "bad-option", "option 'fragment' applies to format=html")
            return engine.RenderJob(data, output_format, fragment, declared=media)

        accepted = XML_TYPES | JSON_TYPES | TEXT_TYPES
        response = await self.handle(request, accepted, frozenset({"format", "fragment"}), make)
        # A rendered article opened in a browser from here runs nothing and loads nothing.
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    # --- the rest

    async def rules(self, request: Request) -> Response:
        _options(request, frozenset())
        return _json([info.to_dict() for info in engine.CODES.values()])

    async def healthz(self, request: Request) -> Response:
        return _json(
            {
                "status": "ok",
                "version": engine.__version__,
                "workers": self.settings.workers,
                "busy": self.pool.busy,
                "waiting": self.pool.waiting,
            }
        )

    async def metrics_page(self, request: Request) -> Response:
        return Response(generate_latest(self.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    async def openapi_page(self, request: Request) -> Response:
        return _json(openapi(self.settings))


def _static(name: str) -> bytes:
    return resources.files("dtmarkup.serve").joinpath("static", name).read_bytes()


def create_app(settings: Settings) -> Starlette:
    """The application; its lifespan starts the workers and stops them after the drain."""
    service = Service(settings)
    index = _static("index.html")
    script = _static("app.js")
    style = _static("app.css")
    rules_page = pages.rules_page().encode("utf-8")

    def page(body: bytes, media_type: str) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            headers = {"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"}
            return Response(body, headers=headers, media_type=media_type)

        return endpoint

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await service.pool.start()
        try:
            yield
        finally:
            await service.pool.close()

    async def problem_handler(request: Request, exc: Exception) -> Response:
        if isinstance(exc, Problem):
            return exc.response()
        assert isinstance(exc, HTTPException)
        names = {404: "not-found", 405: "method-not-allowed"}
        return Problem(
            exc.status_code, names.get(exc.status_code, "error"), str(exc.detail), exc.headers
        ).response()

    routes = [
        Route("/", page(index, "text/html; charset=utf-8")),
        Route("/static/app.js", page(script, "text/javascript; charset=utf-8")),
        Route("/static/app.css", page(style, "text/css; charset=utf-8")),
        Route("/rules", page(rules_page, "text/html; charset=utf-8")),
        Route("/healthz", service.healthz),
        Route("/metrics", service.metrics_page),
        Route("/v1/openapi.json", service.openapi_page),
        Route("/v1/rules", service.rules),
        Route("/v1/validate", service.validate, methods=["POST"]),
        Route("/v1/convert", service.convert, methods=["POST"]),
        Route("/v1/render", service.render, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(Observe, metrics=service.metrics, log=settings.log_requests),
            Middleware(Admission, service=service),
        ],
        lifespan=lifespan,
        exception_handlers={HTTPException: problem_handler, Problem: problem_handler},
    )
    app.state.service = service
    return app
