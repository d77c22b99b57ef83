"""The pre-commit hook, run by the real ``pre-commit`` tool in a throwaway git repository:
a commit of an invalid article is blocked, a valid one goes through.

pre-commit installs hooks from a git repository at a revision, so the test publishes a
snapshot of this checkout (the package and the hook manifest, as they are on disk now,
committed or not) as a one-commit repository. pre-commit then builds the hook's
environment as it would for a user: a virtualenv, ``pip install`` of dtmarkup and its
dependencies (from the package index, or pip's cache), about 20 seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "ci"
PACKAGE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")

pytestmark = pytest.mark.slow


def git_env(home: Path) -> dict[str, str]:
    """An environment where git and pre-commit see no user or system configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("GITHUB_ACTIONS", None)
    (home / "gitconfig").touch()
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_AUTHOR_NAME="dtmarkup tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="dtmarkup tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        PRE_COMMIT_COLOR="never",
    )
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def snapshot(target: Path, env: dict[str, str]) -> str:
    """This checkout's package as a one-commit git repository; returns the commit."""
    for name in PACKAGE_FILES:
        shutil.copy(REPO / name, target / name)
    shutil.copytree(
        REPO / "dtmarkup", target / "dtmarkup", ignore=shutil.ignore_patterns("__pycache__")
    )
    for args in (("init", "-q", "-b", "main"), ("add", "-A"), ("commit", "-q", "-m", "snapshot")):
        done = git(target, env, *args)
        assert done.returncode == 0, done.stderr
    return git(target, env, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def content_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A content repository whose .pre-commit-config.yaml uses the dtmarkup-validate hook
    of a snapshot of this checkout, with the hook installed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = git_env(tmp_path)
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    rev = snapshot(hooks, env)
    content = tmp_path / "content"
    content.mkdir()
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: dtmarkup-validate\n",
        encoding="utf-8",
    )
    for args in (
        ("init", "-q", "-b", "main"),
        ("add", ".pre-commit-config.yaml"),
        ("commit", "-q", "-m", "pre-commit config"),
    ):
        done = git(content, env, *args)
        assert done.returncode == 0, done.stderr
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=content,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return content, env


def commits(content: Path, env: dict[str, str]) -> int:
    return int(git(content, env, "rev-list", "--count", "HEAD").stdout)


def test_hook_blocks_an_invalid_article_and_lets_a_valid_one_through(
    content_repo: tuple[Path, dict[str, str]],
) -> None:
    content, env = content_repo
    shutil.copy(FIXTURES / "invalid.xml", content / "story.xml")
    git(content, env, "add", "story.xml")
    blocked = git(content, env, "commit", "-m", "an invalid story")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, output
    assert "dtmarkup validate" in output and "Failed" in output
    assert "story.xml:11:7: DT103 error:" in output
    assert "story.xml:38:8: DT108 error:" in output
    assert commits(content, env) == 1

    shutil.copy(FIXTURES / "valid.xml", content / "story.xml")
    git(content, env, "add", "story.xml")
    passed = git(content, env, "commit", "-m", "a valid story")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "dtmarkup validate" in output and "Passed" in output
    assert commits(content, env) == 2

    # types: [xml]: files that are not XML are not the hook's business.
    (content / "notes.txt").write_text("<not xml", encoding="utf-8")
    git(content, env, "add", "notes.txt")
    skipped = git(content, env, "commit", "-m", "notes")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "(no files to check)Skipped" in skipped.stdout + skipped.stderr
