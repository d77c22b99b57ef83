"""--dask: the same reports from a real Dask cluster (two workers on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtmarkup.cli import main
from dtmarkup.run import check_all
from dtmarkup.run import dask as dask_runner
from dtmarkup.run.plan import Options
from dtmarkup.sources.files import expand

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Samples, damaged copies, a collection, and a path that does not exist."""
    folder = tmp_path_factory.mktemp("dask")
    text = REFERENCE.read_text(encoding="utf-8")
    names = []
    for number, sample in enumerate(sorted((ROOT / "samples").glob("*.xml"))):
        path = folder / f"s{number}.xml"
        path.write_bytes(sample.read_bytes())
        names.append(str(path))
    for number, damaged in enumerate(
        [
            text.replace('ref="lavrov">Sergey', 'ref="nobody">Sergey', 1),
            text.replace("</headline>", "</headline", 1),
            text.replace('photographer="przysucha"', "", 1),
        ]
    ):
        path = folder / f"d{number}.xml"
        path.write_text(damaged, encoding="utf-8")
        names.append(str(path))
    article = text[text.index("<article") :].replace(' xmlns="urn:dtmarkup:1"', "", 1)
    path = folder / "collection.xml"
    broken = article.replace('ref="lavrov">Sergey', 'ref="x">Sergey', 1)
    path.write_text(
        f'<collection xmlns="urn:dtmarkup:1">\n{article}\n{broken}</collection>\n',
        encoding="utf-8",
    )
    names.append(str(path))
    names.append(str(folder / "missing.xml"))
    return names


def test_dask_reports_equal_single_process_reports(scheduler: str, files: list[str]) -> None:
    items = expand(files)
    single = list(check_all(items, Options(jobs=1)))
    remote = list(check_all(items, Options(jobs=1, dask=scheduler)))
    assert remote == single
    assert [r.path for r in remote] == files
    assert {code for r in single for code in r.codes()} >= {"DT001", "DT002", "DT108"}


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_cli_dask_output_is_identical(scheduler: str, files: list[str], output_format: str) -> None:
    runner = CliRunner()
    args = ["validate", "--no-config", "--format", output_format, *files]
    one = runner.invoke(main, [*args, "--jobs", "1"])
    remote = runner.invoke(main, [*args, "--dask", scheduler])
    assert one.exit_code == 4  # the missing file
    assert remote.exit_code == one.exit_code
    assert remote.output == one.output


def test_unreachable_scheduler_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", "1s")
    result = CliRunner().invoke(
        main, ["validate", "--no-config", "--dask", "tcp://127.0.0.1:9", str(REFERENCE)]
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
