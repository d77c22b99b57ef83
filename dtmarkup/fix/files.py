"""Fix files in place (atomically) or show the fixes as a diff; never lose data.

A file is fixed only when it is a regular file given or found by name (a symbolic link,
a device or a pipe is refused: writing would replace the link or block), it is one
document (a collection's fixes are not offered), and it still holds the bytes that were
read when the fixed bytes are written (an editor saving meanwhile wins). The write goes
through dtmarkup's atomic output: a temporary file, flushed, then renamed over the
original, keeping its permission bits.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dtmarkup.cli.output import OutputError, write_output
from dtmarkup.diagnostics import Diagnostic, Report
from dtmarkup.fix.apply import Outcome, fix_document
from dtmarkup.fix.internal import (
    DEFAULT_LIMITS,
    InputRejected,
    Selection,
    read_source,
    validate_bytes,
)
from dtmarkup.xml.source_map import SourceMap

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class FixRefused(Exception):
    """This file is not fixed; the message says why (it is shown with DT022)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What to fix: which findings, safe or all fixes, in place or as a diff."""

    selection: Selection = field(default_factory=Selection)
    ignored_in: Callable[[str], tuple[str, ...]] = lambda path: ()
    unsafe: bool = False
    rules: bool = True


def fix_bytes(data: bytes, name: str, plan: Plan) -> Outcome:
    """Fix one document's bytes (no file involved): what the language server and tests use."""
    ignored = plan.ignored_in(name)

    def check(candidate: bytes) -> Report:
        return validate_bytes(candidate, name, rules=plan.rules)

    def keep(finding: Diagnostic) -> bool:
        return plan.selection.keeps(finding) and not finding.code.startswith(ignored or ("\0",))

    return fix_document(data, check, unsafe=plan.unsafe, keep=keep)


def read_for_fixing(path: Path) -> bytes:
    """The bytes of a file that may be fixed in place; FixRefused otherwise."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        raise FixRefused(f"cannot read it: {exc.strerror}") from exc
    if stat.S_ISLNK(mode):
        raise FixRefused("it is a symbolic link; fix the file it points to")
    if not stat.S_ISREG(mode):
        raise FixRefused("it is not a regular file")
    try:
        data = read_source(str(path), DEFAULT_LIMITS)
    except InputRejected as exc:
        raise FixRefused(exc.diagnostics[0].message if exc.diagnostics else str(exc)) from exc
    except OSError as exc:
        raise FixRefused(f"cannot read it: {exc}") from exc
    if _is_collection(data):
        raise FixRefused("it is a collection; fixes are offered for single articles only")
    return data


def write_fixed(path: Path, outcome: Outcome) -> None:
    """Replace the file atomically, if it still holds what was read."""
    try:
        current = path.read_bytes() if not path.is_symlink() else None
    except OSError as exc:
        raise FixRefused(f"cannot read it again: {exc.strerror}") from exc
    if current != outcome.original:
        raise FixRefused("it changed while it was being fixed; run fix again")
    try:
        write_output(path, outcome.data, force=True)
    except OutputError as exc:
        raise FixRefused(str(exc)) from exc


def diff(name: str, outcome: Outcome) -> str:
    """A unified diff of the fix, in the document's text, control characters escaped."""
    before = _lines(outcome.original)
    after = _lines(outcome.data)
    shown = printable(name)
    lines = difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _lines(data: bytes) -> list[str]:
    source = SourceMap.text_of(data)
    text = source.text if source else data.decode("utf-8", "replace")
    return [printable(line.rstrip("\r\n")) + "\n" for line in _LINES.findall(text)]


def printable(text: str) -> str:
    """Control and bidirectional characters as \\xNN or \\uNNNN: never raw to a terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _is_collection(data: bytes) -> bool:
    source = SourceMap.text_of(data)
    if source is None:
        return False
    match = re.search(r"<(?![?!])([^\s/>]+)", source.text)
    return bool(match and match.group(1).rpartition(":")[2] == "collection")
