"""Shared test set-up: isolated user directories and the real corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "explorer" / "samples"
CORPUS = Path(os.environ.get("REPORTX_CORPUS") or REPO.parent / "shared" / "corpus")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Point every user directory at tmp_path: tests never touch real data."""
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # the documents folder (exports) is ~/Documents
    monkeypatch.setenv("REPORTX_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.delenv("REPORTX_NOTES_DIR", raising=False)
    yield


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (set REPORTX_CORPUS)")
    return CORPUS

