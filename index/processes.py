"""Index worker processes: started one way, and never outliving reportx.

Whoosh's parallel writer starts a process per worker with multiprocessing's
default start method. Forking a process in which other threads run (the
app indexes in a thread; a second thread searches) copies whatever lock
another thread holds at that moment and can deadlock the child, so workers
come only from the forkserver, a clean single-threaded process. When the
start method is already something else (chosen by a program that embeds
us), the library indexes in-process instead.

A worker must exit when the process that started it dies, however it dies
(kill -9 included): it would otherwise wait on its queue for ever, holding
hundreds of MB and any pipe it inherited. The forkserver exits when reportx
goes (it watches a pipe to it); every process it forks watches the
forkserver: on Linux the kernel sends SIGKILL when the parent dies
(PR_SET_PDEATHSIG), elsewhere a thread polls the parent id.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import sys
import threading
import time

PARENT_POLL_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1
_GUARD_MODULE = "index.processes"


def use_forkserver() -> bool:
    """Make the forkserver the start method if nobody chose one; True if it is the one in use."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    if multiprocessing.get_start_method(allow_none=True) is None:
        try:
            multiprocessing.set_start_method("forkserver")
        except RuntimeError:
            pass  # chosen by another thread meanwhile
    if multiprocessing.get_start_method() != "forkserver":
        return False
    # The server imports this module before it forks anything: its children then watch it.
    multiprocessing.set_forkserver_preload(["__main__", _GUARD_MODULE])
    return True


def start_worker_server() -> None:
    """Start the server that index worker processes come from, if not yet running.

    The app calls it when it indexes, not at launch (the server's start slowed the
    first frame by ~35 ms). Under Textual, sys.stderr is Textual's capture, whose
    file descriptor the server cannot inherit ("bad value(s) in fds_to_keep"):
    the real stderr stands in while it starts.
    """
    from multiprocessing import forkserver

    if not use_forkserver():
        return
    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        forkserver.ensure_running()
    finally:
        sys.stderr = captured


def die_with_parent() -> None:
    """Make this process exit when its parent dies (call it first thing in a child)."""
    parent = os.getppid()
    if sys.platform.startswith("linux") and _set_parent_death_signal():
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), name="reportx-parent-watch", daemon=True).start()


def _set_parent_death_signal() -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def watch_process(pid: int) -> None:
    """Exit this process as soon as process `pid` has ended (a daemon thread waits for it)."""
    try:
        fd: int | None = os.pidfd_open(pid)  # Linux 5.3+: readable once the process ends
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):
        fd = None
    threading.Thread(target=_exit_after, args=(pid, fd), name="reportx-client-watch", daemon=True).start()


def _exit_after(pid: int, fd: int | None) -> None:
    if fd is not None:
        select.select([fd], [], [])
    else:
        while _alive(pid):
            time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _in_forkserver() -> bool:
    # The server runs as `python -c "from multiprocessing.forkserver import main; main(...)"`.
    return any("multiprocessing.forkserver import main" in arg for arg in getattr(sys, "orig_argv", sys.argv))


def _guard_worker() -> None:
    """In each process the forkserver forks: exit with the forkserver, and with
    the process that started the forkserver. The second is the one that
    matters: every worker holds the server's "client alive" pipe open, so the
    server itself only notices the client's death once the workers are gone."""
    die_with_parent()
    if _CLIENT is not None:
        watch_process(_CLIENT)
    # A worker's failure (a full disk) reaches reportx, which says it in one line;
    # the worker's own traceback must not land on the user's terminal.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


_CLIENT = os.getppid() if _in_forkserver() else None
"""In the forkserver (which imports this module at its start): the process that started it."""
if _CLIENT is not None:
    os.register_at_fork(after_in_child=_guard_worker)
