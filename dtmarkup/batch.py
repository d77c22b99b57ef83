"""Validating many documents: expand the paths a user gave, check each, in input order.

With ``jobs > 1`` and enough documents, the checks run in worker processes. Each worker
compiles the schema and the rules once (with ``fork`` they are compiled in the parent,
before the workers start, and inherited), then takes documents in chunks; reports come
back and are yielded in input order as soon as the chunks before them are done, with a
bounded number of chunks in flight, so memory stays flat however many files there are.
Reports are the same, finding for finding, as with ``jobs=1``.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Report
from dtmarkup.selection import Selection

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

STDIN = "-"

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


@dataclass(frozen=True, slots=True)
class Item:
    """One document to check: a file, standard input, or a path that does not exist.

    ``data`` holds the bytes of standard input once read (workers have no stdin), or
    ``unreadable`` why it could not be read.
    """

    name: str
    path: Path | None
    missing: bool = False
    data: bytes | None = None
    unreadable: str | None = None


def expand(paths: Sequence[str]) -> list[Item]:
    """Files as given; directories as their ``*.xml`` files, recursively, sorted; ``-``."""
    items: list[Item] = []
    for given in paths:
        if given == STDIN:
            items.append(Item(STDIN, None))
            continue
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    found = Path(root) / name
                    # Regular files only: a FIFO or device named *.xml in a tree is not a
                    # document (named on the command line, it is read: the user asked).
                    if name.endswith(".xml") and not name.startswith(".") and found.is_file():
                        items.append(Item(str(found), found))
        elif path.exists():
            items.append(Item(given, path))
        else:
            items.append(Item(given, path, missing=True))
    return items


def check_item(item: Item, options: Options) -> Report:
    """Check one item; never raises for a bad document or a missing file.

    A document whose root is ``<collection>`` is checked article by article
    (dtmarkup.stream), whatever its size; any other goes through the input gate whole.
    """
    from dtmarkup.validate import validate, validate_bytes

    if item.missing:
        return Report(
            item.name,
            (diagnostic("DT002", f"no such file or directory: {item.name}"),),
            readable=False,
        )
    if item.unreadable is not None:
        return Report(
            item.name, (diagnostic("DT002", f"cannot read input: {item.unreadable}"),), False
        )
    if item.path is None:
        data = item.data if item.data is not None else _read_stdin()
        report = validate_bytes(data, item.name, rules=options.rules, jobs=options.jobs)
    else:
        report = validate(item.path, rules=options.rules, name=item.name, jobs=options.jobs)
    return options.selection.apply(report)


def _read_stdin() -> bytes:
    """Standard input, read up to one byte past the size limit (the gate then refuses it)."""
    from dtmarkup.xml.parse import DEFAULT_MAX_BYTES

    chunks = []
    wanted = DEFAULT_MAX_BYTES + 1
    while wanted > 0:
        chunk = sys.stdin.buffer.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def check_all(items: Iterable[Item], options: Options) -> Iterator[Report]:
    """Reports for ``items``, in input order; in worker processes when it pays."""
    todo = list(items)
    if options.dask:
        from dtmarkup.dask_runner import check_all_dask

        yield from check_all_dask(prepare(todo), options, options.dask)
        return
    jobs = min(options.jobs, len(todo))
    if jobs <= 1 or len(todo) < IN_PROCESS_BELOW:
        for item in todo:
            yield check_item(item, options)
        return
    yield from _check_in_workers(todo, options, jobs)


def prepare(items: list[Item]) -> list[Item]:
    """Read standard input here, once: worker processes cannot."""
    prepared = []
    for item in items:
        if item.path is None and item.data is None and not item.missing:
            try:
                item = Item(item.name, None, data=_read_stdin())
            except OSError as exc:
                item = Item(item.name, None, unreadable=exc.strerror or type(exc).__name__)
        prepared.append(item)
    return prepared


def chunks(items: Sequence[Item], jobs: int) -> Iterator[list[Item]]:
    """Consecutive slices: about eight per worker for small batches, MAX_CHUNK at most."""
    size = max(1, min(MAX_CHUNK, len(items) // (jobs * 8)))
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def process_pool(jobs: int, options: Options) -> ProcessPoolExecutor:
    """``jobs`` worker processes with the schema and rules compiled, ready to check."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    warm_up(options)  # schema or rules errors surface here, in the parent, as usual
    # fork shares the compiled schema and rules with the workers for free; it is unsafe
    # once other threads exist (a Dask client, a test runner's), so spawn then.
    method = "fork" if _can_fork() and threading.active_count() == 1 else "spawn"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=warm_up, initargs=(options,)
    )


def _check_in_workers(items: list[Item], options: Options, jobs: int) -> Iterator[Report]:
    pending: deque[Future[list[Report]]] = deque()
    with process_pool(jobs, options) as pool:
        for chunk in chunks(prepare(items), jobs):
            pending.append(pool.submit(check_chunk, chunk, options))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _can_fork() -> bool:
    """Linux only: on macOS, fork is unsafe with system frameworks (spawn is its default)."""
    return sys.platform.startswith("linux")


def warm_up(options: Options) -> None:
    """Compile the schema (and the rules) in this process, once."""
    from dtmarkup.validate import rules, xsd

    xsd.schema()
    if options.rules:
        rules.transform()


def check_chunk(items: list[Item], options: Options) -> list[Report]:
    """A worker's task: check consecutive items, in order (no pools inside a worker)."""
    single = replace(options, jobs=1)
    return [check_item(item, single) for item in items]
