"""Which item holds a position: the one rule for "paragraph at offset" and "block at line"."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def index_at(starts: Sequence[int], position: int) -> int:
    """Index of the last item starting at or before `position` (0 before the first).

    `starts` are the items' first positions, ascending: a position inside an
    item, or in a gap after it, belongs to that item.
    """
    return max(0, bisect_right(starts, position) - 1)
