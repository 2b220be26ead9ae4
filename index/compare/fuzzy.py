"""Pairwise similarity of two lists of strings (rapidfuzz ratio, 0-100)."""

from __future__ import annotations

from rapidfuzz import fuzz


def ratios(old: list[str], new: list[str], cutoff: float = 0.0) -> list[list[float]]:
    """Similarity of every pair; below `cutoff` a pair scores 0 (rapidfuzz stops early there)."""
    # rapidfuzz's cdist would do this in one call but needs numpy, which we do not depend on.
    return [[fuzz.ratio(a, b, score_cutoff=cutoff) for b in new] for a in old]
