"""What the user named, as documents to check: files as given, directories as their
``*.xml`` files (recursively, sorted, any case), ``-`` for standard input (read here, once).

The walk's policy (SECURITY.md, "Paths and directory walks"):

- A path the user typed is read, whatever it is (a link, a pipe): that was their choice.
- A directory is walked without leaving it. What the walk finds is read only when it is a
  regular file inside the directory given: a symbolic link to a file inside the tree is
  read (once its target is known to be inside and not hidden), a link pointing outside
  the tree, at a hidden file (``.git/config``), at something that is not a regular file,
  or at nothing is not followed (DT030), nor is a
  pipe, socket or device named ``*.xml`` (DT030). Links to directories are not descended
  into (DT031). ``follow_links=True`` (``--follow-links``) follows links wherever they
  point, each directory walked once (no loops), still only to regular files.
- What cannot be listed or has vanished is an unreadable input (DT002, exit 4), never
  silence; a directory that yields no document is a finding (DT032).
- The walk records the identity (device, inode) of each file it approved, and the file is
  later opened only if it still is that file, without following a link in its last
  component (open_item): a tree changed between the walk and the read cannot swap in
  another file.
- Names are carried as the operating system gives them (``Item.path``) and shown as
  printable text (``Item.name``): bytes that are not UTF-8 appear as ``\\xNN``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic

STDIN = "-"

Identity = tuple[int, int]
"""A file's (device, inode): which file a walk approved."""


@dataclass(frozen=True, slots=True)
class Item:
    """One document to check: a file, standard input, or a path that does not exist.

    ``data`` holds the bytes of standard input once read (workers have no stdin), or
    ``unreadable`` why it could not be read. ``finding`` is what a directory walk found
    instead of a document (a link not followed, no document at all): reported as is.
    ``identity`` is set for files found by a walk: only that file is ever opened.
    """

    name: str
    path: Path | None
    missing: bool = False
    data: bytes | None = None
    unreadable: str | None = None
    finding: Diagnostic | None = None
    identity: Identity | None = None


def printable(path: str | os.PathLike[str]) -> str:
    """A path as reports show it: bytes that are not UTF-8 (carried by Python as lone
    surrogates) shown as ``\\xNN``, so that every report format can print it."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # surrogates that did not come from the file system
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def is_document_name(name: str) -> bool:
    """``*.xml`` in any case, not hidden."""
    return name.lower().endswith(".xml") and not name.startswith(".")


def expand(paths: Sequence[str], *, follow_links: bool = False) -> list[Item]:
    """Files as given; directories as their ``*.xml`` files, recursively, sorted; ``-``."""
    items: list[Item] = []
    for given in paths:
        if given == STDIN:
            items.append(Item(STDIN, None))
            continue
        path = Path(given)
        name = printable(given)
        try:
            mode = path.stat().st_mode  # a path typed by the user: links followed
        except FileNotFoundError:
            items.append(Item(name, path, missing=True))
            continue
        except (OSError, ValueError) as exc:  # a loop of links, no permission, a NUL
            items.append(Item(name, path, unreadable=_reason(exc)))
            continue
        if stat.S_ISDIR(mode):
            found = _walk(path, follow_links)
            if not found:
                items.append(Item(name, path, finding=_nothing_found(name)))
            items.extend(found)
        else:
            items.append(Item(name, path))
    return items


def _walk(top: Path, follow_links: bool) -> list[Item]:
    """The documents under ``top``, in sorted order (a directory's files, then its
    subdirectories one by one), and findings for whatever the walk would not read."""
    root = os.path.realpath(top)
    seen: set[Identity] = set()
    try:
        top_stat = top.stat()
        seen.add((top_stat.st_dev, top_stat.st_ino))
    except OSError:
        pass
    items: list[Item] = []
    stack = [top]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            items.append(
                Item(
                    printable(directory),
                    directory,
                    unreadable=f"cannot list the directory: {_reason(exc)}",
                )
            )
            continue
        subdirectories: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            found = directory / entry.name
            try:
                if entry.is_symlink():
                    item, subdirectory = _link(found, root, follow_links, seen)
                    if subdirectory is not None:
                        subdirectories.append(subdirectory)
                elif entry.is_dir(follow_symlinks=False):
                    subdirectories.append(found)
                    continue
                elif is_document_name(entry.name):
                    info = entry.stat(follow_symlinks=False)
                    item = _file(found, info, found)
                else:
                    continue
            except OSError as exc:  # vanished or unreadable between listing and looking
                item = Item(printable(found), found, unreadable=_reason(exc))
            if item is not None:
                items.append(item)
        stack.extend(reversed(subdirectories))
    return items


def _file(found: Path, info: os.stat_result, target: Path) -> Item:
    """A regular file found by the walk (``target`` is what to open), or DT030."""
    name = printable(found)
    if not stat.S_ISREG(info.st_mode):
        return Item(
            name,
            found,
            finding=diagnostic(
                "DT030",
                f"{name} is not a regular file ({_kind(info.st_mode)}); a directory "
                "walk reads regular files only. Name it on the command line to read it",
            ),
        )
    return Item(name, target, identity=(info.st_dev, info.st_ino))


def _link(
    found: Path, root: str, follow_links: bool, seen: set[Identity]
) -> tuple[Item | None, Path | None]:
    """A symbolic link met by the walk: an item (or a finding) and/or a directory to walk."""
    name = printable(found)
    target = os.path.realpath(found)
    inside = target == root or target.startswith(root.rstrip(os.sep) + os.sep)
    try:
        info = os.stat(target)
    except OSError as exc:
        if not is_document_name(found.name):
            return None, None
        return _not_followed(name, f"it points at nothing readable ({_reason(exc)})"), None
    if stat.S_ISDIR(info.st_mode):
        if not follow_links:
            return (
                Item(
                    name,
                    found,
                    finding=diagnostic(
                        "DT031",
                        f"{name} is a link to a directory and was not walked; name "
                        "the directory itself, or pass --follow-links",
                    ),
                ),
                None,
            )
        identity = (info.st_dev, info.st_ino)
        if identity in seen:
            return None, None  # walked already: a loop, or a second way in
        seen.add(identity)
        return None, found
    if not is_document_name(found.name):
        return None, None
    if not inside and not follow_links:
        return _not_followed(name, "it points outside the directory given"), None
    if inside and _hidden(os.path.relpath(target, root)):
        # The walk skips hidden files: a link must not reach them either (.git/config
        # holds CI's token after a checkout).
        return _not_followed(name, "it points at a hidden file or folder"), None
    if not stat.S_ISREG(info.st_mode):
        return _not_followed(name, f"it points at a {_kind(info.st_mode)}"), None
    return Item(name, Path(target), identity=(info.st_dev, info.st_ino)), None


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") and part not in (".", "..") for part in Path(relative).parts)


def _not_followed(name: str, why: str) -> Item:
    return Item(
        name,
        None,
        finding=diagnostic(
            "DT030",
            f"the symbolic link {name} was not followed: {why}. Name its target on the "
            "command line to read it, or pass --follow-links",
        ),
    )


def _nothing_found(name: str) -> Diagnostic:
    return diagnostic(
        "DT032",
        f"the directory {name} holds no document: no *.xml file (any case) that is not "
        "hidden; nothing was checked",
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISDIR(mode):
        return "directory"
    return "special file"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc) or type(exc).__name__


def open_path(path: str | os.PathLike[str], *, identity: Identity | None = None) -> BinaryIO:
    """Open a path for reading without ever blocking on the open itself.

    A named pipe (FIFO) opened the usual way blocks until a writer appears, so one called
    article.xml would hang a batch forever. Opened non-blocking, a pipe with no writer
    reads as empty (and is then not well-formed, DT001); one with a writer reads normally.

    With ``identity`` (a file a walk approved), a link in the last component is not
    followed, and the file opened must be that very file and a regular one: anything else
    raises OSError, and nothing of it is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if identity is not None:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if identity is not None and (
            (info.st_dev, info.st_ino) != identity or not stat.S_ISREG(info.st_mode)
        ):
            raise OSError(errno.ESTALE, "the file changed after the directory was listed")
        if not stat.S_ISREG(info.st_mode):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def open_item(item: Item) -> BinaryIO:
    """Open an item's file: for a file found by a walk, only the file the walk approved."""
    if item.path is None:
        raise ValueError("standard input is read with read_stdin")
    return open_path(item.path, identity=item.identity)


def prepare(items: list[Item]) -> list[Item]:
    """Read standard input here, once: worker processes cannot."""
    prepared = []
    for item in items:
        if (
            item.path is None
            and item.data is None
            and not item.missing
            and item.finding is None
            and item.unreadable is None
        ):
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
