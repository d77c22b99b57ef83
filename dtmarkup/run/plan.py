"""Decisions shared by every runner: what a run checks, how many workers, how to cut the
work into chunks and how many chunks may be in flight. Pure functions; no runner is
imported here."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dtmarkup.workspace.selection import Selection

T = TypeVar("T")

IN_PROCESS_BELOW = 48
"""Batches smaller than this are checked in this process: starting workers costs more
(tens of milliseconds) than checking a few dozen articles (about a millisecond each)."""
MAX_CHUNK = 64
"""Documents per task sent to a worker: large enough to amortise the round trip."""
IN_FLIGHT_PER_JOB = 4
"""Chunks queued per worker: keeps workers busy while bounding memory."""
PARALLEL_FROM = 8 * 1024 * 1024
"""Collections at least this large are checked in worker processes when jobs > 1."""
CHUNK_BYTES = 1024 * 1024
"""Bytes of collection articles per task sent to a worker."""


RUNNERS = {
    "serial": "dtmarkup.run.serial:run",
    "pool": "dtmarkup.run.pool:run",
    "dask": "dtmarkup.run.dask:run",
}
"""The runners, by name. Each is ``run(documents, check, **settings) -> Iterator``, results
in input order; they share this module and never import each other (nor does anything
they import import another runner: that is why they are loaded by name)."""


def runner(name: str) -> Callable[..., Iterator[Any]]:
    """The runner called ``name`` (imported on first use: Dask is an optional extra)."""
    module, function = RUNNERS[name].split(":")
    found: Callable[..., Iterator[Any]] = getattr(importlib.import_module(module), function)
    return found


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def cap_jobs(requested: int, cpus: int) -> int:
    """Workers to start for ``requested`` jobs on ``cpus`` CPUs: at least one, never more
    than the CPUs (the checks are CPU-bound: more workers only cost memory and start-up).
    A repository's configuration sets ``jobs``, so it must not decide how many processes
    this machine forks."""
    return max(1, min(requested, cpus))


def workers(items: int, jobs: int, cpus: int) -> int:
    """Worker processes for a batch of ``items`` files: 1 (this process) for small ones."""
    if items < IN_PROCESS_BELOW:
        return 1
    return cap_jobs(min(jobs, items), cpus)


def collection_workers(size: int, jobs: int, cpus: int) -> int:
    """Worker processes for a collection of ``size`` bytes: 1 below PARALLEL_FROM."""
    return cap_jobs(jobs, cpus) if size >= PARALLEL_FROM else 1


def in_flight(jobs: int) -> int:
    """Chunks that may be queued before the first is waited for."""
    return jobs * IN_FLIGHT_PER_JOB


@dataclass(frozen=True, slots=True)
class Options:
    """What to check and which findings to keep; the same for every document of a run."""

    rules: bool = True
    selection: Selection = field(default_factory=Selection)
    jobs: int = 1
    dask: str | None = None
    """A Dask scheduler address (or ``local``): run the checks on that cluster."""


def chunk_size(items: int, jobs: int) -> int:
    """Documents per chunk: about eight chunks per worker for small batches, MAX_CHUNK at most."""
    return max(1, min(MAX_CHUNK, items // (jobs * 8)))


def chunks(items: Sequence[T], jobs: int) -> Iterator[list[T]]:
    """Consecutive slices of chunk_size(len(items), jobs)."""
    size = chunk_size(len(items), jobs)
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def chunks_by_size(
    items: Iterable[T], size: Callable[[T], int], limit: int | None = None
) -> Iterator[list[T]]:
    """Consecutive runs of ``items`` (read lazily), each closed once its sizes reach
    ``limit`` (default CHUNK_BYTES)."""
    limit = CHUNK_BYTES if limit is None else limit
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += size(item)
        if total >= limit:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk
