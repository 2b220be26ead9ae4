"""What each part loads: the core never imports textual, and the app's first frame
comes before the heavy libraries (the start-time budget in ARCHITECTURE.md)."""

import os
import subprocess
import sys

from conftest import REPO


def test_index_package_does_not_import_textual():
    code = (
        "import sys, pkgutil, importlib, index\n"
        "for m in pkgutil.walk_packages(index.__path__, 'index.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.'))\n"
        "print(len([n for n in sys.modules if n.startswith('index.')]), bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    loaded = int(done.stdout.split()[0])
    assert loaded >= 8  # the walk really imported the core modules


# The app as `reportx` starts it, headless; at its first frame it prints which of the
# heavy modules are loaded, and quits.
FIRST_FRAME = """
import sys
from explorer.cli import build_app_parser
from explorer.launch import build_app
from explorer.app import ReportxApp

HEAVY = ("whoosh", "rjieba", "jieba", "yaml", "rapidfuzz")
ON_FIRST_USE = ("explorer.screens.help", "explorer.providers")

class FirstFrame(ReportxApp):
    def on_mount(self):
        self.call_after_refresh(self.first_frame)

    def first_frame(self):
        print("loaded:", sorted(n for n in sys.modules if n.split(".")[0] in HEAVY), flush=True)
        print("early:", sorted(n for n in ON_FIRST_USE if n in sys.modules), flush=True)
        self.exit()

build_app(build_app_parser().parse_args(sys.argv[1:]), FirstFrame).run(headless=True, size=(120, 40))
"""


def test_the_first_frame_comes_before_whoosh_jieba_and_yaml(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = ["--index-dir", str(tmp_path / "index"), "--notes-dir", str(tmp_path / "notes")]
    # The first run reads themes.yaml and keeps a checked copy in the cache folder;
    # every later start reads the copy, without yaml.
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", FIRST_FRAME, *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("loaded:"))
    assert line == "loaded: []", line
    early = next(line for line in done.stdout.splitlines() if line.startswith("early:"))
    assert early == "early: []", early  # the help screen and the palette's provider load when opened
