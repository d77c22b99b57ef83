"""Many documents: the only package that knows about processes. It picks a runner (this
process, the process pool, a Dask cluster); the runners share ``run.plan`` and
``run.document`` and never import each other."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from dtmarkup.diagnostics import Report
from dtmarkup.run import plan
from dtmarkup.run.document import check_item, validate
from dtmarkup.run.plan import Options
from dtmarkup.sources.files import Item, expand, prepare

__all__ = ["Options", "check_all", "validate", "validate_many"]


def check_all(items: Iterable[Item], options: Options) -> Iterator[Report]:
    """Reports for ``items``, in input order; in worker processes when it pays. The
    selection (select, ignore, error, per-file-ignores) is applied here, once per report,
    whatever the runner."""
    for report in _reports(list(items), options):
        yield options.selection.apply(report)


def _reports(todo: list[Item], options: Options) -> Iterator[Report]:
    if options.dask:
        from dtmarkup.run.dask import check_all_dask  # only with --dask

        yield from check_all_dask(prepare(todo), options, options.dask)
        return
    jobs = plan.workers(len(todo), options.jobs, plan.default_jobs())
    if jobs <= 1:
        for item in todo:
            yield check_item(item, options)
        return
    from dtmarkup.run.pool import check_in_workers

    yield from check_in_workers(todo, options, jobs)


def validate_many(paths: Sequence[str], options: Options | None = None) -> Iterator[Report]:
    """Reports for files, directories (their ``*.xml``) and ``-``, in input order."""
    return check_all(expand(paths), options or Options())
