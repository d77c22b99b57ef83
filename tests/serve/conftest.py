"""A real ``dtmarkup serve`` process on a free loopback port, and the clients to reach it.

The servers are real processes (uvicorn, worker processes, signals): what is tested is
what a desk would run. Each logs to a file the tests read back (no document content may
appear in it).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """``dtmarkup serve ARGS`` on 127.0.0.1; ``client`` talks to it."""

    def __init__(self, log: Path, *args: str) -> None:
        self.log_path = log
        self.port = _free_port()
        command = Path(sys.executable).with_name("dtmarkup")
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [str(command), "serve", "--port", str(self.port), *args],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = httpx.Client(base_url=self.url, timeout=60, trust_env=False)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dtmarkup serve exited: {self.log_path.read_text()}")
            try:
                if self.client.get("/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("dtmarkup serve did not start")

    def validate(self, data: bytes, query: str = "", **headers: str) -> httpx.Response:
        headers.setdefault("Content-Type", "application/xml")
        return self.client.post(f"/v1/validate{query}", content=data, headers=headers)

    def log_lines(self) -> list[dict[str, object]]:
        """The JSON log lines so far (each line must be JSON)."""
        self._log.flush()
        text = self.log_path.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def stop(self) -> int:
        self.client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.process.returncode


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The defaults, with a shorter drain."""
    running = Server(tmp_path_factory.mktemp("serve") / "server.log", "--timeout", "20")
    yield running
    running.stop()


@pytest.fixture
def reference() -> bytes:
    return REFERENCE.read_bytes()


def cli_report(path: Path) -> dict[str, object]:
    """``dtmarkup validate --format json PATH``, parsed."""
    command = Path(sys.executable).with_name("dtmarkup")
    result = subprocess.run(
        [str(command), "validate", "--format", "json", str(path)],
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=path.parent,
    )
    assert result.returncode in (0, 1, 4), result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data
