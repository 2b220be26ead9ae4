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


def test_no_import_cycles():
    """No module reaches itself through imports (TYPE_CHECKING ones included)."""
    import grimp  # comes with import-linter

    graph = grimp.build_graph("index", "explorer", cache_dir=None)
    imports = {m: sorted(i for i in graph.find_modules_directly_imported_by(m) if i in graph.modules)
               for m in graph.modules}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        path.append(module)
        for imported in imports[module]:
            if state.get(imported) == 1:
                cycles.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                visit(imported, path)
        path.pop()
        state[module] = 2

    for module in sorted(imports):
        if module not in state:
            visit(module, [])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)
