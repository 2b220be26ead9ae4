"""Opening the compare screen from the explorer: the open report against another one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.screens.compare import CompareScreen

if TYPE_CHECKING:
    from explorer.screens.main import MainScreen


def compare_with_previous(screen: MainScreen) -> None:
    """The open report against the same kind of report a year earlier (`c`)."""
    from index.compare.pick import PickError, previous_of

    current = screen.reader.report
    if current is None:
        screen.notify("Open a report first; c compares it with the year before.", severity="warning")
        return
    try:
        older = previous_of(current, screen.reports)
    except PickError as e:
        screen.notify(str(e), title="Nothing to compare with", severity="warning")
        return
    screen.app.push_screen(CompareScreen(older.path, current.path))


def compare_with(screen: MainScreen, report_id: str) -> None:
    """The open report against `report_id` (older one on the left)."""
    current = screen.reader.report
    other = next((r for r in screen.reports if r.id == report_id), None)
    if current is None or other is None:
        screen.notify("Open a report first, then choose the one to compare it with.", severity="warning")
        return
    old, new = sorted([other, current], key=lambda r: r.year or 0) if other.year != current.year else (other, current)
    screen.app.push_screen(CompareScreen(old.path, new.path))
