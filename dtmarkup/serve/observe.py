"""What the service tells its operators: one JSON log line per request, and metrics.

Nothing from a request's body, query string or raw path ever reaches a log line: a
request is logged by its route (one of ``ROUTES``, else ``other``), method, status,
sizes, duration and outcome. Exceptions are logged by class and frames, never by their
message (a decoding error quotes the bytes it choked on).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
)
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOGGER = "dtmarkup.serve"
ROUTES = frozenset(
    {
        "/",
        "/rules",
        "/static/app.js",
        "/static/app.css",
        "/healthz",
        "/metrics",
        "/v1/openapi.json",
        "/v1/rules",
        "/v1/validate",
        "/v1/convert",
        "/v1/render",
    }
)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class JsonFormatter(logging.Formatter):
    """A log record as one JSON line: time, level, logger, message and its extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage() if record.name != LOGGER else record.msg,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, trace = record.exc_info
            line["exception"] = kind.__name__
            line["frames"] = [
                f"{os.path.basename(f.filename)}:{f.lineno}:{f.name}"
                for f in traceback.extract_tb(trace)
            ]
        return json.dumps(line, ensure_ascii=True)


def log_config(level: str = "info") -> dict[str, Any]:
    """``logging.config.dictConfig`` input: every logger (uvicorn's too) in JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": sys.stderr}
        },
        "loggers": {
            name: {"handlers": ["stderr"], "level": level.upper(), "propagate": False}
            for name in ("uvicorn", "uvicorn.error", LOGGER)
        },
    }


class _Restarts(Collector):
    def __init__(self, count: Callable[[], int]) -> None:
        self.count = count

    def collect(self) -> Iterator[Metric]:
        yield CounterMetricFamily(
            "dtmarkup_worker_restarts",
            "Worker processes replaced (killed at the time limit, or died).",
            value=self.count(),
        )


class Metrics:
    """The Prometheus series, in a registry of their own."""

    def __init__(
        self, *, busy: Callable[[], int], waiting: Callable[[], int], restarts: Callable[[], int]
    ) -> None:
        disable_created_metrics()  # type: ignore[no-untyped-call]  # *_created: noise
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "dtmarkup_http_requests",
            "HTTP requests answered, by route, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "dtmarkup_http_request_duration_seconds",
            "Time from the request's arrival to the end of its answer, by route.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.documents = Counter(
            "dtmarkup_documents",
            "Documents handled, by outcome (valid, invalid, unreadable, converted, rendered, "
            "refused, too-large, timed-out, overloaded, disconnected, error).",
            ["outcome"],
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "dtmarkup_requests_in_flight",
            "Document requests admitted and not yet answered.",
            registry=self.registry,
        )
        Gauge(
            "dtmarkup_workers_busy", "Workers running a job.", registry=self.registry
        ).set_function(lambda: float(busy()))
        Gauge(
            "dtmarkup_queue_waiting", "Requests waiting for a worker.", registry=self.registry
        ).set_function(lambda: float(waiting()))
        self.registry.register(_Restarts(restarts))


class Observe:
    """ASGI middleware: counts, times and logs every HTTP request, and sets the headers
    every answer carries (a request id, nosniff, a default Content-Security-Policy)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, *, log: bool) -> None:
        self.app = app
        self.metrics = metrics
        self.logger = logging.getLogger(LOGGER) if log else None
        self.ids = itertools.count(1)
        self.prefix = f"{os.getpid():x}-"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = f"{self.prefix}{next(self.ids)}"
        state = scope.setdefault("state", {})
        seen = {"status": 500, "in": 0, "out": 0}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["in"] += len(message.get("body", b""))
            return message

        async def stamping_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.append((b"x-request-id", request_id.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if b"content-security-policy" not in names:
                    headers.append(
                        (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
                    )
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, stamping_send)
        finally:
            self._record(scope, state, seen, started, request_id)

    def _record(
        self,
        scope: Scope,
        state: dict[str, Any],
        seen: dict[str, int],
        started: float,
        request_id: str,
    ) -> None:
        elapsed = time.perf_counter() - started
        path = scope.get("path", "")
        route = path if path in ROUTES else "other"
        method = scope.get("method", "")
        method = method if method in METHODS else "other"
        status = seen["status"]
        outcome = state.get("outcome")
        self.metrics.requests.labels(route, method, str(status)).inc()
        self.metrics.latency.labels(route).observe(elapsed)
        if outcome:
            self.metrics.documents.labels(outcome).inc()
        if self.logger is None:
            return
        client = scope.get("client")
        fields = {
            "event": "request",
            "id": request_id,
            "method": method,
            "route": route,
            "status": status,
            "ms": round(elapsed * 1000, 3),
            "bytes_in": seen["in"],
            "bytes_out": seen["out"],
            "outcome": outcome,
            "client": client[0] if client else None,
        }
        self.logger.info("request", extra={"fields": fields})
