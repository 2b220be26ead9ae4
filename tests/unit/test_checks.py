"""The code checks itself: ruff, mypy and import-linter run with the tests, and any finding fails.

The rules live in pyproject.toml ([tool.ruff], [tool.mypy], [tool.importlinter]).
Each tool runs from the same environment as pytest, so `pip install -e '.[test]'`
is all a fresh clone needs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return path


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    done = run(tool("ruff"), "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing():
    done = run(sys.executable, "-m", "mypy")  # files and rules from pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contracts_are_kept():
    done = run(tool("lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
