"""Worker processes with the schema and rules compiled, ready to check (for the pool of
files and for the articles of a large collection alike)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from dtmarkup.run.plan import Options

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


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


def _can_fork() -> bool:
    """Linux only: on macOS, fork is unsafe with system frameworks (spawn is its default)."""
    return sys.platform.startswith("linux")


def warm_up(options: Options) -> None:
    """Compile the schema (and the rules) in this process, once."""
    from dtmarkup.check import rules, xsd

    xsd.schema()
    if options.rules:
        rules.transform()
