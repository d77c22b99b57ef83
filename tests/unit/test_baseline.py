"""Baselines: known findings are dropped, new ones fail, line moves do not resurrect."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dtmarkup.cli import main
from dtmarkup.diagnostics import Diagnostic, Report, Severity
from dtmarkup.workspace.baseline import Baseline, BaselineError

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "ci"
NEGATIVE_CORPUS = REPO / "tests" / "corpus" / "invalid"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("valid.xml", "invalid.xml", "warning.xml"):
        shutil.copy(FIXTURES / name, articles / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", "--no-config", *args])


def summary(result: Result) -> dict[str, int]:
    data: dict[str, int] = json.loads(result.stdout)["summary"]
    return data


def test_baseline_file_records_file_code_and_path(work: Path) -> None:
    result = invoke("articles", "--write-baseline", "baseline.json")
    assert result.exit_code == 0
    assert result.stderr == "dtmarkup: wrote baseline.json: 3 findings in 2 files\n"
    assert result.stdout == "3 files checked: all valid (0 errors, 0 warnings; 3 baselined)\n"
    data = json.loads((work / "baseline.json").read_text(encoding="utf-8"))
    assert (data["tool"], data["format"]) == ("dtmarkup", 1)
    assert [(f["file"], f["code"], f["xpath"], f["count"]) for f in data["findings"]] == [
        ("articles/invalid.xml", "DT103", "/article/head/dateline/place", 1),
        ("articles/invalid.xml", "DT108", "/article/body/p[2]/q", 1),
        ("articles/warning.xml", "DT207", "/article/head/headline", 1),
    ]
    assert data["findings"][0]["messages"] == ["<place> is missing the required attribute @ref"]


def test_known_findings_pass_new_ones_fail(work: Path) -> None:
    assert invoke("articles", "--write-baseline", "baseline.json").exit_code == 0
    result = invoke("articles", "--baseline", "baseline.json", "--strict", "--format", "json")
    assert result.exit_code == 0
    assert summary(result) == {
        "files": 3,
        "valid": 3,
        "invalid": 0,
        "errors": 0,
        "warnings": 0,
        "baselined": 3,
    }
    # Editing above the findings moves every line: nothing comes back.
    invalid = work / "articles" / "invalid.xml"
    text = invalid.read_text(encoding="utf-8")
    moved = text.replace("<head>", "<!-- a\nlong\ncomment -->\n  <head>", 1)
    invalid.write_text(moved, encoding="utf-8")
    assert invoke("articles", "--baseline", "baseline.json").exit_code == 0
    # A new error in a known file fails, and only the new finding is reported.
    invalid.write_text(moved.replace('<author ref="lund">', '<author ref="nobody">'), "utf-8")
    result = invoke("articles", "--baseline", "baseline.json")
    assert result.exit_code == 1
    finding, fix, total = result.stdout.splitlines()
    assert finding.startswith("articles/invalid.xml:10:7: DT108 error: @ref of <author> ")
    assert fix.startswith("    fix: ")
    assert finding.endswith(" [/article/head/byline/author]")
    assert total == "3 files checked: 2 valid, 1 invalid (1 error, 0 warnings; 3 baselined)"


def test_second_occurrence_on_the_same_element_is_new() -> None:
    def d(message: str) -> Diagnostic:
        return Diagnostic("DT105", Severity.ERROR, message, line=3, xpath="/article/head")

    base = Baseline.of([Report("a.xml", (d("first"),))], Path("baseline.json"))
    applied = base.apply([Report("a.xml", (d("first"), d("second")))])
    assert applied.baselined == 1
    assert [x.message for x in applied.reports[0].diagnostics] == ["second"]
    assert applied.stale == 0
    fixed = base.apply([Report("a.xml", ()), Report("b.xml", ())])
    assert (fixed.baselined, fixed.stale) == (0, 1)
    assert base.apply([Report("b.xml", ())]).stale == 0  # a.xml was not checked


def test_baseline_works_from_another_directory(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "ci").mkdir()
    assert invoke("articles", "--write-baseline", "ci/baseline.json").exit_code == 0
    data = json.loads((work / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert data["findings"][0]["file"] == "../articles/invalid.xml"
    monkeypatch.chdir(work / "articles")
    result = invoke(".", "--baseline", "../ci/baseline.json", "--format", "json")
    assert result.exit_code == 0
    assert summary(result)["baselined"] == 3


def test_fixed_findings_are_reported_as_stale(work: Path) -> None:
    assert invoke("articles", "--write-baseline", "baseline.json").exit_code == 0
    shutil.copy(FIXTURES / "valid.xml", work / "articles" / "invalid.xml")
    result = invoke("articles", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert result.stderr == (
        "dtmarkup: 2 finding(s) in the baseline no longer occur; refresh it with --write-baseline\n"
    )


def test_unreadable_inputs_are_never_baselined(work: Path) -> None:
    result = invoke("articles", "gone.xml", "--write-baseline", "baseline.json")
    assert result.exit_code == 4
    files = {f["file"] for f in json.loads((work / "baseline.json").read_text("utf-8"))["findings"]}
    assert "gone.xml" not in files
    assert invoke("articles", "gone.xml", "--baseline", "baseline.json").exit_code == 4


def test_baseline_from_config(work: Path) -> None:
    assert invoke("articles", "--write-baseline", "known.json").exit_code == 0
    (work / "dtmarkup.toml").write_text('baseline = "known.json"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "articles"])
    assert result.exit_code == 0
    assert result.stdout.endswith("; 3 baselined)\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline.json does not exist; create it with --write-baseline"),
        ("{not json", "baseline.json is not valid JSON"),
        ('{"tool": "dtmarkup", "format": 1, "findings": [{"file": 1}]}', "not a dtmarkup baseline"),
        ('{"tool": "dtmarkup", "format": 2, "findings": []}', "not a dtmarkup baseline (format 1)"),
        ("[]", "not a dtmarkup baseline"),
    ],
)
def test_bad_baseline_exits_2(work: Path, content: str | None, message: str) -> None:
    if content is not None:
        (work / "baseline.json").write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match="baseline"):
        Baseline.load(work / "baseline.json")
    result = invoke("articles", "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_baseline_is_not_written_over_an_input(work: Path) -> None:
    before = (work / "articles" / "valid.xml").read_bytes()
    result = invoke("articles", "--write-baseline", "articles/valid.xml")
    assert result.exit_code == 2
    assert "DT020" in result.stderr
    assert (work / "articles" / "valid.xml").read_bytes() == before


def test_negative_corpus_baseline_passes_then_a_new_error_fails(tmp_path: Path) -> None:
    if not NEGATIVE_CORPUS.is_dir() or not any(NEGATIVE_CORPUS.glob("*.xml")):
        pytest.skip("tests/corpus/invalid is not there yet")
    corpus = tmp_path / "corpus"
    shutil.copytree(NEGATIVE_CORPUS, corpus)
    baseline = str(tmp_path / "baseline.json")
    before = invoke(str(corpus), "--format", "json")
    assert before.exit_code == 1
    errors = summary(before)["errors"] + summary(before)["warnings"]
    written = invoke(str(corpus), "--write-baseline", baseline, "--format", "json")
    assert written.exit_code == 0
    assert summary(written)["baselined"] == errors
    again = invoke(str(corpus), "--baseline", baseline, "--strict", "--format", "json")
    assert again.exit_code == 0
    assert summary(again)["errors"] == summary(again)["warnings"] == 0
    shutil.copy(FIXTURES / "invalid.xml", corpus / "zz-new.xml")
    new = invoke(str(corpus), "--baseline", baseline, "--format", "json")
    assert new.exit_code == 1
    assert summary(new)["errors"] == 2
