"""Many documents in worker processes, a few chunks in flight, reports in input order.

Each worker compiles the schema and the rules once (with ``fork`` they are compiled in the
parent, before the workers start, and inherited), then takes documents in chunks; reports
come back and are yielded in input order as soon as the chunks before them are done, with
a bounded number of chunks in flight, so memory stays flat however many files there are.
Reports are the same, finding for finding, as with ``jobs=1``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dtmarkup.diagnostics import Report
from dtmarkup.run.document import check_chunk
from dtmarkup.run.plan import IN_FLIGHT_PER_JOB, Options, chunks
from dtmarkup.run.workers import process_pool
from dtmarkup.sources.files import Item, prepare

if TYPE_CHECKING:
    from concurrent.futures import Future


def check_in_workers(items: list[Item], options: Options, jobs: int) -> Iterator[Report]:
    pending: deque[Future[list[Report]]] = deque()
    with process_pool(jobs, options) as pool:
        for chunk in chunks(prepare(items), jobs):
            pending.append(pool.submit(check_chunk, chunk, options))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
