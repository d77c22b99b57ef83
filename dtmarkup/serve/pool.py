"""Worker processes behind a bounded queue, with a time limit per request.

The web process never checks a document itself: a slow or hostile one would stop every
other request. It hands each job to an idle worker over a pipe. Requests are admitted up
to ``workers + queue`` at once (``Settings.admitted``, counted by the app before the body
is read); an admitted request waits for a worker, and the whole of it, waiting included,
must end within ``timeout`` seconds. A worker still busy at the deadline is killed and a
fresh one started in its place, so one runaway document costs one worker for a moment,
never the service.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import sys

from dtmarkup.serve.engine import Answer, Job
from dtmarkup.serve.worker import HEADER, READY, frame

START_TIMEOUT = 60.0
"""Seconds a new worker may take to compile the schema and rules."""


class TimedOut(Exception):
    """The request's deadline passed (504)."""


class WorkerLost(Exception):
    """The worker died while running the job (500); a new one replaces it."""


class Worker:
    """One worker process and its pipes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls) -> Worker:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "dtmarkup.serve.worker",
            str(os.getpid()),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        worker = cls(process)
        try:
            ready = await asyncio.wait_for(worker._read(), START_TIMEOUT)
        except (TimeoutError, WorkerLost):
            worker.kill()
            raise WorkerLost("a worker process did not start") from None
        if ready != READY:
            worker.kill()
            raise WorkerLost("a worker process did not start")
        return worker

    async def _read(self) -> bytes:
        assert self.process.stdout is not None
        try:
            head = await self.process.stdout.readexactly(HEADER.size)
            (size,) = HEADER.unpack(head)
            return await self.process.stdout.readexactly(size)
        except (asyncio.IncompleteReadError, ConnectionError):
            raise WorkerLost("the worker process ended") from None

    async def call(self, job: Job) -> Answer:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(frame(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)))
            await self.process.stdin.drain()
        except ConnectionError:
            raise WorkerLost("the worker process ended") from None
        answer = pickle.loads(await self._read())
        if not isinstance(answer, Answer):
            raise WorkerLost("the worker process sent something that is not an answer")
        return answer

    @property
    def alive(self) -> bool:
        return self.process.returncode is None

    def kill(self) -> None:
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()

    async def stop(self) -> None:
        """End of input: the worker finishes its job (if any) and exits."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), 10)
        except TimeoutError:
            self.kill()
            await self.process.wait()


class Pool:
    """``size`` workers; ``run`` waits for an idle one, bounded by the deadline."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = False
        self.busy = 0
        """Workers running a job."""
        self.waiting = 0
        """Requests waiting for a worker."""
        self.restarts = 0
        """Workers replaced (killed at a deadline, or died)."""

    async def start(self) -> None:
        workers = await asyncio.gather(*(Worker.start() for _ in range(self.size)))
        for worker in workers:
            self._all.add(worker)
            self._idle.put_nowait(worker)

    async def run(self, job: Job, deadline: float) -> Answer:
        """Run ``job`` on a worker; TimedOut past ``deadline`` (a loop.time() value)."""
        loop = asyncio.get_running_loop()
        self.waiting += 1
        try:
            worker = await self._take(deadline)
        finally:
            self.waiting -= 1
        task = asyncio.ensure_future(self._on(worker, job))
        task.add_done_callback(_retrieve)
        try:
            return await asyncio.wait_for(asyncio.shield(task), max(0.0, deadline - loop.time()))
        except TimeoutError:
            if task.done() and not task.cancelled() and task.exception() is None:
                return task.result()  # the answer came with the deadline: the worker is back
            worker.kill()  # the task then ends in WorkerLost and replaces the worker
            raise TimedOut from None

    async def _take(self, deadline: float) -> Worker:
        """An idle worker that is still alive (a dead one is replaced, not used)."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                worker = await asyncio.wait_for(self._idle.get(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise TimedOut from None
            if worker.alive:
                return worker
            self._replace(worker)

    async def _on(self, worker: Worker, job: Job) -> Answer:
        """The job on ``worker``; the worker goes back to the pool, or is replaced."""
        self.busy += 1
        try:
            answer = await worker.call(job)
        except BaseException:
            self._replace(worker)
            raise
        finally:
            self.busy -= 1
        self._idle.put_nowait(worker)
        return answer

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        self._all.discard(worker)
        if self._closing:
            return
        self.restarts += 1
        task = asyncio.ensure_future(self._spawn())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _spawn(self) -> None:
        while not self._closing:
            try:
                worker = await Worker.start()
            except WorkerLost:
                await asyncio.sleep(1.0)
                continue
            if self._closing:
                await worker.stop()
                return
            self._all.add(worker)
            self._idle.put_nowait(worker)
            return

    async def close(self) -> None:
        """Stop every worker once its current job is done."""
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*(w.stop() for w in list(self._all)), return_exceptions=True)
        self._all.clear()


def _retrieve(task: asyncio.Task[Answer]) -> None:
    """Mark a job's failure as seen: the request may have gone (deadline, disconnect)."""
    if not task.cancelled():
        task.exception()
