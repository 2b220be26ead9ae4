"""Snapshots of the main screens on the bundled samples (80x24 and 120x40).

Deterministic: the index goes to a temporary folder (conftest), notifications
(which carry timings) are cleared, and nothing shows a clock.
Update with `pytest tests/app/test_snapshots.py --snapshot-update` after looking at the report.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pilot import snapshot_steps

from explorer.launch import build_app


def _app():
    return build_app(SimpleNamespace(paths=[], index_dir=None, themes_file=None))


_ready = snapshot_steps


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_main_screen(snap_compare, size):
    assert snap_compare(_app(), terminal_size=size, run_before=_ready())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_search_results(snap_compare, size):
    assert snap_compare(_app(), terminal_size=size, run_before=_ready("enter", query="carbon"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_theme_filter(snap_compare, size):
    assert snap_compare(_app(), terminal_size=size, run_before=_ready("t", "j", "space"))


def test_opened_hit(snap_compare):
    assert snap_compare(_app(), terminal_size=(120, 40), run_before=_ready("enter", "j", "enter", query="carbon"))


def test_help(snap_compare):
    assert snap_compare(_app(), terminal_size=(80, 24), run_before=_ready("question_mark"))
