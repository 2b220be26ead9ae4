"""Crash-safe file writes and inter-process locks for the notes files."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path
from typing import Iterator


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old or the new file, never a mix.

    The temp file is in the same directory so `os.replace` is a rename on one
    file system; fsync before the rename makes the content durable first, the
    directory fsync after makes the rename itself durable.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer left behind. Call only holding `locked(path)`."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Exclusive lock for read-modify-write of `path`, shared with other processes.

    The lock is on a separate `<name>.lock` file, because `path` itself is
    replaced by every write and a lock on the old inode would protect nothing.
    """
    with open(path.with_name(path.name + ".lock"), "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
