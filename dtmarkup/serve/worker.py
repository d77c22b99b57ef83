"""A worker process: compile once, then answer jobs read from standard input, in turn.

Started by ``dtmarkup.serve.pool`` as ``python -m dtmarkup.serve.worker PARENT_PID``. Frames in both
directions are a 4-byte big-endian length and a pickle (the web process and its workers
trust each other; documents are bytes inside the pickled job, never pickles). The
worker writes "ready" once warm, then one Answer per job.

It ignores SIGINT and SIGTERM: the web process drains the requests in flight, then
closes the worker's standard input, and the worker exits at end of file. A worker
whose web process died sees end of file too.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import struct
import sys
import traceback
from types import ModuleType
from typing import BinaryIO

HEADER = struct.Struct(">I")
READY = b"ready"
PR_SET_PDEATHSIG = 1


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame's payload, or None at end of file."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    payload = stream.read(size)
    return payload if len(payload) == size else None


def frame(payload: bytes) -> bytes:
    return HEADER.pack(len(payload)) + payload


def _answer(engine: ModuleType, job: object) -> object:
    """The job's answer; a bug becomes a 500 naming only the exception's class (its text
    may quote the document)."""
    try:
        return engine.run(job)
    except Exception as exc:
        body = f'{{"error": "internal", "exception": "{type(exc).__name__}"}}\n'
        return engine.Answer(500, "application/json", body.encode(), "error")


def _die_with_parent(parent: int) -> None:
    """On Linux, be killed when the web process dies, even in the middle of a job (at end
    of input is not enough: a busy worker would finish its document first)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(0)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
        _die_with_parent(int(args[0]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # Frames go on a private copy of standard output; anything printed by accident goes
    # to standard error instead of corrupting the stream.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer

    from dtmarkup.serve import engine

    engine.warm_up()
    out.write(frame(READY))
    out.flush()
    while True:
        payload = read_frame(inp)
        if payload is None:
            return 0
        answer = _answer(engine, pickle.loads(payload))
        out.write(frame(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)))
        out.flush()


def _crashed(exc: BaseException) -> None:
    """A last word on standard error, as the service's other log lines: one JSON object,
    the exception's class and frames, never its message (it may quote a document)."""
    frames = [
        f"{os.path.basename(f.filename)}:{f.lineno}:{f.name}"
        for f in traceback.extract_tb(exc.__traceback__)
    ]
    line = {"level": "error", "logger": "dtmarkup.serve.worker", "msg": "worker crashed",
            "exception": type(exc).__name__, "frames": frames}  # fmt: skip
    sys.stderr.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:
        _crashed(exc)
        sys.exit(70)
