"""The core package never imports textual: it must work without a terminal UI."""

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
