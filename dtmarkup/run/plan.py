"""Decisions shared by every runner: what a run checks, how many workers, how to cut the
work into chunks and how many chunks may be in flight. No runner is imported here."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from dtmarkup.workspace.selection import Selection

T = TypeVar("T")

IN_PROCESS_BELOW = 48
"""Batches smaller than this are checked in this process: starting workers costs more
(tens of milliseconds) than checking a few dozen articles (about a millisecond each)."""
MAX_CHUNK = 64
"""Documents per task sent to a worker: large enough to amortise the round trip."""
IN_FLIGHT_PER_JOB = 4
"""Chunks queued per worker: keeps workers busy while bounding memory."""


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class Options:
    """What to check and which findings to keep; the same for every document of a run."""

    rules: bool = True
    selection: Selection = field(default_factory=Selection)
    jobs: int = 1
    dask: str | None = None
    """A Dask scheduler address (or ``local``): run the checks on that cluster."""


def chunks(items: Sequence[T], jobs: int) -> Iterator[list[T]]:
    """Consecutive slices: about eight per worker for small batches, MAX_CHUNK at most."""
    size = max(1, min(MAX_CHUNK, len(items) // (jobs * 8)))
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
