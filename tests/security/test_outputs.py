"""Nothing lost: -o never overwrites an input, nor an existing file without --force."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .hostile import dtmarkup_command
from .test_catalogue import COMMANDS

SAMPLE = sorted((Path(__file__).parents[2] / "samples").glob("*.xml"))[0]

WRITE_ARGS: dict[str, list[str]] = {
    "convert": ["--from", "dtm", "--to", "json"],
    "render": ["--format", "html"],
}
WRITERS = [c for c in COMMANDS if c in WRITE_ARGS]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*dtmarkup_command(), *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.xml"
    path.write_bytes(SAMPLE.read_bytes())
    return path


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize("command", WRITERS)
def test_output_over_the_input_is_refused(
    command: str, force: list[str], article: Path, tmp_path: Path
) -> None:
    before = article.read_bytes()
    result = run(
        [command, "article.xml", *WRITE_ARGS[command], "-o", "article.xml", *force], tmp_path
    )
    assert result.returncode == 2, result.stderr
    assert "DT020" in result.stderr
    assert "Traceback" not in result.stderr
    assert article.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.xml"]


@pytest.mark.parametrize("command", WRITERS)
def test_output_over_an_input_through_a_symlink_is_refused(
    command: str, article: Path, tmp_path: Path
) -> None:
    (tmp_path / "link.xml").symlink_to(article)
    before = article.read_bytes()
    result = run(
        [command, "article.xml", *WRITE_ARGS[command], "-o", "link.xml", "--force"], tmp_path
    )
    assert result.returncode == 2, result.stderr
    assert "DT020" in result.stderr
    assert article.read_bytes() == before


@pytest.mark.parametrize("command", WRITERS)
def test_existing_output_needs_force(command: str, article: Path, tmp_path: Path) -> None:
    existing = tmp_path / "out.txt"
    existing.write_bytes(b"keep me")
    refused = run([command, "article.xml", *WRITE_ARGS[command], "-o", "out.txt"], tmp_path)
    assert refused.returncode == 2, refused.stderr
    assert "DT021" in refused.stderr
    assert existing.read_bytes() == b"keep me"

    forced = run(
        [command, "article.xml", *WRITE_ARGS[command], "-o", "out.txt", "--force"], tmp_path
    )
    assert forced.returncode == 0, forced.stderr
    assert existing.read_bytes() not in (b"keep me", b"")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_validate_report_over_an_input_is_refused(article: Path, tmp_path: Path) -> None:
    before = article.read_bytes()
    result = run(["validate", "article.xml", "--output", "article.xml"], tmp_path)
    assert result.returncode == 2, result.stderr
    assert "DT020" in result.stderr
    assert article.read_bytes() == before


def test_validate_report_is_replaced(article: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")
    result = run(
        ["validate", "article.xml", "--format", "json", "--output", "report.json"], tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert report.read_text(encoding="utf-8").startswith("{")
