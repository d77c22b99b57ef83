"""The one way dtmarkup writes a file: atomically, never over an input, never by accident.

Every command that writes (validate --output, convert -o, render -o) calls
``write_output``. The data goes to a temporary file in the target's directory, is flushed
to disk, and only then takes the target's name (os.replace, or a hard link when the
target must not exist), so a reader, a crash or a full disk never leaves a half-written
file, and a refusal leaves everything as it was.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
import time
from collections.abc import Sequence
from pathlib import Path

from dtmarkup.errors import OutputError, OutputRefused, OutputWriteError

__all__ = ["OutputError", "OutputRefused", "OutputWriteError", "write_output"]


def write_output(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    force: bool = False,
) -> None:
    """Write ``data`` to ``path`` atomically.

    Refuses (OutputRefused) when ``path`` is one of ``inputs`` (by file identity, so a
    symlink or hard link to an input counts; ``force`` does not change this), or when it
    exists and ``force`` is false. Raises OutputWriteError when the OS fails; in every
    case of failure the target and its directory are left as they were.
    """
    target = Path(path)
    _refuse_inputs(target, inputs)
    if _is_special(target):
        # /dev/null, /dev/stdout, a named pipe: write into it, never replace it with a file.
        _write_special(target, data, force=force)
        return
    if target.is_dir():
        raise OutputWriteError("DT022", f"cannot write {target}: it is a directory", str(target))
    if not force and _exists(target):
        raise _exists_error(target)
    directory = target.parent
    if not directory.is_dir():
        raise OutputWriteError(
            "DT022", f"cannot write {target}: the directory {directory} does not exist", str(target)
        )
    temporary = _write_temporary(target, data)
    try:
        _move_into_place(temporary, target, force=force)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _is_special(path: Path) -> bool:
    """An existing path that is neither a regular file nor a directory (device, pipe...)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


PIPE_WAIT = 1.0
"""Seconds to wait for a reader on a named pipe before refusing it (DT023)."""


def _write_special(target: Path, data: bytes, *, force: bool) -> None:
    """Write into a device or pipe without ever blocking on the open.

    A named pipe (FIFO) is refused without ``force`` (DT023); with it, it is opened with
    O_NONBLOCK, which fails at once when no reader is attached: retried for PIPE_WAIT
    seconds, then refused (DT023) instead of hanging. ``/dev/stdout`` and other aliases of
    an open descriptor (``/dev/fd/N``, ``/proc/self/fd/N``) are the caller's own stream.
    """
    mode = target.stat().st_mode
    named_pipe = (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)) and not _descriptor_alias(target)
    if named_pipe and not force:
        raise OutputRefused(
            "DT023",
            f"refusing to write into {target}: it is a named pipe; pass --force to write "
            "into it (a reader must be attached)",
            str(target),
        )
    deadline = time.monotonic() + PIPE_WAIT
    while True:
        try:
            descriptor = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
            break
        except OSError as exc:
            if exc.errno == errno.ENXIO and time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            if exc.errno == errno.ENXIO:
                raise OutputRefused(
                    "DT023",
                    f"refusing to write into {target}: no process is reading the pipe",
                    str(target),
                ) from None
            raise _os_error(target, exc) from exc
    try:
        # the open could not block; the writes may (a pipe's reader sets the pace)
        flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
        fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise _os_error(target, exc) from exc


def _descriptor_alias(target: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/1``, ``/proc/self/fd/1``: a stream already open here."""
    try:
        real = os.path.realpath(target)
    except OSError:  # pragma: no cover - realpath does not fail on Linux
        return False
    text = str(target)
    return (
        text in ("/dev/stdout", "/dev/stderr")
        or text.startswith(("/dev/fd/", "/proc/self/fd/"))
        or real.startswith(("/proc/", "/dev/fd/"))
    )


def _refuse_inputs(target: Path, inputs: Sequence[str | os.PathLike[str]]) -> None:
    resolved = target.resolve()
    for item in inputs:
        source = Path(item)
        same = resolved == source.resolve()
        if not same and _exists(target) and _exists(source):
            try:
                same = os.path.samefile(target, source)
            except OSError:
                same = False
        if same:
            raise OutputRefused(
                "DT020",
                f"refusing to write {target}: it is the input {source}; choose another output path",
                str(target),
            )


def _exists(path: Path) -> bool:
    """True for files and for symlinks, even dangling ones: both would be replaced."""
    return path.exists() or path.is_symlink()


def _exists_error(target: Path) -> OutputRefused:
    return OutputRefused(
        "DT021",
        f"refusing to overwrite {target}: the file exists; pass --force to replace it",
        str(target),
    )


def _write_temporary(target: Path, data: bytes) -> Path:
    """A new file next to ``target`` holding ``data``, flushed to disk.

    Created with O_EXCL and mode 0666 so the umask applies as for any new file.
    """
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            descriptor = os.open(
                temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
            )
        except FileExistsError:
            continue
        except OSError as exc:
            raise _os_error(target, exc) from exc
        break
    else:  # pragma: no cover - 100 collisions of 48 random bits
        raise OutputWriteError(
            "DT022", f"cannot write {target}: no temporary name is free", str(target)
        )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise _os_error(target, exc) from exc
    return temporary


def _move_into_place(temporary: Path, target: Path, *, force: bool) -> None:
    """Give ``temporary`` the name ``target``; without ``force``, only if it is still free.

    A hard link fails if the name exists, which closes the window between our exists()
    check and the rename; file systems without hard links fall back to the check alone.
    """
    try:
        if force:
            if target.exists():
                _keep_mode(target, temporary)
            os.replace(temporary, target)
            return
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise _exists_error(target) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            if _exists(target):
                raise _exists_error(target) from None
            os.replace(temporary, target)
    except OutputError:
        raise
    except OSError as exc:
        raise _os_error(target, exc) from exc


def _keep_mode(existing: Path, temporary: Path) -> None:
    """A replaced file keeps its permission bits."""
    with contextlib.suppress(OSError):
        os.chmod(temporary, existing.stat().st_mode & 0o7777)


def _os_error(target: Path, exc: OSError) -> OutputWriteError:
    reason = exc.strerror or exc.__class__.__name__
    return OutputWriteError("DT022", f"cannot write {target}: {reason}", str(target))
