"""``dtmarkup serve``: listed, documented, and a clear usage error without the extra."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from dtmarkup.cli import main


def test_serve_is_a_command_with_its_limits_as_options() -> None:
    listed = CliRunner().invoke(main, ["--help"])
    assert "serve" in listed.output
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--max-body", "--timeout", "--queue"):
        assert option in result.output
    assert "127.0.0.1" in result.output and "8787" in result.output


def test_bad_settings_are_usage_errors() -> None:
    result = CliRunner().invoke(main, ["serve", "--workers", "0"])
    assert result.exit_code == 2
    assert "--workers" in result.output


def test_without_the_extra_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn raises ImportError
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "pip install 'dtmarkup[serve]'" in result.output
    assert "uvicorn is missing" in result.output
