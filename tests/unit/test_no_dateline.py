"""Schema 1.1: the dateline is optional. Every document valid under 1.0 stays valid; an
article without one validates (with the DT215 warning), round-trips through XML and JSON,
renders and exports; a desk that requires datelines makes DT215 an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtmarkup import formats, validate
from dtmarkup import model as m
from dtmarkup.cli import main
from dtmarkup.diagnostics import Severity
from dtmarkup.formats import json as dtm_json
from dtmarkup.formats.dtm import load
from dtmarkup.render import render
from dtmarkup.workspace.config import load_config
from dtmarkup.workspace.selection import Selection
from dtmarkup.xml.serialize import serialize

REPO = Path(__file__).resolve().parents[2]
NO_DATELINE = REPO / "tests" / "rules" / "DT215-no-dateline.xml"
WITH_DATELINE = REPO / "tests" / "rules" / "DT215-ok-dateline.xml"


@pytest.fixture(scope="module")
def article() -> m.Article:
    return load(NO_DATELINE)


def test_an_article_without_dateline_is_schema_valid_with_a_warning() -> None:
    report = validate(NO_DATELINE)
    assert report.schema_valid and report.valid
    assert [(d.code, d.severity) for d in report.diagnostics] == [("DT215", Severity.WARNING)]


def test_every_sample_still_validates() -> None:
    for sample in sorted((REPO / "samples").glob("*.xml")):
        assert validate(sample).valid, sample.name


def test_xml_and_json_round_trip(article: m.Article) -> None:
    assert article.head.dateline is None
    assert load(serialize(article)) == article
    written = dtm_json.write(article).data
    assert b'"dateline"' not in written
    assert dtm_json.read(written).article == article


@pytest.mark.parametrize("output_format", ["html", "markdown", "text"])
def test_renders_without_a_dateline(article: m.Article, output_format: str) -> None:
    text = render(article, output_format).text
    assert "The council voted on Wednesday" in text
    assert "REYKJAVIK" not in text
    assert " — The council" not in text  # no dateline dash in front of the lead


def test_html_json_ld_dates_come_from_published(article: m.Article) -> None:
    text = render(article, "html").text
    assert '"datePublished": "2021-05-19T21:30:00Z"' in text
    assert '"dateline"' not in text


@pytest.mark.parametrize("name", ["nitf", "newsml", "ninjs"])
def test_iptc_writers_write_no_dateline(article: m.Article, name: str) -> None:
    data = formats.get(name).writer()(article).data
    assert b"Council votes" in data
    assert b"REYKJAVIK" not in data


def test_selection_error_promotes_a_warning() -> None:
    report = validate(NO_DATELINE)
    promoted = Selection(error=("DT215",)).apply(report)
    assert [(d.code, d.severity) for d in promoted.diagnostics] == [("DT215", Severity.ERROR)]
    assert not promoted.valid
    assert Selection(error=("DT1",)).apply(report).valid


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(NO_DATELINE, tmp_path / "no-dateline.xml")
    shutil.copy(WITH_DATELINE, tmp_path / "dateline.xml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_a_desk_that_requires_datelines_says_so_in_its_config(desk: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "no-dateline.xml"]).exit_code == 0
    (desk / "dtmarkup.toml").write_text('error = ["DT215"]\n', encoding="utf-8")
    assert load_config(desk / "dtmarkup.toml").error == ("DT215",)
    result = runner.invoke(main, ["validate", "no-dateline.xml"])
    assert result.exit_code == 1
    assert "DT215" in result.stdout and "error" in result.stdout
    assert runner.invoke(main, ["validate", "dateline.xml"]).exit_code == 0
    assert runner.invoke(main, ["validate", "no-dateline.xml", "--no-config"]).exit_code == 0


def test_error_flag_and_bad_error_codes(desk: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "no-dateline.xml", "--error", "DT215"])
    assert result.exit_code == 1
    assert runner.invoke(main, ["validate", "no-dateline.xml", "--error", "XX1"]).exit_code == 2
    (desk / "dtmarkup.toml").write_text('error = ["DT999"]\n', encoding="utf-8")
    result = runner.invoke(main, ["validate", "no-dateline.xml"])
    assert result.exit_code == 2
    assert "'error'" in result.stderr
