"""Every `dtmarkup` command in README.md's shell blocks works as written (12.16).

The commands run in order in a scratch directory that holds what the README's examples
name: story.xml (a sample article), drafts/ and samples/ (copies), agency.xml (a NITF
file) and story.txt (plain wire text). Lines with placeholders ([--option], a theme
directory the reader would write) are left out, and say so."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
STORY = REPO / "samples" / "diplomatic-times-blinken-lavrov.xml"
WIRE_TEXT = sorted((REPO / "tests" / "textmark" / "eval" / "dev").glob("*.txt"))
PLACEHOLDERS = ("[--", "mytheme/")
SERVERS = ("dtmarkup serve", "dtmarkup lsp")
"""Commands that run until stopped: tests/serve and tests/lsp start and drive them."""


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    lines = [line.split("  #", 1)[0].strip() for block in blocks for line in block.splitlines()]
    return [
        line
        for line in lines
        if re.match(r"(cat \S+ \| )?dtmarkup ", line)
        and not any(p in line for p in PLACEHOLDERS)
        and not line.startswith(SERVERS)
    ]


def test_readme_names_the_commands_this_test_runs() -> None:
    commands = readme_commands()
    assert "dtmarkup validate samples/" in commands
    assert any(c.startswith("dtmarkup convert story.json --to dtm") for c in commands)
    assert len(commands) >= 12


def test_every_readme_command_works_as_written(tmp_path: Path) -> None:
    shutil.copy(STORY, tmp_path / "story.xml")
    shutil.copytree(REPO / "samples", tmp_path / "samples")
    (tmp_path / "drafts").mkdir()
    shutil.copy(STORY, tmp_path / "drafts" / "story.xml")
    if WIRE_TEXT:
        shutil.copy(WIRE_TEXT[0], tmp_path / "story.txt")
    binary = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{binary}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(
        ["dtmarkup", "convert", "story.xml", "--to", "nitf", "-o", "agency.xml"],
        cwd=tmp_path, env=env, check=True, capture_output=True,
    )  # fmt: skip
    for command in readme_commands():
        if "story.txt" in command and not WIRE_TEXT:
            continue
        argv = command if "|" in command else shlex.split(command)
        result = subprocess.run(
            argv, cwd=tmp_path, env=env, shell="|" in command, capture_output=True, timeout=120
        )
        assert result.returncode == 0, (command, result.stderr.decode(errors="replace"))


@pytest.mark.parametrize("line", ["rev: v1.0.0"])
def test_readme_names_no_release_tag_that_does_not_exist(line: str) -> None:
    assert line not in README.read_text(encoding="utf-8")
