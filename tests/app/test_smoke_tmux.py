"""The real `reportx` in a real terminal (tmux): start, search, open a result, quit."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _command() -> list[str]:
    exe = Path(sys.executable).parent / "reportx"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "explorer.cli"]


def _capture(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                          capture_output=True, text=True, check=False).stdout


def _wait_for(session: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _capture(session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear; screen was:\n{screen}")


def test_reportx_in_tmux(tmp_path):
    session = f"reportx-smoke-{uuid.uuid4().hex[:8]}"
    done = tmp_path / "exit-code"
    env = {k: os.environ[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                                      "REPORTX_INDEX_DIR")}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = f"cd {shlex.quote(str(REPO))} && {exports} TERM=xterm-256color {shlex.join(_command())}; echo $? > {done}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True)
    try:
        _wait_for(session, "2025 Government Work Report")
        _wait_for(session, "Preamble")
        subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
        time.sleep(0.3)
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", "zero-carbon"], check=True)
        _wait_for(session, "paragraph")
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        time.sleep(0.3)
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        screen = _wait_for(session, "hits")
        assert "Traceback" not in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        deadline = time.monotonic() + 10
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists(), "reportx did not quit"
        assert done.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
