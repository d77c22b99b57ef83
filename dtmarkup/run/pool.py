"""THE process pool: many documents (files, or the articles of a collection) in worker
processes, a few chunks in flight, results in input order.

Each worker compiles the schema and the rules once (with ``fork`` they are compiled in the
parent, before the workers start, and inherited), then takes documents in chunks; results
come back and are yielded in input order as soon as the chunks before them are done, with
a bounded number of chunks in flight, so memory stays flat however many documents there
are. Results are the same, finding for finding, as in one process.

``run(documents, check)`` is the runner contract shared with run.dask (bind the keyword
arguments with functools.partial); ``check`` must be picklable (a module-level function,
or a partial of one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from dtmarkup.diagnostics import Report
from dtmarkup.run.document import check_chunk, check_item
from dtmarkup.run.plan import Options, chunks, in_flight
from dtmarkup.run.workers import process_pool
from dtmarkup.sources.files import Item, prepare

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")


def run(
    documents: Iterable[T],
    check: Callable[[T], R],
    *,
    jobs: int,
    options: Options,
    batches: Callable[[Iterable[T]], Iterator[list[T]]] | None = None,
) -> Iterator[R]:
    """``check`` over ``documents`` in ``jobs`` worker processes, results in input order.

    ``batches`` cuts the documents into the chunks sent to the workers (default: a
    sequence sliced by run.plan.chunks). ``options`` says what the workers compile.
    """
    cut = chunks(list(documents), jobs) if batches is None else batches(documents)
    pending: deque[Future[list[R]]] = deque()
    with process_pool(jobs, options) as pool:
        for chunk in cut:
            pending.append(pool.submit(check_chunk, check, chunk))
            if len(pending) >= in_flight(jobs):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def check_in_workers(items: list[Item], options: Options, jobs: int) -> Iterator[Report]:
    """Reports for files in ``jobs`` workers (each checks its items with one job: no pools
    inside a worker)."""
    from dataclasses import replace
    from functools import partial

    single = replace(options, jobs=1)
    return run(prepare(items), partial(check_item, options=single), jobs=jobs, options=options)
