"""Reading a file a repository carries (config, baseline): capped, regular files only.

A content repository is untrusted input to its CI: its ``dtmarkup.toml`` or baseline
could be ``/dev/zero``, a FIFO nobody writes, a gigabyte, or JSON nested 100,000 deep.
``read_capped`` opens without blocking, refuses anything but a regular file, and reads at
most ``limit`` bytes; the callers parse with the depth bounded by the interpreter's
recursion limit and turn RecursionError into their own error.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["BASELINE_MAX_BYTES", "CONFIG_MAX_BYTES", "NotReadable", "read_capped"]

CONFIG_MAX_BYTES = 1 << 20
"""1 MiB: a config is a few dozen lines."""
BASELINE_MAX_BYTES = 64 << 20
"""64 MiB: about 300,000 recorded findings."""


class NotReadable(Exception):
    """Why the file was not read, in words for the caller's message."""


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of ``path``; NotReadable if it is missing, not a regular file (a FIFO,
    a device, a directory) or larger than ``limit`` bytes. Never blocks on the open."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise NotReadable(f"cannot read it: {exc.strerror or exc}") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            kind = (
                "a directory"
                if stat.S_ISDIR(mode)
                else "a named pipe"
                if stat.S_ISFIFO(mode)
                else "a device"
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "not a regular file"
            )
            raise NotReadable(f"it is {kind}, not a regular file")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise NotReadable(f"cannot read it: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise NotReadable(f"it is larger than the limit of {limit:,} bytes")
    return data
