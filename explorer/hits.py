"""Walking search hits: what n/N do. Plain data, no Textual."""

from __future__ import annotations

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


def walk_order(listed: list[tuple[str, int]], hits: dict[str, list[int]],
               reading_order: list[str]) -> list[tuple[str, int]]:
    """Every hit (report id, paragraph) as n walks them: those in the results list first, in
    the list's order (the most relevant first), then the others in library reading order."""
    every = ordered_locations(hits, reading_order)
    known = set(every)
    order = list(dict.fromkeys(place for place in listed if place in known))
    shown = set(order)
    order += (place for place in every if place not in shown)
    return order


def step_walk(order: list[tuple[str, int]], anchor: tuple[str, int] | None, step: int) -> HitStep | None:
    """The hit after (step 1) or before (step -1) `anchor` in `order`, wrapping around at
    the ends; from nowhere (None, or a place not in `order`), the first or the last.
    None when there are no hits."""
    if not order:
        return None
    try:
        index = order.index(anchor) + step if anchor is not None else None
    except ValueError:
        index = None
    if index is None:
        index = 0 if step > 0 else len(order) - 1
    index %= len(order)
    report, paragraph = order[index]
    return HitStep(report, paragraph, index + 1, len(order))
