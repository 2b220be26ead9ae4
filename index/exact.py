"""Exact phrases over term positions: Chinese runs (substrings) and English phrases.

Both read term positions directly, rarest term first, and cache their matches
per searcher: typing and refining a query repeat the same runs and phrases.
Whoosh's `Phrase` checks every word through its span machinery, ~3× the cost.

Chinese runs use the `cjk` field, which holds every character bigram of a CJK
run at consecutive positions (see `BigramTokenizer`): a run occurs in a
paragraph exactly where its bigrams stand in order. Only a *tiling* is
checked: bigrams whose offsets in the run step by at most 2 and cover every
character (for 基础设施, 基础 at p and 设施 at p+2). Two bigrams of the field at
positions p and p+1 or p+2 always belong to one run (a run ends with a single
character and a gap), so the tiling pins every character and the check stays
exact. Of the tilings, the one with the rarest bigrams is taken.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher, NullMatcher

from index.analysis import bigrams

FIELD = "cjk"
CACHED_RUNS = 64
_CACHE = "_reportx_runs"


class _Exact(wq.Query):
    """Documents where `words` stand in a row in `fieldname`."""

    def __init__(self, fieldname: str, words: tuple[str, ...], boost: float = 1.0):
        self.fieldname, self.words, self.boost = fieldname, tuple(words), boost

    def __eq__(self, other):
        return type(other) is type(self) and (other.fieldname, other.words, other.boost) == (
            self.fieldname, self.words, self.boost)

    def __hash__(self):
        return hash((type(self), self.fieldname, self.words, self.boost))

    def __repr__(self):
        return f"{type(self).__name__}({self.fieldname!r}, {self.words!r})"

    def __unicode__(self):
        return f'{self.fieldname}:"{" ".join(self.words)}"'

    __str__ = __unicode__

    def estimate_size(self, ixreader):
        return min(ixreader.doc_frequency(self.fieldname, w) for w in self.words)

    def matcher(self, searcher, context=None):
        ids = _segment_matches(searcher, self)
        return ListMatcher(ids, all_weights=self.boost) if ids else NullMatcher()

    def docs_within(self, searcher, candidates: list[int]) -> list[int]:
        """The matches among `candidates` (sorted top-level numbers), checking
        only those documents: cheaper than all matches when they are few."""
        cached = _cached(searcher).get((self.fieldname, self.words))
        found: list[int] = []
        for sub, offset in searcher.leaf_searchers():
            local = in_segment(candidates, offset, sub.doc_count_all())
            if not local:
                continue
            if cached is not None and id(sub) in cached:
                mine = set(cached[id(sub)])
                found += [n + offset for n in local if n in mine]
            else:
                found += [n + offset for n in _find(sub.reader(), self, local)]
        return found

    def checks(self, reader) -> list[tuple[str, int]]:
        """(term, offset) pairs that pin the phrase: every word at its place."""
        return [(w, i) for i, w in enumerate(self.words)]


class WordPhrase(_Exact):
    """An English phrase: its (stemmed) words in a row in the `text` field."""


class CjkRun(_Exact):
    """Paragraphs whose folded text contains `run` (two or more CJK characters)."""

    def __init__(self, run: str, boost: float = 1.0):
        if len(run) < 2:
            raise ValueError("a run of at least two characters")
        super().__init__(FIELD, tuple(bigrams(run)), boost)
        self.run = run

    def __unicode__(self):
        return f"{FIELD}:{self.run}"

    __str__ = __unicode__

    def __repr__(self):
        return f"CjkRun({self.run!r})"

    def checks(self, reader) -> list[tuple[str, int]]:
        frequency = lambda g: reader.doc_frequency(FIELD, g)  # noqa: E731
        return [(self.words[o], o) for o in tiling(self.run, frequency)]


def tiling(run: str, frequency) -> list[int]:
    """Offsets of the bigrams to check: the first and last, steps of 1 or 2,
    the smallest sum of `frequency(bigram)` (fewest postings to read)."""
    grams = bigrams(run)
    best: dict[int, tuple[int, list[int]]] = {0: (frequency(grams[0]), [0])}
    for i in range(1, len(grams)):
        cost, path = min((best[j] for j in (i - 1, i - 2) if j in best), key=lambda b: b[0])
        best[i] = (cost + frequency(grams[i]), path + [i])
    return best[len(grams) - 1][1]


def in_segment(docnums: list[int], offset: int, size: int) -> list[int]:
    """The sorted top-level `docnums` of the segment that starts at `offset`,
    numbered from the segment's start."""
    lo, hi = bisect_left(docnums, offset), bisect_left(docnums, offset + size)
    return [n - offset for n in docnums[lo:hi]]


def forget_runs(searcher) -> None:
    """Drop the cached matches (benchmarks measure each query cold)."""
    searcher.__dict__.pop(_CACHE, None)


def _cached(searcher) -> OrderedDict:
    """(field, words) -> {id(segment searcher): matches}, kept on the top searcher."""
    top = searcher.parent() if searcher.has_parent() else searcher
    return top.__dict__.setdefault(_CACHE, OrderedDict())


def _segment_matches(searcher, query: _Exact) -> list[int]:
    """Matching document numbers of one segment's searcher (segment-relative)."""
    cached = _cached(searcher)
    key = (query.fieldname, query.words)
    segments = cached.setdefault(key, {})
    cached.move_to_end(key)
    if len(cached) > CACHED_RUNS:
        cached.popitem(last=False)
    if id(searcher) not in segments:
        segments[id(searcher)] = _find(searcher.reader(), query)
    return segments[id(searcher)]


def _find(reader, query: _Exact, candidates: list[int] | None = None) -> list[int]:
    """Matches in one segment, among `candidates` (sorted) if given."""
    field = query.fieldname
    frequency = lambda w: reader.doc_frequency(field, w)  # noqa: E731
    checks = query.checks(reader)
    if any(frequency(w) == 0 for w, _ in checks):
        return []
    # The rarest term leads (or the candidates do); the others skip to its documents.
    checks.sort(key=lambda c: frequency(c[0]))
    (leader, lead_offset), *rest = [(reader.postings(field, w), o) for w, o in checks]
    if candidates is not None:
        return [doc for doc in candidates if _all_at(doc, [(leader, lead_offset), *rest])
                and _in_a_row(leader, lead_offset, rest)]
    matches: list[int] = []
    while leader.is_active():
        doc = leader.id()
        if _all_at(doc, rest):
            if _in_a_row(leader, lead_offset, rest):
                matches.append(doc)
        elif not all(m.is_active() for m, _ in rest):
            break
        leader.next()
    return matches


def _in_a_row(leader, lead_offset: int, rest) -> bool:
    """Whether the matchers' terms, all on one document, stand at their offsets."""
    starts = {p - lead_offset for p in leader.value_as("positions")}
    for m, offset in rest:
        starts.intersection_update([p - offset for p in m.value_as("positions")])
        if not starts:
            return False
    return bool(starts)


def _all_at(doc: int, matchers) -> bool:
    """Move every matcher to `doc` or past it; True if all stand on it."""
    for m, _ in matchers:
        if m.is_active() and m.id() < doc:
            _skip_to(m, doc)
        if not m.is_active() or m.id() != doc:
            return False
    return True


def _skip_to(m, doc: int) -> None:
    """`m.skip_to(doc)`, but within a block of a W3 posting list by bisection:
    Whoosh steps through a block one posting at a time, which is most of the
    cost when a common term follows a rare one."""
    if type(m) is not W3LeafMatcher:
        m.skip_to(doc)
        return
    if doc > m.block_max_id():
        m.skip_to(doc)  # whole blocks skipped on their headers; lands in the right block
        return
    if m._ids is None:
        m._read_ids()
    m._i = bisect_left(m._ids, doc, m._i)
    if m._i == m._blocklength:
        m._next_block()
