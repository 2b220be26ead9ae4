"""Find an annotation's passage again in the current text of its report.

Order of attempts, cheapest and surest first:
  position  the stored offsets still hold the quote, with its context around it;
  exact     the quote occurs exactly once elsewhere;
  context   it occurs several times, and the stored prefix/suffix pick one;
  fuzzy     the quote was edited a little: best approximate match, >= MIN_FUZZY.
Anything doubtful (ties, short quotes without matching context) is an orphan:
a note that is not shown is better than a note shown on the wrong passage.

Fuzzy search uses rapidfuzz (C++, bit-parallel): one scan of a 170 KB report
takes ~1-5 ms, a miss included. Pure-Python bitap (diff-match-patch) took
30 ms to 1.7 s per note here, and returns one location with no score to
detect ties.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from index.notes.model import Anchor, Annotation

MIN_FUZZY = 0.8
"""Least similarity (Indel, 0..1) of the quote to accept a fuzzy match."""
FUZZY_TIE = 0.03
"""A rival this close to the best fuzzy match makes the match ambiguous."""
CONTEXT_MARGIN = 0.01
"""Context scores closer than this are equally good."""
MIN_FUZZY_LEN = 8
"""Shorter quotes are too easy to match by chance: exact search only."""
SHORT_QUOTE = 16
"""Quotes shorter than this need their context to agree (CONTEXT_FLOOR)."""
CONTEXT_FLOOR = 0.5


def anchor(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
) -> Anchor:
    """Locate `quote` (with its context) in `text`; offsets are only a hint."""
    if not quote:
        return _anchor_point(text, prefix, suffix, start)
    if start is not None and end is not None and text[start:end] == quote \
            and _context_score(text, start, end, prefix, suffix) == 1.0:
        return Anchor(start, end, "position", 1.0, quote)
    found = _exact(text, quote, prefix, suffix, start)
    if found is not None:
        return found
    return _fuzzy(text, quote, prefix, suffix)


def anchor_annotation(ann: Annotation, text: str) -> Anchor:
    """Anchor `ann` in `text` and record the result on it."""
    ann.anchor = anchor(text, ann.quote, ann.prefix, ann.suffix, ann.start, ann.end)
    return ann.anchor


def _orphan(reason: str) -> Anchor:
    return Anchor(None, None, None, 0.0, "", reason)


def _anchor_point(text: str, prefix: str, suffix: str, start: int | None) -> Anchor:
    """A bookmark with no quote: anchor the text after it, with the text before as context."""
    if not prefix and not suffix:
        if start is not None and 0 <= start <= len(text):
            return Anchor(start, start, "position", 1.0)
        return _orphan("no quote and no context")
    if suffix:
        hint = None if start is None else start + len(suffix)
        found = anchor(text, suffix, prefix, "", start, hint)
        point = found.start
    else:  # bookmark at the very end of the text
        hint = None if start is None else start - len(prefix)
        found = anchor(text, prefix, "", "", hint, start)
        point = found.end
    if not found.ok:
        return found
    return Anchor(point, point, found.method, found.score, "")


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the stored context matches the text around start:end (0..1)."""
    before = text[max(0, start - len(prefix)):start]
    after = text[end:end + len(suffix)]
    return (_similarity(prefix, before) + _similarity(suffix, after)) / 2


def _occurrences(text: str, quote: str) -> list[int]:
    found, i = [], text.find(quote)
    while i != -1:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _plausible(quote: str, context: float, prefix: str, suffix: str) -> bool:
    # A short quote ("发展", "reform") found far from its old context is
    # likely another passage, not the one the user marked.
    return len(quote) >= SHORT_QUOTE or not (prefix or suffix) or context >= CONTEXT_FLOOR


def _exact(text: str, quote: str, prefix: str, suffix: str, old: int | None) -> Anchor | None:
    occs = _occurrences(text, quote)
    if not occs:
        return None
    m = len(quote)
    scored = sorted(((_context_score(text, o, o + m, prefix, suffix), o) for o in occs), reverse=True)
    best_score, best = scored[0]
    if not _plausible(quote, best_score, prefix, suffix):
        return _orphan("quote found only in an unrelated context")
    if len(scored) == 1:
        return Anchor(best, best + m, "exact", 1.0, quote)
    if best_score - scored[1][0] > CONTEXT_MARGIN:
        return Anchor(best, best + m, "context", best_score, quote)
    # Equally good contexts: the old offset decides only if one occurrence is
    # clearly nearer to it than every other one.
    tied = sorted(o for s, o in scored if best_score - s <= CONTEXT_MARGIN)
    if old is not None:
        near = sorted(tied, key=lambda o: abs(o - old))
        if 2 * abs(near[0] - old) < abs(near[1] - old):
            return Anchor(near[0], near[0] + m, "context", best_score, quote)
    return _orphan(f"quote occurs {len(tied)} times with the same context")


def _best_window(text: str, quote: str, lo: int, hi: int) -> tuple[float, int, int] | None:
    """Best approximate match of `quote` in text[lo:hi] as (score, start, end)."""
    if hi - lo < len(quote) * MIN_FUZZY:
        return None
    part = text[lo:hi]
    if len(part) <= len(quote):  # partial_ratio would search part in quote instead
        score = fuzz.ratio(quote, part) / 100
        return (score, lo, hi) if score >= MIN_FUZZY else None
    hit = fuzz.partial_ratio_alignment(quote, part, score_cutoff=MIN_FUZZY * 100)
    if hit is None:
        return None
    return hit.score / 100, lo + hit.dest_start, lo + hit.dest_end


def _refine(text: str, quote: str, start: int, end: int) -> tuple[float, int, int]:
    """Adjust the window's ends so words inserted or deleted are covered."""
    slack = max(2, len(quote) // 5)

    def best(candidates: Iterable[tuple[int, int]]) -> tuple[int, int]:
        # Nearest-first so that an equal score keeps the smaller change.
        return max(candidates, key=lambda c: float(fuzz.ratio(quote, text[c[0]:c[1]])))

    ends = sorted(range(max(start + 1, end - slack), min(len(text), end + slack) + 1), key=lambda e: abs(e - end))
    start, end = best((start, e) for e in ends)
    starts = sorted(range(max(0, start - slack), min(end - 1, start + slack) + 1), key=lambda s: abs(s - start))
    start, end = best((s, end) for s in starts)
    return fuzz.ratio(quote, text[start:end]) / 100, start, end


def _fuzzy(text: str, quote: str, prefix: str, suffix: str) -> Anchor:
    if len(quote) < MIN_FUZZY_LEN:
        return _orphan("quote not found (too short for approximate search)")
    hit = _best_window(text, quote, 0, len(text))
    if hit is None:
        return _orphan("quote not found")
    window_score, start, end = hit
    # A rival elsewhere nearly as good means we cannot tell which was meant.
    for rival in (_best_window(text, quote, 0, start), _best_window(text, quote, end, len(text))):
        if rival is not None and rival[0] >= window_score - FUZZY_TIE:
            return _orphan("several passages match the quote about equally")
    score, start, end = _refine(text, quote, start, end)
    if score < MIN_FUZZY:
        return _orphan("quote not found")
    if not _plausible(quote, _context_score(text, start, end, prefix, suffix), prefix, suffix):
        return _orphan("approximate match in an unrelated context")
    return Anchor(start, end, "fuzzy", score, text[start:end])
