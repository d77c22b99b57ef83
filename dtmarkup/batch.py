"""Validating many documents: expand the paths a user gave, check each, in input order."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Report
from dtmarkup.selection import Selection
from dtmarkup.validate import validate, validate_bytes

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Options:
    """What to check and which findings to keep; the same for every document of a run."""

    rules: bool = True
    selection: Selection = field(default_factory=Selection)
    jobs: int = 1


@dataclass(frozen=True, slots=True)
class Item:
    """One document to check: a file, standard input, or a path that does not exist."""

    name: str
    path: Path | None
    missing: bool = False


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
                    if name.endswith(".xml") and not name.startswith("."):
                        found = Path(root) / name
                        items.append(Item(str(found), found))
        elif path.exists():
            items.append(Item(given, path))
        else:
            items.append(Item(given, path, missing=True))
    return items


def check_item(item: Item, options: Options) -> Report:
    """Check one item; never raises for a bad document or a missing file."""
    if item.missing:
        report = Report(
            item.name,
            (diagnostic("DT002", f"no such file or directory: {item.name}"),),
            readable=False,
        )
    elif item.path is None:
        report = validate_bytes(sys.stdin.buffer.read(), STDIN, rules=options.rules)
    else:
        report = validate(item.path, rules=options.rules, name=item.name)
    return options.selection.apply(report)


def check_all(items: Iterable[Item], options: Options) -> Iterator[Report]:
    """Reports for ``items``, in input order."""
    for item in items:
        yield check_item(item, options)
