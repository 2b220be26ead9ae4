"""Exact substring search for a run of Chinese characters over the bigram field.

The `cjk` field holds every character bigram of a CJK run at consecutive
positions (see `BigramTokenizer`), so a run occurs in a paragraph exactly
where its bigrams stand in order. Whoosh's `Phrase` checks every bigram
through its span machinery; this query checks a *tiling* instead: bigrams
whose offsets in the run step by at most 2 and cover every character (for
基础设施, 基础 at p and 设施 at p+2). Two bigrams of the field at positions p and
p+1 or p+2 always belong to one run (a run ends with a single character and a
gap), so the tiling pins every character: the check stays exact. Among the
tilings, the one with the rarest bigrams is taken, and the rarest bigram
leads, so few postings are read. Matches are cached per searcher: typing
and refining a query repeat the same runs.
"""

from __future__ import annotations

from collections import OrderedDict

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from index.analysis import bigrams

FIELD = "cjk"
CACHED_RUNS = 64


class CjkRun(wq.Query):
    """Paragraphs whose folded text contains `run` (two or more CJK characters)."""

    def __init__(self, run: str, boost: float = 1.0):
        if len(run) < 2:
            raise ValueError("a run of at least two characters")
        self.run = run
        self.boost = boost
        self.fieldname = FIELD

    def __eq__(self, other):
        return type(other) is CjkRun and other.run == self.run and other.boost == self.boost

    def __hash__(self):
        return hash((CjkRun, self.run, self.boost))

    def __repr__(self):
        return f"CjkRun({self.run!r})"

    def __unicode__(self):
        return f"{FIELD}:{self.run}"

    __str__ = __unicode__

    def estimate_size(self, ixreader):
        return min(ixreader.doc_frequency(FIELD, g) for g in bigrams(self.run))

    def matcher(self, searcher, context=None):
        ids = _segment_matches(searcher, self.run)
        return ListMatcher(ids, all_weights=self.boost) if ids else NullMatcher()


def tiling(run: str, frequency) -> list[int]:
    """Offsets of the bigrams to check: the first and last, steps of 1 or 2,
    the smallest sum of `frequency(bigram)` (fewest postings to read)."""
    grams = bigrams(run)
    best: dict[int, tuple[int, list[int]]] = {0: (frequency(grams[0]), [0])}
    for i in range(1, len(grams)):
        cost, path = min((best[j] for j in (i - 1, i - 2) if j in best), key=lambda b: b[0])
        best[i] = (cost + frequency(grams[i]), path + [i])
    return best[len(grams) - 1][1]


def _segment_matches(searcher, run: str) -> list[int]:
    """Matching document numbers of one segment's searcher (segment-relative)."""
    top = searcher.parent() if searcher.has_parent() else searcher
    runs = top.__dict__.setdefault("_reportx_runs", OrderedDict())
    segments = runs.setdefault(run, {})
    runs.move_to_end(run)
    if len(runs) > CACHED_RUNS:
        runs.popitem(last=False)
    if id(searcher) not in segments:
        segments[id(searcher)] = _find(searcher.reader(), run)
    return segments[id(searcher)]


def _find(reader, run: str) -> list[int]:
    grams = bigrams(run)
    frequency = lambda g: reader.doc_frequency(FIELD, g)  # noqa: E731
    checks = [(grams[o], o) for o in tiling(run, frequency)]
    if any(frequency(g) == 0 for g, _ in checks):
        return []
    # The rarest bigram leads; the others skip to its documents.
    checks.sort(key=lambda c: frequency(c[0]))
    (leader, lead_offset), *rest = [(reader.postings(FIELD, g), o) for g, o in checks]
    matches: list[int] = []
    while leader.is_active():
        doc = leader.id()
        if _all_at(doc, rest):
            starts = {p - lead_offset for p in leader.value_as("positions")}
            for m, offset in rest:
                starts.intersection_update([p - offset for p in m.value_as("positions")])
                if not starts:
                    break
            if starts:
                matches.append(doc)
        elif not all(m.is_active() for m, _ in rest):
            break
        leader.next()
    return matches


def _all_at(doc: int, matchers) -> bool:
    """Move every matcher to `doc` or past it; True if all stand on it."""
    for m, _ in matchers:
        if m.is_active() and m.id() < doc:
            m.skip_to(doc)
        if not m.is_active() or m.id() != doc:
            return False
    return True
