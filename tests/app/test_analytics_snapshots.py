"""Snapshots of the analysis screen (80x24 and 120x40) on a small library written in the tests.

Update with `pytest tests/app/test_analytics_snapshots.py --snapshot-update` after looking at the report.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from analytics_support import REPORTS
from helpers import write_reports
from pilot import snapshot_steps

from explorer.launch import build_app


def _app(tmp_path):
    folder = write_reports(tmp_path / "r", REPORTS)
    return build_app(SimpleNamespace(paths=[folder], index_dir=None, themes_file=None))


def _ready(*keys: str, query: str = "新质生产力"):
    """Search `query`, open the analysis screen (y), then press `keys`."""
    return snapshot_steps("escape", "y", *keys, query=query)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_analysis_trend(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_ready())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_analysis_concordance(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_ready("2"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_analysis_targets(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_ready("5"))
