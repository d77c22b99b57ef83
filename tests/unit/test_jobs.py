"""--jobs: worker processes give the same reports, in the same order, as one process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dtmarkup.cli import main
from dtmarkup.run import check_all, plan, pool, workers
from dtmarkup.run.plan import Options, chunks
from dtmarkup.sources.files import Item, expand
from dtmarkup.workspace.selection import Selection

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.xml"))
REFERENCE = ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml"


def make_batch(folder: Path, count: int) -> list[str]:
    """``count`` files: samples, and every fifth one damaged in a different way."""
    text = REFERENCE.read_text(encoding="utf-8")
    damages = [
        lambda t: t.replace('ref="lavrov">Sergey', 'ref="nobody">Sergey', 1),  # DT108
        lambda t: t.replace("</headline>", "</headline", 1),  # DT001
        lambda t: t.replace('<subject qcode="medtop:11000000">', '<subject qcode="x">', 1),
        lambda t: t.replace("<figure>", "<figure><bogus/>", 1),  # DT101
    ]
    names = []
    for number in range(count):
        path = folder / f"doc-{number:03d}.xml"
        if number % 5 == 4:
            path.write_text(damages[(number // 5) % len(damages)](text), encoding="utf-8")
        else:
            path.write_bytes(SAMPLES[number % len(SAMPLES)].read_bytes())
        names.append(str(path))
    return names


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("many")
    return make_batch(folder, plan.IN_PROCESS_BELOW + 22)


def test_workers_give_the_same_reports_in_the_same_order(many: list[str]) -> None:
    items = expand([*many, str(Path(many[0]).parent / "missing.xml")])
    single = list(check_all(items, Options(jobs=1)))
    pooled = list(pool.check_in_workers(items, Options(jobs=2), jobs=2))
    assert pooled == single
    assert [r.path for r in pooled] == [*many, str(Path(many[0]).parent / "missing.xml")]
    assert {code for r in single for code in r.codes()} >= {"DT001", "DT101", "DT105", "DT108"}
    assert single[-1].codes() == {"DT002"}
    assert not single[-1].readable


def test_spawned_workers_give_the_same_reports(
    monkeypatch: pytest.MonkeyPatch, many: list[str]
) -> None:
    monkeypatch.setattr(workers, "_can_fork", lambda: False)  # as on macOS and Windows
    items = expand(many[:12])
    assert list(pool.check_in_workers(items, Options(jobs=2), jobs=2)) == list(
        check_all(items, Options(jobs=1))
    )


def test_selection_applies_once_whatever_the_runner(
    monkeypatch: pytest.MonkeyPatch, many: list[str]
) -> None:
    monkeypatch.setattr(plan, "default_jobs", lambda: 2)
    options = Options(jobs=2, selection=Selection(select=("DT108",)))
    pooled = list(check_all(expand(many), options))
    assert {code for r in pooled for code in r.codes()} == {"DT108"}
    assert pooled == list(check_all(expand(many), Options(jobs=1, selection=options.selection)))
    # the workers return every finding: the selection is the run's, applied after them
    unfiltered = list(pool.check_in_workers(expand(many), options, jobs=2))
    assert {code for r in unfiltered for code in r.codes()} > {"DT108"}


def test_small_batches_stay_in_process(monkeypatch: pytest.MonkeyPatch, many: list[str]) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a small batch must not start workers")

    monkeypatch.setattr(pool, "check_in_workers", refuse)
    reports = list(check_all(expand(many[:3]), Options(jobs=8)))
    assert [r.path for r in reports] == many[:3]


def test_large_batches_use_workers(monkeypatch: pytest.MonkeyPatch, many: list[str]) -> None:
    used = []
    original = pool.check_in_workers

    def spy(items: list[Item], options: Options, jobs: int):  # type: ignore[no-untyped-def]
        used.append(jobs)
        return original(items, options, jobs)

    monkeypatch.setattr(pool, "check_in_workers", spy)
    monkeypatch.setattr(plan, "default_jobs", lambda: 2)  # two workers on any machine
    assert len(list(check_all(expand(many), Options(jobs=2)))) == len(many)
    assert used == [2]


def test_chunks_cover_every_item_once_in_order() -> None:
    items = [Item(str(n), Path(str(n))) for n in range(2000)]
    parts = list(chunks(items, 2))
    assert [i for part in parts for i in part] == items
    assert max(len(part) for part in parts) == plan.MAX_CHUNK
    assert [len(p) for p in chunks(items[:10], 4)] == [1] * 10


def test_default_jobs_is_the_cpu_count() -> None:
    assert plan.default_jobs() >= 1


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_cli_jobs_report_is_identical(many: list[str], output_format: str) -> None:
    runner = CliRunner()
    folder = str(Path(many[0]).parent)
    args = ["validate", "--no-config", "--format", output_format, folder]
    one = runner.invoke(main, [*args, "--jobs", "1"])
    two = runner.invoke(main, [*args, "--jobs", "2"])
    assert one.exit_code == 1, one.output
    assert two.exit_code == 1
    assert two.output == one.output
    assert "DT108" in one.output


def test_cli_jobs_with_standard_input(many: list[str]) -> None:
    runner = CliRunner()
    stdin = REFERENCE.read_bytes().replace(b'ref="lavrov">Sergey', b'ref="gone">Sergey', 1)
    args = ["validate", "--no-config", "-", *many]
    one = runner.invoke(main, [*args, "--jobs", "1"], input=stdin)
    two = runner.invoke(main, [*args, "--jobs", "2"], input=stdin)
    assert two.output == one.output
    assert one.output.startswith("-:")
    assert "'gone'" in one.output.splitlines()[0]


def test_validating_one_file_imports_only_what_it_needs() -> None:
    """Single-file latency (issue 7): no model, renderer, second engine or pool at start-up."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from dtmarkup.cli import main\n"
        f"sys.argv = ['dtmarkup', 'validate', '--no-config', {str(REFERENCE)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('jinja2', 'xmlschema', 'elementpath', 'dtmarkup.model', 'dtmarkup.formats',\n"
        "         'dtmarkup.render', 'distributed', 'dask', 'concurrent.futures',\n"
        "         'lxml.isoschematron', 'dtmarkup.sources.collection')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["1 file checked: all valid (0 errors, 0 warnings)", "[]"]


def test_a_directory_walk_does_not_read_pipes_and_devices(tmp_path: Path) -> None:
    import os

    from dtmarkup.sources.files import expand

    (tmp_path / "a.xml").write_bytes(b"<a/>")
    os.mkfifo(tmp_path / "pipe.xml")
    items = expand([str(tmp_path)])
    assert [item.name for item in items] == [str(tmp_path / "a.xml"), str(tmp_path / "pipe.xml")]
    assert items[0].finding is None
    assert items[1].finding is not None and items[1].finding.code == "DT030"


def test_workers_are_pure_decisions() -> None:
    assert plan.workers(items=3, jobs=8, cpus=8) == 1  # a small batch stays in process
    assert plan.workers(items=plan.IN_PROCESS_BELOW, jobs=8, cpus=8) == 8
    assert plan.workers(items=plan.IN_PROCESS_BELOW, jobs=1, cpus=8) == 1
    assert plan.collection_workers(plan.PARALLEL_FROM - 1, jobs=4, cpus=4) == 1
    assert plan.collection_workers(plan.PARALLEL_FROM, jobs=4, cpus=4) == 4
    assert plan.chunk_size(items=10, jobs=2) == 1
    assert plan.chunk_size(items=100_000, jobs=2) == plan.MAX_CHUNK
    assert plan.in_flight(3) == 3 * plan.IN_FLIGHT_PER_JOB


def test_jobs_are_capped_at_the_cpus() -> None:
    """A repository's config says jobs = 100: two CPUs still get two workers (issue 18.8)."""
    assert plan.cap_jobs(100, cpus=2) == 2
    assert plan.cap_jobs(0, cpus=2) == 1
    assert plan.cap_jobs(-5, cpus=2) == 1
    assert plan.workers(items=10_000, jobs=100, cpus=2) == 2
    assert plan.collection_workers(plan.PARALLEL_FROM, jobs=100, cpus=2) == 2


def test_a_hundred_jobs_start_no_more_workers_than_cpus(
    monkeypatch: pytest.MonkeyPatch, many: list[str]
) -> None:
    used = []
    original = pool.check_in_workers

    def spy(items: list[Item], options: Options, jobs: int):  # type: ignore[no-untyped-def]
        used.append(jobs)
        return original(items, options, jobs)

    monkeypatch.setattr(pool, "check_in_workers", spy)
    monkeypatch.setattr(plan, "default_jobs", lambda: 2)
    assert len(list(check_all(expand(many), Options(jobs=100)))) == len(many)
    assert used == [2]


def test_chunks_by_size_close_at_the_limit_and_keep_order() -> None:
    sizes = [5, 5, 1, 9, 2, 2]
    parts = list(plan.chunks_by_size(iter(sizes), size=lambda n: n, limit=10))
    assert parts == [[5, 5], [1, 9], [2, 2]]
