"""How CI formats name a document: relative to the working directory, forward slashes.

GitHub annotations and SARIF results are attached to files of the repository by their
path from its root, which is where CI runs the command; an absolute path or a backslash
would match nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def repo_path(path: str) -> str:
    """``path`` relative to the working directory when it lies inside it, else absolute;
    always with forward slashes. Standard input stays ``-``."""
    if path == "-":
        return path
    absolute = Path(os.path.abspath(path))
    cwd = Path(os.getcwd())
    if absolute.is_relative_to(cwd):
        return absolute.relative_to(cwd).as_posix()
    return absolute.as_posix()


def file_uri(path: str) -> tuple[str, bool]:
    """A URI reference for ``path`` and whether it is relative to the working directory:
    a percent-encoded relative path when it can be, else an absolute file: URI."""
    if path == "-":
        return "-", True
    absolute = Path(os.path.abspath(path))
    if absolute.is_relative_to(Path(os.getcwd())):
        # surrogateescape: a file name that is not UTF-8 keeps its bytes, percent-encoded
        return quote(repo_path(path), errors="surrogateescape"), True
    return absolute.as_uri(), False
