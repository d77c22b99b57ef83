"""Validation on a Dask cluster: the same checks, the same reports, more machines.

The client (this process) expands the paths and reads each file through the input gate,
then sends the bytes in chunks to the workers, which run exactly what ``--jobs`` workers
run (dtmarkup.run.document.check_item). So workers need dtmarkup installed, but no access to
the files. Reports come back in input order, with a bounded number of chunks in flight.

Files the gate cannot read, or refuses as too large, are reported by the client; a
collection over the size limit is streamed by the client itself (it is one file, read
article by article: sending it whole would defeat the point).

Requires the optional extra: ``pip install 'dtmarkup[dask]'``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import replace
from functools import partial
from itertools import islice
from typing import Any, TypeVar

from dtmarkup.diagnostics import Report
from dtmarkup.errors import DtmError
from dtmarkup.run.document import check_chunk, check_item
from dtmarkup.run.plan import (
    MAX_CHUNK,
    Options,
    cap_jobs,
    chunk_size,
    default_jobs,
    in_flight,
)
from dtmarkup.sources.files import Item

T = TypeVar("T")
R = TypeVar("R")

LOCAL = "local"
"""The ``--dask`` address that starts a cluster on this machine for the run."""
CONNECT_TIMEOUT = "10s"
"""How long to wait for a remote scheduler before giving up."""


class DaskUnavailable(DtmError):
    """dask.distributed is not installed, or the scheduler cannot be reached."""


def check_all_dask(items: Sequence[Item], options: Options, address: str) -> Iterator[Report]:
    """Reports for ``items``, in input order, computed on the cluster at ``address``."""
    single = replace(options, jobs=1)
    return run(
        (_read(item, single) for item in items),
        partial(_settle, options=single),
        address=address,
        jobs=cap_jobs(options.jobs, default_jobs()),
        count=len(items),
    )


def run(
    documents: Iterable[T],
    check: Callable[[T], R],
    *,
    address: str,
    jobs: int,
    count: int | None = None,
) -> Iterator[R]:
    """``check`` over ``documents`` on the cluster at ``address`` (``local``: one started
    here with ``jobs`` workers), results in input order, a few chunks in flight.

    ``documents`` are read lazily, a chunk at a time (``count``, when known, sizes the
    chunks as for the process pool); ``check`` must be picklable."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskUnavailable(
            "--dask needs dask.distributed: pip install 'dtmarkup[dask]'"
        ) from exc
    with ExitStack() as stack:
        try:
            if address == LOCAL:
                cluster = stack.enter_context(
                    LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=jobs,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                    )
                )
                client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            else:
                client = stack.enter_context(Client(address, timeout=CONNECT_TIMEOUT))  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque[Any] = deque()
        size = MAX_CHUNK if count is None else chunk_size(count, workers)
        todo = iter(documents)
        while chunk := list(islice(todo, size)):
            pending.append(client.submit(check_chunk, check, chunk, pure=False))
            if len(pending) >= in_flight(workers):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _settle(item: Item | Report, options: Options) -> Report:
    """On a worker: the report of an item read by the client (or the one it settled)."""
    return item if isinstance(item, Report) else check_item(item, options)


def _read(item: Item, options: Options) -> Item | Report:
    """The item with its bytes, ready to send; or its report when it is settled here."""
    from dtmarkup.errors import UnreadableInputError
    from dtmarkup.sources.files import open_item
    from dtmarkup.xml.gate import InputRejected, read_source

    if (
        item.missing
        or item.path is None
        or item.data is not None
        or item.finding
        or item.unreadable
    ):
        return item if item.data is not None else check_item(item, options)
    try:
        if item.identity is None:
            return Item(item.name, None, data=read_source(item.path))
        with open_item(item) as handle:  # found by a walk: only the file it approved
            return Item(item.name, None, data=read_source(handle))
    except (UnreadableInputError, InputRejected, OSError):
        return check_item(item, options)  # the same report a local run gives
