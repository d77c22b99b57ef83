"""Shared test options: ``--update-golden`` and the policy for external tools."""

from __future__ import annotations

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


@pytest.fixture(autouse=True)
def _not_on_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite's expectations are for plain output: on GitHub Actions, validate would
    default to workflow annotations. Tests of that default set the variable themselves."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
