"""App measurements (3: start, 4: keystroke → results), skipped until explorer.app exists.

The product carries no bench code; bench/reportx_app.py subclasses its app:

  start  — BenchReportxApp has the first-frame hook of bench/ready.py: with
           $REPORTX_BENCH_READY naming a file, it writes `repr(time.time())` there
           after the first frame and exits. The bench launches
           `python -m bench.reportx_app --index-dir DIR` (reportx's own argument
           parsing and start) under a pseudo-terminal and takes marker time −
           spawn time; the floor is bench/floor_app.py launched the same way
           with the same hook.
  keys   — once the app is idle (_until_idle), it types into the search
           box, an Input with id "search-box" (SEARCH_INPUT), and the app
           posts `ResultsShown(q)` once the results list shows the
           results of q; BenchReportxApp keeps q in `results_query`
           (RESULTS_ATTR). bench/mini_app.py is the same contract on a bare
           Input + OptionList: the baseline.
"""

from __future__ import annotations

import asyncio
import compileall
import fcntl
import importlib
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

from bench.corpus import REPO_ROOT

SEARCH_INPUT = "#search-box"
RESULTS_ATTR = "results_query"
TYPED = ["carbon neutrality", "pollution", "碳中和", "新质生产力"]


def app_unavailable() -> str | None:
    """Why explorer.app cannot be measured yet (None when it can)."""
    try:
        importlib.import_module("bench.reportx_app").bench_app_class()
    except Exception as e:  # noqa: BLE001 - any import failure means: not ready
        return f"explorer.app cannot be imported yet ({type(e).__name__}: {e})"
    return None


def app_factory():
    return importlib.import_module("bench.reportx_app").bench_app


# -- 3. start ------------------------------------------------------------------

def time_launch(argv: list[str], timeout: float = 20.0) -> float | None:
    """Seconds from spawn to the app's ready marker, run under a 120×40 pty."""
    with tempfile.TemporaryDirectory(prefix="rx-ready-") as tmp:
        marker = Path(tmp) / "ready"
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "REPORTX_BENCH_READY": str(marker), "TERM": "xterm-256color",
               "PYTHONPATH": str(REPO_ROOT)}
        stop = threading.Event()

        def drain():  # a real terminal reads what the app writes
            while not stop.is_set():
                try:
                    if not os.read(master, 65536):
                        break
                except OSError:
                    break

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        t0 = time.time()
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                cwd=REPO_ROOT, start_new_session=True)
        os.close(slave)
        ready = None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker.exists() and marker.read_text().strip():
                ready = float(marker.read_text()) - t0
                break
            if proc.poll() is not None:
                break
            time.sleep(0.005)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        stop.set()
        os.close(master)
        return ready


def measure_start(index_dir: Path, runs: int) -> dict:
    py = sys.executable
    # An installed reportx is byte-compiled by pip; a checkout may not be
    # (PYTHONDONTWRITEBYTECODE), and compiling on every launch is not start-up.
    compileall.compile_dir(REPO_ROOT / "explorer", quiet=1)
    compileall.compile_dir(REPO_ROOT / "index", quiet=1)
    compileall.compile_dir(REPO_ROOT / "bench", quiet=1)
    why = app_unavailable()
    floor, app = [], []
    for _ in range(runs):  # interleaved: the machine's drift hits both alike
        floor.append(time_launch([py, "-m", "bench.floor_app"]))
        if not why:
            app.append(time_launch([py, "-m", "bench.reportx_app", "--index-dir", str(index_dir)]))
    if any(t is None for t in floor):
        return {"skipped": "the floor app did not signal readiness"}
    result = {"floor_s": statistics.median(floor), "runs": runs}
    if why:
        return {**result, "skipped": why}
    if any(t is None for t in app):
        return {**result, "skipped": "reportx did not write the $REPORTX_BENCH_READY marker (hook not wired?)"}
    return {**result, "start_s": statistics.median(app)}


# -- 4. keystroke → results ------------------------------------------------------

def _send_key(app, ch: str) -> None:
    """Deliver one key the way the terminal driver does (Pilot.press adds
    fixed idle-waiting of tens of ms, which is not the app's latency)."""
    from textual import events

    key = "space" if ch == " " else ch
    event = events.Key(key, ch)
    event.set_sender(app)
    app._driver.send_message(event)


async def _type_and_time(app, texts: list[str], timeout: float = 5.0) -> list[float]:
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _until_idle(app, pilot)
        box = app.query_one(SEARCH_INPUT)
        for text in texts:
            box.focus()
            box.value = ""
            await pilot.pause()
            typed = ""
            for ch in text:
                typed += ch
                t = time.perf_counter()
                _send_key(app, ch)
                while getattr(app, RESULTS_ATTR, None) != typed:
                    if time.perf_counter() - t > timeout:
                        raise TimeoutError(f"no results shown for {typed!r} within {timeout} s")
                    await asyncio.sleep(0.0005)
                latencies.append((time.perf_counter() - t) * 1000)
    return latencies


async def _until_idle(app, pilot, timeout: float = 120.0) -> None:
    """Typing starts once the app's start-up work is done (the library open and warmed
    up, the open report shown, its folders checked for changes): what is measured is
    a keystroke's cost. Start-up has rows of its own (app start, first search)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if not app.workers:
            return
    raise TimeoutError(f"the app was still busy {timeout:.0f} s after starting")


def measure_keystrokes(index_dir: Path, rounds: int) -> dict:
    from bench.mini_app import MiniSearchApp

    def run(make) -> list[float]:
        out: list[float] = []
        for _ in range(rounds):
            out += asyncio.run(_type_and_time(make(index_dir), TYPED))
        return out

    mini = run(MiniSearchApp)
    result = {"mini_ms": mini}
    why = app_unavailable()
    if why:
        result["skipped"] = why
        return result
    try:
        result["reportx_ms"] = run(app_factory())
    except Exception as e:  # noqa: BLE001 - the app's contract may not be wired yet
        result["skipped"] = f"reportx app keystroke run failed ({type(e).__name__}: {e})"
    return result
