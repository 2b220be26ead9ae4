"""Reading a file only when it is a regular file, without ever blocking.

Opening a FIFO for reading waits for a writer, forever if none comes; a
character device can stream without end. Opened non-blocking and checked
with fstat before any read, such a path fails at once with a reason.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"),
)


class NotRegularFile(OSError):
    """The path exists but is not a regular file (strerror says what it is)."""


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of `path`, which must be a regular file (symlinks followed).

    Raises NotRegularFile for anything else, OSError(EFBIG) beyond `max_bytes`,
    and the usual OSErrors (missing, permission denied, symlink loop ...).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile(errno.EISDIR, "is a folder, not a file", str(path)) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, f"is {kind_of(info.st_mode)}, not a regular file", str(path))
        if max_bytes is not None and info.st_size > max_bytes:
            raise OSError(errno.EFBIG, f"is {info.st_size:,} bytes, more than the {max_bytes:,} read", str(path))
        return f.read()


def read_regular_text(path: Path, max_bytes: int | None = None, encoding: str = "utf-8") -> str:
    return read_regular(path, max_bytes).decode(encoding)
