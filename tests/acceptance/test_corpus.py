"""The negative and positive corpus: every fixture gives exactly the codes it announces.

A fixture in tests/corpus/invalid/ starts with ``<!-- expect: DT108 -->`` (several codes
comma-separated) and is named after its first code. Adding a file adds a test case; the
library and the command line must both report exactly that set of codes. Files in
tests/corpus/valid/ must come out with no finding at all, not even a warning.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import dtmarkup
from dtmarkup.cli import main
from dtmarkup.codes import CODES
from dtmarkup.codes import schema as schema_codes
from dtmarkup.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
INVALID = sorted((CORPUS / "invalid").glob("*.xml"))
VALID = sorted((CORPUS / "valid").glob("*.xml"))
EXPECT = re.compile(rb"<!-- expect: (DT\d{3}(?:,DT\d{3})*) -->\r?\n")
NAME = re.compile(r"(DT\d{3})-[a-z0-9]+(?:-[a-z0-9]+)*\.xml")


def expected_codes(path: Path) -> set[str]:
    """The codes a fixture announces on its first line."""
    match = EXPECT.match(path.read_bytes())
    assert match, f"{path.name}: the first line must be <!-- expect: DTnnn[,DTnnn] -->"
    return set(match.group(1).decode("ascii").split(","))


def cli_json(*args: str) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def file_codes(data: dict[str, object]) -> dict[str, set[str]]:
    """Path -> set of codes, from a JSON report."""
    files = data["files"]
    assert isinstance(files, list)
    return {f["path"]: {d["code"] for d in f["diagnostics"]} for f in files}


def ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_the_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 30
    assert len(VALID) >= 3


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_fixture_is_well_named(path: Path) -> None:
    match = NAME.fullmatch(path.name)
    assert match, f"{path.name}: name it DTnnn-what-is-wrong.xml"
    codes = expected_codes(path)
    assert match.group(1) in codes, f"{path.name}: its name's code is not in its expect line"
    assert codes <= set(CODES), f"{path.name}: unknown codes {codes - set(CODES)}"


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_library_reports_exactly_the_expected_codes(path: Path) -> None:
    report = dtmarkup.validate(path)
    assert report.codes() == expected_codes(path), [
        f"{d.line}:{d.column} {d.code} {d.message}" for d in report
    ]
    assert report.valid is not fails(path)
    for finding in report:
        assert finding.line is not None and finding.line >= 1, f"no line for {finding}"


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_findings_point_at_the_start_tag(path: Path) -> None:
    """A finding about an element gives the line and column of that element's ``<name``."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for finding in dtmarkup.validate(path):
        if finding.xpath is None:
            continue
        step = finding.xpath.rsplit("/", 1)[-1].split("[", 1)[0]
        assert finding.line is not None and finding.column is not None, finding
        text = lines[finding.line - 1]
        at = text[finding.column - 1 :]
        if step.startswith("processing-instruction("):
            start = r"<\?"
        else:
            start = rf"<(?:[\w.-]+:)?{re.escape(step.split(':')[-1])}(?:[\s/>]|$)"
        assert re.match(start, at), (
            f"{finding.code} {finding.xpath} at {finding.line}:{finding.column}: {text.strip()!r}"
        )


def fails(path: Path) -> bool:
    """Whether the fixture's codes include an error (warnings alone do not fail)."""
    return any(CODES[code].severity is Severity.ERROR for code in expected_codes(path))


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_cli_json_reports_exactly_the_expected_codes(path: Path) -> None:
    exit_code, data = cli_json(str(path))
    assert exit_code == (1 if fails(path) else 0)
    assert file_codes(data) == {str(path): expected_codes(path)}
    files = data["files"]
    assert isinstance(files, list)
    severities = [d["severity"] for d in files[0]["diagnostics"]]
    assert data["summary"] == {
        "files": 1,
        "valid": 0 if fails(path) else 1,
        "invalid": 1 if fails(path) else 0,
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
    }
    strict_exit, _ = cli_json("--strict", str(path))
    serious = {Severity.ERROR, Severity.WARNING}
    assert strict_exit == int(any(CODES[c].severity in serious for c in expected_codes(path)))


@pytest.mark.parametrize("path", VALID, ids=ids(VALID))
def test_valid_fixture_has_no_finding(path: Path) -> None:
    report = dtmarkup.validate(path)
    assert list(report) == []
    assert report.valid
    exit_code, data = cli_json(str(path))
    assert exit_code == 0
    assert file_codes(data) == {str(path): set()}


def test_every_schema_code_has_a_failing_fixture() -> None:
    announced = set().union(*(expected_codes(p) for p in INVALID))
    missing = {info.code for info in schema_codes.TABLE} - announced
    assert not missing, f"no fixture in tests/corpus/invalid for {sorted(missing)}"


def test_installed_command_on_the_whole_corpus() -> None:
    """One run of the real console script over both directories, as CI would run it."""
    script = Path(sys.executable).parent / "dtmarkup"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "dtmarkup.cli"]
    result = subprocess.run(
        [*command, "validate", "--format", "json", "invalid", "valid"],
        cwd=CORPUS,
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1, result.stderr.decode()
    found = file_codes(json.loads(result.stdout))
    expected = {f"invalid/{p.name}": expected_codes(p) for p in INVALID}
    expected |= {f"valid/{p.name}": set() for p in VALID}
    assert {Path(k).as_posix(): v for k, v in found.items()} == expected


def test_generated_fixtures_match_the_reference_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tests/corpus/make_invalid.py, run now, rewrites its fixtures byte for byte.

    Fails when the reference article changed and the fixtures were not regenerated.
    """
    spec = importlib.util.spec_from_file_location("make_invalid", CORPUS / "make_invalid.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    module.main()
    generated = sorted(tmp_path.glob("*.xml"))
    assert len(generated) >= 30
    stale = [
        p.name for p in generated if p.read_bytes() != (CORPUS / "invalid" / p.name).read_bytes()
    ]
    assert stale == [], "run: .venv/bin/python tests/corpus/make_invalid.py"
