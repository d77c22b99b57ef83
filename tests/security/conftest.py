"""Fixtures for the hostile-input tests: bait files, a loopback listener, a socket guard."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .hostile import CANARY, Bait

# fuzz/ holds the mutation engine and the fuzz targets shared with the long campaign.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fuzz"))


class Listener:
    """A TCP listener on loopback that must never see a connection."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.setblocking(False)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"

    def connections(self) -> int:
        """How many connections arrived since the last call (they are closed)."""
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.sock.close()


@pytest.fixture
def quiet_listener(listener: Listener) -> Iterator[Listener]:
    """The listener, checked to have seen no connection during the test."""
    listener.connections()
    yield listener
    assert listener.connections() == 0, "a payload made dtmarkup open a network connection"


def make_bait(directory: Path, url: str, fifo: bool) -> Bait:
    """A canary file (and a FIFO) in ``directory``; tests/serve uses it too."""
    directory.mkdir()
    canary = directory / "canary.txt"
    canary.write_text(CANARY + "\n", encoding="utf-8")
    pipe = None
    if fifo:
        pipe = directory / "canary.fifo"
        os.mkfifo(pipe)
    return Bait(directory=directory, canary=canary, fifo=pipe, url=url)


@pytest.fixture
def bait(tmp_path: Path, quiet_listener: Listener) -> Bait:
    """Bait for in-process tests: no FIFO (opening it would hang the test run itself)."""
    return make_bait(tmp_path / "bait", quiet_listener.url, fifo=False)


@pytest.fixture
def bait_with_fifo(tmp_path: Path, quiet_listener: Listener) -> Bait:
    """Bait for subprocess tests: opening the FIFO blocks, and the process is killed."""
    return make_bait(tmp_path / "bait", quiet_listener.url, fifo=True)


@pytest.fixture
def no_python_sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Record (and refuse) every socket created from Python during the test."""
    attempts: list[object] = []
    original = socket.socket.__init__

    def guarded(self: socket.socket, *args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("sockets are forbidden in this test")

    monkeypatch.setattr(socket.socket, "__init__", guarded)
    yield attempts
    monkeypatch.setattr(socket.socket, "__init__", original)
    assert attempts == [], f"a socket was created: {attempts}"
