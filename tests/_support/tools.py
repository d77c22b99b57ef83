"""External tools the tests compare against (xmllint, chromium, ...)."""

from __future__ import annotations

import os
import shutil

import pytest


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
