"""How the explorer's panes adapt to the terminal's width: the one home of those widths."""

from __future__ import annotations

SLIM_PANES_BELOW = 100
"""Below this many columns the tree and the side pane are slimmer (the `-narrow` class in reportx.tcss)."""

SIDE_PANE_ON_DEMAND_BELOW = 140
"""Below this many columns the side pane (search, themes, notes) starts hidden and comes
on demand (/, t, r, A), so the reader keeps its width."""

ROOMY_PANES_FROM = 180
"""From this many columns the tree and the side pane are wider (the `-very-wide` class), so
section titles and theme names are shown whole while the reader keeps a comfortable measure."""

HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (SLIM_PANES_BELOW, "-wide"), (ROOMY_PANES_FROM, "-very-wide")]

SHORT_BELOW = 32
"""Below this many lines dialogs drop their roomy spacing (the `-short` class in reportx.tcss):
the annotate dialog needs ~28 lines as it is drawn on a tall terminal."""

VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]


def side_pane_on_demand(width: int) -> bool:
    return width < SIDE_PANE_ON_DEMAND_BELOW


def breakpoint_classes(width: int, height: int) -> list[str]:
    """The classes a screen gets for its size from the breakpoints above: the
    one of the highest breakpoint reached, in each direction. A screen that
    starts with them is not restyled on its first resize."""
    return [max((b for b in breakpoints if size >= b[0]), default=(0, ""))[1]
            for breakpoints, size in ((HORIZONTAL_BREAKPOINTS, width), (VERTICAL_BREAKPOINTS, height))]
