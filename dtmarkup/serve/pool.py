"""Worker processes behind a bounded queue, with a time limit per request.

The web process never checks a document itself: a slow or hostile one would stop every
other request. It hands each job to an idle worker over a pipe; when none is idle, the
job waits in line. Requests are admitted up to ``workers + queue`` at once (by the
app's Admission, before the body is read), and the whole of a request, waiting
included, must end within ``timeout`` seconds. A worker still busy at the deadline is
killed and a fresh one started in its place, so one runaway document costs one worker
for a moment, never the service.

The pipes are read by protocol callbacks, not by coroutines: when a worker's answer
arrives, the same callback gives it the next job in line, without waiting for the event
loop to come round. An overloaded web process (thousands of 503 answers a second) thus
never leaves the workers idle.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import sys
from collections import deque
from dataclasses import dataclass, field
from typing import cast

from dtmarkup.serve.engine import Answer, Job
from dtmarkup.serve.worker import HEADER, READY, frame

START_TIMEOUT = 60.0
"""Seconds a new worker may take to compile the schema and rules."""
RESPAWN_PAUSE = 1.0
"""Seconds between attempts when a worker cannot be started."""


class TimedOut(Exception):
    """The request's deadline passed (504)."""


class WorkerLost(Exception):
    """The worker died while running the job (500); a new one replaces it."""


@dataclass(eq=False)
class _Entry:
    """One job and the future its request awaits."""

    job: Job
    future: asyncio.Future[Answer]
    worker: Worker | None = field(default=None)


class _Protocol(asyncio.SubprocessProtocol):
    """Cuts the worker's standard output into frames."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.buffer = bytearray()

    def pipe_data_received(self, fd: int, data: bytes) -> None:
        if fd != 1:
            return
        self.buffer += data
        while len(self.buffer) >= HEADER.size:
            (size,) = HEADER.unpack_from(self.buffer)
            if len(self.buffer) < HEADER.size + size:
                return
            payload = bytes(self.buffer[HEADER.size : HEADER.size + size])
            del self.buffer[: HEADER.size + size]
            self.worker.received(payload)

    def process_exited(self) -> None:
        self.worker.exited()


class Worker:
    """One worker process: it runs one job at a time, the pool gives it the next."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.transport: asyncio.SubprocessTransport | None = None
        self.ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.gone: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.current: _Entry | None = None
        self.dead = False

    async def start(self) -> None:
        """Start the process and wait until it says it is ready (schema compiled)."""
        try:
            await self._exec()
        except OSError as exc:
            self.dead = True
            raise WorkerLost(f"a worker process cannot be started: {exc.strerror}") from None
        try:
            await asyncio.wait_for(asyncio.shield(self.ready), START_TIMEOUT)
        except (TimeoutError, WorkerLost):
            self.kill()
            raise WorkerLost("a worker process did not start") from None

    async def _exec(self) -> None:
        loop = asyncio.get_running_loop()
        self.transport, _ = await loop.subprocess_exec(
            lambda: _Protocol(self),
            sys.executable,
            "-m",
            "dtmarkup.serve.worker",
            str(os.getpid()),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=None,
        )

    def received(self, payload: bytes) -> None:
        """A frame from the worker: "ready", or the answer to the current job."""
        if not self.ready.done():
            if payload == READY:
                self.ready.set_result(None)
            else:
                self.ready.set_exception(WorkerLost("a worker process did not start"))
            return
        entry, self.current = self.current, None
        answer = pickle.loads(payload)
        if entry is not None and not entry.future.done():
            if isinstance(answer, Answer):
                entry.future.set_result(answer)
            else:
                entry.future.set_exception(WorkerLost("the worker sent something else"))
        self.pool.free(self)

    def exited(self) -> None:
        if self.dead:
            return
        self.dead = True
        if not self.ready.done():
            self.ready.set_exception(WorkerLost("a worker process did not start"))
            self.ready.exception()  # seen: start() reports it
        entry, self.current = self.current, None
        if entry is not None and not entry.future.done():
            entry.future.set_exception(WorkerLost("the worker process ended"))
        if not self.gone.done():
            self.gone.set_result(None)
        self.pool.lost(self)

    def send(self, entry: _Entry) -> None:
        assert self.transport is not None and self.current is None
        self.current = entry
        entry.worker = self
        stdin = cast("asyncio.WriteTransport", self.transport.get_pipe_transport(0))
        stdin.write(frame(pickle.dumps(entry.job, protocol=pickle.HIGHEST_PROTOCOL)))

    def kill(self) -> None:
        if self.transport is not None and not self.dead:
            with contextlib.suppress(ProcessLookupError):
                self.transport.kill()

    async def stop(self) -> None:
        """End of input: the worker finishes its job (if any) and exits."""
        if self.transport is None:
            return
        stdin = self.transport.get_pipe_transport(0)
        if stdin is not None:
            stdin.close()
        try:
            await asyncio.wait_for(asyncio.shield(self.gone), 10)
        except TimeoutError:
            self.kill()
        self.transport.close()


class Pool:
    """``size`` workers; ``run`` gives a job to an idle one or puts it in line."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._idle: list[Worker] = []
        self._line: deque[_Entry] = deque()
        self._all: set[Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = False
        self.restarts = 0
        """Workers replaced (killed at a deadline, or died)."""

    @property
    def busy(self) -> int:
        """Workers running a job."""
        return sum(1 for w in self._all if w.current is not None)

    @property
    def waiting(self) -> int:
        """Requests waiting for a worker."""
        return sum(1 for e in self._line if not e.future.done())

    async def start(self) -> None:
        workers = [Worker(self) for _ in range(self.size)]
        self._all.update(workers)
        try:
            await asyncio.gather(*(w.start() for w in workers))
        except BaseException:
            for worker in workers:
                worker.kill()
            raise
        self._idle.extend(workers)

    async def run(self, job: Job, deadline: float) -> Answer:
        """Run ``job`` on a worker; TimedOut past ``deadline`` (a loop.time() value)."""
        loop = asyncio.get_running_loop()
        entry = _Entry(job, loop.create_future())
        if self._idle:
            self._idle.pop().send(entry)
        else:
            self._line.append(entry)
        try:
            return await asyncio.wait_for(entry.future, max(0.0, deadline - loop.time()))
        except TimeoutError:
            worker = entry.worker
            if worker is not None and worker.current is entry:
                worker.kill()  # stuck on this document: exited() replaces it
            raise TimedOut from None
        finally:
            if entry.worker is None:
                with contextlib.suppress(ValueError):
                    self._line.remove(entry)

    def free(self, worker: Worker) -> None:
        """``worker`` finished a job: the next one in line, at once, or it waits idle."""
        if worker.dead or self._closing:
            return
        while self._line:
            entry = self._line.popleft()
            if not entry.future.done():  # its request may have gone (deadline, client)
                worker.send(entry)
                return
        self._idle.append(worker)

    def lost(self, worker: Worker) -> None:
        """``worker`` ended: forget it and, unless closing, start another."""
        self._all.discard(worker)
        with contextlib.suppress(ValueError):
            self._idle.remove(worker)
        if self._closing or not worker.ready.done() or worker.ready.exception() is not None:
            return  # one that never started: start() or _spawn() deals with it
        self.restarts += 1
        task = asyncio.ensure_future(self._spawn())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _spawn(self) -> None:
        while not self._closing:
            worker = Worker(self)
            self._all.add(worker)
            try:
                await worker.start()
            except WorkerLost:
                self._all.discard(worker)
                await asyncio.sleep(RESPAWN_PAUSE)
                continue
            if self._closing:
                await worker.stop()
                return
            self.free(worker)
            return

    async def close(self) -> None:
        """Stop every worker once its current job is done."""
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*(w.stop() for w in list(self._all)), return_exceptions=True)
        self._all.clear()
        self._idle.clear()
