"""What the user named, as documents to check: files as given, directories as their
``*.xml`` files (recursively, sorted), ``-`` for standard input (read here, once)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Item:
    """One document to check: a file, standard input, or a path that does not exist.

    ``data`` holds the bytes of standard input once read (workers have no stdin), or
    ``unreadable`` why it could not be read.
    """

    name: str
    path: Path | None
    missing: bool = False
    data: bytes | None = None
    unreadable: str | None = None


def expand(paths: Sequence[str]) -> list[Item]:
    """Files as given; directories as their ``*.xml`` files, recursively, sorted; ``-``."""
    items: list[Item] = []
    for given in paths:
        if given == STDIN:
            items.append(Item(STDIN, None))
            continue
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    found = Path(root) / name
                    # Regular files only: a FIFO or device named *.xml in a tree is not a
                    # document (named on the command line, it is read: the user asked).
                    if name.endswith(".xml") and not name.startswith(".") and found.is_file():
                        items.append(Item(str(found), found))
        elif path.exists():
            items.append(Item(given, path))
        else:
            items.append(Item(given, path, missing=True))
    return items


def prepare(items: list[Item]) -> list[Item]:
    """Read standard input here, once: worker processes cannot."""
    prepared = []
    for item in items:
        if item.path is None and item.data is None and not item.missing:
            try:
                item = Item(item.name, None, data=read_stdin())
            except OSError as exc:
                item = Item(item.name, None, unreadable=exc.strerror or type(exc).__name__)
        prepared.append(item)
    return prepared


def read_stdin() -> bytes:
    """Standard input, read up to one byte past the size limit (the gate then refuses it)."""
    from dtmarkup.sources.limits import DEFAULT_MAX_BYTES

    chunks = []
    wanted = DEFAULT_MAX_BYTES + 1
    while wanted > 0:
        chunk = sys.stdin.buffer.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)
