"""``dtmarkup validate`` as CI uses it: format choice, --output, progress, code checks."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dtmarkup.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "ci"
DTMARKUP = Path(sys.executable).with_name("dtmarkup")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the CI fixtures, outside any configured project."""
    for name in ("valid.xml", "invalid.xml", "warning.xml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", "--no-config", *args])


def test_exit_codes(work: Path) -> None:
    assert invoke("valid.xml").exit_code == 0
    assert invoke("warning.xml").exit_code == 0
    assert invoke("warning.xml", "--strict").exit_code == 1
    assert invoke("invalid.xml").exit_code == 1
    assert invoke("valid.xml", "missing.xml").exit_code == 4


def test_github_format_is_chosen_on_github_actions(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke("invalid.xml")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=invalid.xml,line=11,col=7,title=DT103 ")
    # An explicit --format wins; so does a report written to a file.
    assert invoke("invalid.xml", "--format", "text").stdout.startswith("invalid.xml:11:7: DT103")
    assert invoke("invalid.xml", "-o", "report.txt").stdout == ""
    assert (work / "report.txt").read_text(encoding="utf-8").startswith("invalid.xml:11:7:")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert invoke("invalid.xml").stdout.startswith("invalid.xml:11:7: DT103")


def test_output_writes_the_report_and_replaces_a_previous_one(work: Path) -> None:
    (work / "report.json").write_text("old report", encoding="utf-8")
    result = invoke("valid.xml", "invalid.xml", "--format", "json", "--output", "report.json")
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads((work / "report.json").read_text(encoding="utf-8"))
    assert data["summary"] == {"files": 2, "valid": 1, "invalid": 1, "errors": 2, "warnings": 0}
    assert [p.name for p in work.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_output_never_overwrites_an_input(work: Path) -> None:
    before = (work / "valid.xml").read_bytes()
    for given in (["valid.xml"], ["."]):  # named, or found by walking a directory
        result = invoke(*given, "--format", "junit", "--output", "valid.xml")
        assert result.exit_code == 2
        assert "valid.xml: DT020 error: refusing to write valid.xml" in result.stderr
        assert (work / "valid.xml").read_bytes() == before


def test_output_into_a_missing_directory_exits_4(work: Path) -> None:
    result = invoke("valid.xml", "--output", "no/such/dir/report.txt")
    assert result.exit_code == 4
    assert "DT022 error: cannot write no/such/dir/report.txt" in result.stderr


def test_unknown_codes_are_usage_errors(work: Path) -> None:
    result = invoke("valid.xml", "--select", "DT1,DT999")
    assert result.exit_code == 2
    assert "'DT999' matches no code" in result.stderr
    result = invoke("valid.xml", "--ignore", "E501")
    assert result.exit_code == 2
    assert "'E501' is not a code or prefix" in result.stderr


def test_select_and_ignore(work: Path) -> None:
    assert invoke("invalid.xml", "--ignore", "DT103,DT108").exit_code == 0
    result = invoke("invalid.xml", "--select", "dt108")
    assert result.exit_code == 1
    assert "DT108" in result.stdout and "DT103" not in result.stdout


def test_baseline_and_write_baseline_are_exclusive(work: Path) -> None:
    result = invoke("valid.xml", "--baseline", "a.json", "--write-baseline", "b.json")
    assert result.exit_code == 2
    assert "use either --baseline or --write-baseline" in result.stderr


def run_with_stderr_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run the installed command with stderr on a pseudo-terminal, stdout on a pipe."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    with subprocess.Popen(
        [str(DTMARKUP), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=follower, env=env
    ) as process:
        os.close(follower)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once the process is gone
                break
            if not chunk:
                break
            chunks.append(chunk)
        out = process.stdout.read() if process.stdout else b""
        code = process.wait(timeout=120)
    os.close(leader)
    return code, out.decode("utf-8"), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(not DTMARKUP.exists(), reason="the dtmarkup command is not installed")
def test_progress_bar_only_on_a_terminal_and_only_for_large_batches(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.mkdir()
    for i in range(51):
        shutil.copy(FIXTURES / "valid.xml", big / f"a{i:02}.xml")
    args = ["validate", "--no-config", "big"]
    code, out, err = run_with_stderr_on_a_terminal(args, tmp_path)
    assert code == 0
    assert "Validating" in err
    assert out == "51 files checked: all valid (0 errors, 0 warnings)\n"
    # Not a terminal: silent.
    piped = subprocess.run(
        [str(DTMARKUP), *args], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert (piped.returncode, piped.stderr) == (0, "")
    # A small batch on a terminal: silent too.
    (big / "a50.xml").unlink()
    code, out, err = run_with_stderr_on_a_terminal(args, tmp_path)
    assert (code, err) == (0, "")
