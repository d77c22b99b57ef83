"""Every real agency sample in ../shared/external/samples imports to valid dtmarkup, with
the format found from its content, through the library and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from iptc_support import REFERENCE, assert_valid_article, external_files

import dtmarkup
from dtmarkup import formats
from dtmarkup.cli import main
from dtmarkup.formats.base import ReadResult

REAL = [
    *(("nitf", p) for p in external_files("nitf", "*.xml")),
    *(("newsml", p) for p in external_files("newsml-g2", "*.xml")),
    *(("ninjs", p) for p in external_files("ninjs", "*.json")),
]


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    from dtmarkup.formats import iptc_ingest

    monkeypatch.setattr(iptc_ingest, "today", lambda: "2026-01-01")


@pytest.mark.parametrize(("kind", "path"), REAL, ids=[p.name for _, p in REAL])
def test_real_sample_is_detected_and_imports_valid(kind: str, path: Path) -> None:
    data = path.read_bytes()
    fmt = formats.detect(path, data)
    assert fmt.name == kind
    result: ReadResult = fmt.reader()(data, path.name)
    article = assert_valid_article(result)
    assert article.head.headline.strip()
    assert all(d.code.startswith("DT3") for d in result.diagnostics)


@pytest.mark.parametrize(("kind", "path"), REAL, ids=[p.name for _, p in REAL])
def test_real_sample_converts_on_the_command_line(kind: str, path: Path, tmp_path: Path) -> None:
    out = tmp_path / "article.xml"
    result = CliRunner().invoke(main, ["convert", str(path), "--to", "dtm", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert dtmarkup.validate(out).valid


@pytest.mark.parametrize("target", ["nitf", "newsml", "ninjs"])
def test_export_and_import_on_the_command_line(target: str, tmp_path: Path) -> None:
    exported = tmp_path / f"out.{target}"
    back = tmp_path / "back.xml"
    runner = CliRunner()
    first = runner.invoke(main, ["convert", str(REFERENCE), "--to", target, "-o", str(exported)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        main, ["convert", str(exported), "--from", target, "--to", "dtm", "-o", str(back)]
    )
    assert second.exit_code == 0, second.output
    assert dtmarkup.validate(back).valid
