"""Validation on a Dask cluster: the same checks, the same reports, more machines.

The client (this process) expands the paths and reads each file through the input gate,
then sends the bytes in chunks to the workers, which run exactly what ``--jobs`` workers
run (dtmarkup.batch.check_chunk). So workers need dtmarkup installed, but no access to
the files. Reports come back in input order, with a bounded number of chunks in flight.

Files the gate cannot read, or refuses as too large, are reported by the client; a
collection over the size limit is streamed by the client itself (it is one file, read
article by article: sending it whole would defeat the point).

Requires the optional extra: ``pip install 'dtmarkup[dask]'``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import Any

from dtmarkup.diagnostics import Report
from dtmarkup.errors import DtmError
from dtmarkup.run.document import check_chunk, check_item
from dtmarkup.run.plan import IN_FLIGHT_PER_JOB, Options, chunks
from dtmarkup.sources.files import Item

LOCAL = "local"
"""The ``--dask`` address that starts a cluster on this machine for the run."""
CONNECT_TIMEOUT = "10s"
"""How long to wait for a remote scheduler before giving up."""


class DaskUnavailable(DtmError):
    """dask.distributed is not installed, or the scheduler cannot be reached."""


def check_all_dask(items: Sequence[Item], options: Options, address: str) -> Iterator[Report]:
    """Reports for ``items``, in input order, computed on the cluster at ``address``."""
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
                        n_workers=options.jobs,
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
        yield from _run(client, items, options, workers)


def _run(client: Any, items: Sequence[Item], options: Options, workers: int) -> Iterator[Report]:
    pending: deque[tuple[list[Report | None], Any]] = deque()
    for chunk in chunks(items, workers):
        slots: list[Report | None] = []
        remote: list[Item] = []
        for item in chunk:
            local = _read(item, options)
            if isinstance(local, Report):
                slots.append(local)
            else:
                slots.append(None)
                remote.append(local)
        future = client.submit(check_chunk, remote, options, pure=False) if remote else None
        pending.append((slots, future))
        if len(pending) >= workers * IN_FLIGHT_PER_JOB:
            yield from _merge(*pending.popleft())
    while pending:
        yield from _merge(*pending.popleft())


def _merge(slots: list[Report | None], future: Any) -> Iterator[Report]:
    done = iter(future.result() if future is not None else ())
    for slot in slots:
        yield slot if slot is not None else next(done)


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
