"""Worker processes for indexing: where they come from, started off the app's first frame."""

from __future__ import annotations

import sys


def _clean_worker_processes() -> None:
    """Start index worker processes from a clean server, never by forking this process.

    The app indexes in a thread while others run; a fork copies whatever lock
    another thread holds at that moment and can deadlock the child.
    """
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        try:
            multiprocessing.set_start_method("forkserver")
        except RuntimeError:
            pass  # already chosen by whoever embeds us


def start_worker_server() -> None:
    """Start the server that index worker processes come from, if not yet running.

    The app calls it when it indexes, not at launch (the server's start slowed the
    first frame by ~35 ms). Under Textual, sys.stderr is Textual's capture, whose
    file descriptor the server cannot inherit ("bad value(s) in fds_to_keep"):
    the real stderr stands in while it starts.
    """
    import multiprocessing
    from multiprocessing import forkserver

    if multiprocessing.get_start_method() != "forkserver":
        return
    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        forkserver.ensure_running()
    finally:
        sys.stderr = captured
