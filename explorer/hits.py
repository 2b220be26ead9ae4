"""Walking search hits in library reading order: what n/N do. Plain data, no Textual."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple


class HitStep(NamedTuple):
    report: str
    paragraph: int
    ordinal: int
    """1-based place of the hit among all of them."""
    total: int


def report_order(hits: dict[str, list[int]], reading_order: list[str]) -> list[str]:
    """Reports with hits, in reading (tree) order; any the tree lacks yet come last."""
    ordered = [r for r in reading_order if r in hits]
    if len(ordered) < len(hits):
        known = set(ordered)
        ordered += sorted(r for r in hits if r not in known)
    return ordered


def ordered_locations(hits: dict[str, list[int]], reading_order: list[str]) -> list[tuple[str, int]]:
    """Every hit (report id, paragraph) in library reading order."""
    return [(r, p) for r in report_order(hits, reading_order) for p in hits[r]]


def step_hit(hits: dict[str, list[int]], reading_order: list[str], here: tuple[str, int] | None,
             step: int) -> HitStep | None:
    """The hit after (step 1) or before (step -1) the reader's place `here`, wrapping
    around at the ends of the library; None when there are no hits."""
    reports = report_order(hits, reading_order)
    if not reports:
        return None
    counts = [len(hits[r]) for r in reports]
    total = sum(counts)
    if here is not None:
        rid, paragraph = here
        # position of the reader among the hits: hits before it in earlier reports, then in its own
        position = {r: i for i, r in enumerate(reports)}.get(rid)
        if position is None:  # a report without hits: where it sits in the tree
            tree_order = {r: i for i, r in enumerate(reading_order)}
            mine = tree_order.get(rid, -1)
            before = sum(c for r, c in zip(reports, counts) if tree_order.get(r, len(tree_order)) < mine)
            index = before if step > 0 else before - 1
        else:
            before = sum(counts[:position])
            numbers = hits[rid]
            index = before + (bisect_right(numbers, paragraph) if step > 0 else bisect_left(numbers, paragraph) - 1)
    else:
        index = 0 if step > 0 else total - 1
    index %= total
    ordinal = index + 1
    for r, c in zip(reports, counts):
        if index < c:
            return HitStep(r, hits[r][index], ordinal, total)
        index -= c
    raise AssertionError("index is below the total")  # pragma: no cover
