"""How the explorer's panes adapt to the terminal's width: the one home of those widths."""

from __future__ import annotations

SLIM_PANES_BELOW = 100
"""Below this many columns the tree and the side pane are slimmer (the `-narrow` class in reportx.tcss)."""

SIDE_PANE_ON_DEMAND_BELOW = 140
"""Below this many columns the side pane (search, themes, notes) starts hidden and comes
on demand (/, t, r, A), so the reader keeps its width."""

HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (SLIM_PANES_BELOW, "-wide")]


def side_pane_on_demand(width: int) -> bool:
    return width < SIDE_PANE_ON_DEMAND_BELOW
