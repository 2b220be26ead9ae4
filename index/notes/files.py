"""Inter-process locks and temp-file clean-up for the notes files.

Writes go through `index.atomic.atomic_write_text` (temp file, fsync, rename).
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path


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
    """
    with open(path.with_name(f".{path.name}.lock"), "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
