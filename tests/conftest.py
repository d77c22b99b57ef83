"""Shared test options: ``--update-golden`` and the policy for external tools."""

from __future__ import annotations

import os
import shutil

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ instead of comparing with them.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to regenerate golden files (review them in the diff)."""
    return bool(request.config.getoption("--update-golden"))


def require_tool(*names: str) -> str:
    """The path of the first of ``names`` on PATH. When none is there the test is skipped
    locally, but fails on CI (CI=true): a check that silently skips is no check."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} not installed (make setup-system installs it)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _not_on_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite's expectations are for plain output: on GitHub Actions, validate would
    default to workflow annotations. Tests of that default set the variable themselves."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
