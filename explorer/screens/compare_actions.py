"""Which comparison the explorer opens: the open report against another one."""

from __future__ import annotations

from collections.abc import Sequence

from explorer.screens.compare import CompareScreen
from index.library import ReportRecord


class ComparisonRefused(Exception):
    """Nothing to compare: the message (and title) the user is told instead."""

    def __init__(self, message: str, title: str = "") -> None:
        super().__init__(message)
        self.message, self.title = message, title


def with_previous(current: ReportRecord | None, reports: Sequence[ReportRecord]) -> CompareScreen:
    """The open report against the same kind of report a year earlier (`c`)."""
    from index.compare.pick import PickError, previous_of

    if current is None:
        raise ComparisonRefused("Open a report first; c compares it with the year before.")
    try:
        older = previous_of(current, reports)
    except PickError as e:
        raise ComparisonRefused(str(e), "Nothing to compare with") from e
    return CompareScreen(older.path, current.path)


def with_report(current: ReportRecord | None, reports: Sequence[ReportRecord], report_id: str) -> CompareScreen:
    """The open report against `report_id` (older one on the left)."""
    other = next((r for r in reports if r.id == report_id), None)
    if current is None or other is None:
        raise ComparisonRefused("Open a report first, then choose the one to compare it with.")
    old, new = sorted([other, current], key=lambda r: r.year or 0) if other.year != current.year else (other, current)
    return CompareScreen(old.path, new.path)
