"""Pairwise similarity of two lists of strings (rapidfuzz ratio, 0-100)."""

from __future__ import annotations

from rapidfuzz import fuzz


def ratios(old: list[str], new: list[str]) -> list[list[float]]:
    # rapidfuzz's cdist would do this in one call but needs numpy, which we do not depend on.
    return [[fuzz.ratio(a, b) for b in new] for a in old]
