"""One slow or hostile document never blocks the rest: the time limit (504, the worker
replaced), the queue (503 with Retry-After), a dead worker, and the drain on SIGTERM."""

from __future__ import annotations

import gzip
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import REFERENCE, Server

SLOW_ARTICLES = 20
SLOW_PARAGRAPHS = 1_000
"""A collection of this many copies of the reference article, each with this many more
paragraphs: ~15 MB, seconds to check, and every article within the input limits."""


@pytest.fixture(scope="module")
def slow() -> bytes:
    """A valid collection that takes seconds to check, gzipped (it is 15 MB)."""
    data = REFERENCE.read_bytes()
    data = data[data.index(b"<article") :]
    start = data.index(b"<p>")
    paragraph = data[start : data.index(b"</p>", start) + 4]
    article = data[:start] + paragraph * SLOW_PARAGRAPHS + data[start:]
    articles = b"".join(
        re.sub(rb' id="[^"]+"', b' id="slow-%d"' % n, article, count=1)
        for n in range(SLOW_ARTICLES)
    )
    return gzip.compress(b'<collection xmlns="urn:dtmarkup:1">' + articles + b"</collection>")


def _start(tmp_path: Path, *args: str) -> Server:
    return Server(tmp_path / "server.log", "--max-body", str(32 * 1024 * 1024), *args)


@pytest.fixture
def one_worker(tmp_path: Path) -> Iterator[Server]:
    running = _start(tmp_path, "--workers", "1", "--queue", "0", "--timeout", "60")
    yield running
    running.stop()


def _in_background(server: Server, data: bytes) -> tuple[threading.Thread, list[httpx.Response]]:
    """POST ``data`` from a thread; return once a worker is busy with it. The answer (or
    the transport error, when the server is killed) lands in the list."""
    answers: list[Any] = []

    def send() -> None:
        with httpx.Client(base_url=server.url, timeout=120, trust_env=False) as client:
            try:
                answers.append(
                    client.post(
                        "/v1/validate",
                        content=data,
                        headers={"Content-Type": "application/xml", "Content-Encoding": "gzip"},
                    )
                )
            except httpx.TransportError as exc:
                answers.append(exc)

    thread = threading.Thread(target=send)
    thread.start()
    deadline = time.monotonic() + 30
    while server.client.get("/healthz").json()["busy"] < 1:
        assert time.monotonic() < deadline, "the slow request never reached a worker"
        time.sleep(0.02)
    return thread, answers


def test_time_limit_gives_504_and_the_worker_is_replaced(tmp_path: Path, slow: bytes) -> None:
    server = _start(tmp_path, "--workers", "1", "--timeout", "0.5")
    try:
        before = server.children()
        started = time.monotonic()
        response = server.validate(slow, **{"Content-Encoding": "gzip"})
        assert response.status_code == 504
        assert time.monotonic() - started < 5
        assert response.json()["error"] == "timed-out"
        assert "--timeout or DTMARKUP_SERVE_TIMEOUT" in response.json()["message"]
        # A body that trickles in is cut at the same limit.

        def trickle() -> Iterator[bytes]:
            yield b"<article"
            time.sleep(3)
            yield b"/>"

        stalled = server.client.post(
            "/v1/validate", content=trickle(), headers={"Content-Type": "application/xml"}
        )
        assert stalled.status_code == 504
        # A fresh worker takes over: the next small document is checked.
        deadline = time.monotonic() + 30
        while server.validate(REFERENCE.read_bytes()).status_code != 200:
            assert time.monotonic() < deadline, "no worker took over"
            time.sleep(0.2)
        after = server.children()
        assert len(after) == 1 and after != before
        metrics = server.client.get("/metrics").text
        # At least: on a loaded machine, a request may also time out waiting for the
        # new worker to start.
        assert _metric(metrics, "dtmarkup_worker_restarts_total") >= 1
        assert _metric(metrics, 'dtmarkup_documents_total{outcome="timed-out"}') >= 1
    finally:
        assert server.stop() == 0


def _metric(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} is not in the metrics")


def test_full_queue_gives_503_with_retry_after(one_worker: Server, slow: bytes) -> None:
    thread, answers = _in_background(one_worker, slow)
    refused = one_worker.validate(REFERENCE.read_bytes())
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "1"
    assert refused.json()["error"] == "overloaded"
    assert "--queue or DTMARKUP_SERVE_QUEUE" in refused.json()["message"]
    # Pages, health and metrics are not documents: they are answered meanwhile.
    assert one_worker.client.get("/healthz").status_code == 200
    thread.join(120)
    assert answers[0].status_code == 200
    assert answers[0].json()["summary"]["valid"] == 1
    assert one_worker.validate(REFERENCE.read_bytes()).status_code == 200


def test_a_dead_idle_worker_is_replaced_unseen(one_worker: Server) -> None:
    (worker,) = one_worker.children()
    os.kill(worker, signal.SIGKILL)
    time.sleep(0.5)
    response = one_worker.validate(REFERENCE.read_bytes())
    assert response.status_code == 200
    assert one_worker.children() != [worker]


def test_sigterm_drains_requests_in_flight_then_exits(one_worker: Server, slow: bytes) -> None:
    workers = one_worker.children()
    thread, answers = _in_background(one_worker, slow)
    one_worker.process.send_signal(signal.SIGTERM)
    thread.join(120)
    assert answers and answers[0].status_code == 200
    assert answers[0].json()["summary"]["valid"] == 1
    assert one_worker.process.wait(60) == 0
    for pid in workers:  # the workers were told to stop and have exited
        assert not Path(f"/proc/{pid}").exists() or "Z" in _state(pid)
    with pytest.raises(httpx.TransportError):
        httpx.get(one_worker.url + "/healthz", timeout=2)
    lines = one_worker.log_lines()
    assert any(line.get("msg") == "Shutting down" for line in lines)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return "Z"


def test_a_slow_document_does_not_block_the_others(tmp_path: Path, slow: bytes) -> None:
    server = _start(tmp_path, "--workers", "2", "--timeout", "60")
    try:
        thread, answers = _in_background(server, slow)
        reference = REFERENCE.read_bytes()
        started = time.monotonic()
        for _ in range(20):  # all on the other worker, while the first is busy
            assert server.validate(reference).status_code == 200
        quick = time.monotonic() - started
        assert server.client.get("/healthz").json()["busy"] >= 1, "the slow one ended first"
        thread.join(120)
        assert answers[0].status_code == 200
        assert quick < 30
    finally:
        assert server.stop() == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_the_web_process(one_worker: Server, slow: bytes) -> None:
    workers = one_worker.children()
    thread, answers = _in_background(one_worker, slow)  # the worker is busy
    one_worker.process.kill()
    one_worker.process.wait(30)
    deadline = time.monotonic() + 2  # the slow document alone takes longer than this
    while any(_state(pid) != "Z" for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived the web process"
        time.sleep(0.05)
    thread.join(120)
    assert isinstance(answers[0], httpx.TransportError)
