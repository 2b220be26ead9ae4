"""Inter-process locks and temp-file clean-up for the notes files.

Writes go through `index.atomic.atomic_write_text` (temp file, fsync, rename).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer left behind. Call only holding `locked(path)`."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Exclusive lock for read-modify-write of `path`, shared with other processes.

    The lock is on a separate hidden `.<name>.lock` file (hidden so a notes
    folder kept in git shows only notes), because `path` itself is
    replaced by every write and a lock on the old inode would protect nothing.
    FileLock is flock on POSIX and msvcrt on Windows; a fresh one per call, so two
    threads of one process exclude each other as two processes do.
    """
    with FileLock(path.with_name(f".{path.name}.lock")):
        yield
