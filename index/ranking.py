"""BM25F ranking of plain words, read a posting block at a time.

`searcher.search` scores each posting through a stack of matcher and scorer
calls plus a read of the length column: ~5 µs a document, most of a search
with thousands of matches. When the ranking query is only Terms under And/Or,
`top_scored` computes the same scores itself, segment by segment: Whoosh's
BM25F formula and statistics, the parts added up in the order Whoosh's
matchers add them (so equal scores stay equal, to the last bit), ranked as its
collectors rank (higher score first, then lower document number).

One difference, on purpose: here the top N are always the first N of
Whoosh's full ranking. Whoosh's top-N search prunes its matchers on quality
estimates that can be too low, and so can lose the best matches: a word
boosted above 1 (`carbon^2`; WrappingMatcher.replace compares the unboosted
word with the minimum score), or an Or of 3+ words in a segment of at most
5,000 documents under an And or an Or (ArrayUnionMatcher.max_quality is its
best part's, not their sum).

Private Whoosh 2.7 API, each checked by exact type (anything else goes
through the public one, or back to `searcher.search`): a W3LeafMatcher's
`_next_block` (`index.postings` decodes its blocks), a segment reader's
`_perdoc`, a NumericColumn reader's raw bytes, BM25F's per-field B (`_field_B`).
A list held raw (`index.rawpostings`) is read from there instead of its blocks.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, repeat
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3LeafMatcher,
    W3PerDocReader,
    _lenfield,
)
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util import make_weighted_tree
from whoosh.util.numeric import byte_to_length

from index.cache import cached
from index.exact import in_segment
from index.postings import block_ids_and_weights, raw_ids_and_weights

LOOKUP_RATIO = 20
"""A list read raw is walked whole unless it is this many times longer than the
documents to score: then each document is looked up (a bisection, ~1 µs, where
walking costs ~50 ns a posting)."""
TREE_OR_DOCS = 5000
"""Whoosh's Or adds its parts' scores over a tree in a segment of more documents
than this, and one part after another in a smaller one, if it has 3 parts or more
(`whoosh.query.compound.Or._matcher`)."""


def top_scored(searcher: Any, q: wq.Query, allowed: set[int], limit: int | None) -> list[tuple[int, float]] | None:
    """(docnum, score) of the `limit` best of `allowed` (all if None), as
    `searcher.search(q, filter=allowed, limit=limit)` ranks them; None when
    `q` is not plain words under And/Or (Whoosh must score it)."""
    if not _plain_bm25(searcher) or not _words_only(q, searcher.schema):
        return None
    docs = sorted(allowed)
    segments = []  # (offset, {docnum in the segment: score})
    for sub, offset in searcher.leaf_searchers():
        local = _live(sub.reader(), in_segment(docs, offset, sub.doc_count_all()))
        if local:
            segments.append((offset, _Segment(searcher, sub, local).scores(q)))
    # Only scores that can make the top get a tuple: thousands of tuples cost
    # more than the scoring, and wake the garbage collector.
    everyone = chain.from_iterable(scores.values() for _, scores in segments)
    cutoff = min(heapq.nlargest(limit, everyone), default=0) if limit else 0
    # (score, -docnum): Whoosh's TopCollector keeps the same heap items.
    found = [(score, -(n + offset)) for offset, scores in segments
             for n, score in scores.items() if score >= cutoff]
    best = sorted(found, reverse=True) if limit is None else heapq.nlargest(limit, found)
    return [(-negated, score) for score, negated in best]


def _plain_bm25(searcher: Any) -> bool:
    return type(searcher.weighting) is BM25F and all(
        type(getattr(sub.reader(), "_perdoc", None)) is W3PerDocReader for sub, _ in searcher.leaf_searchers())


def _words_only(q: wq.Query, schema: Any) -> bool:
    """Terms of scorable fields under And/Or, boosts above 0 (Whoosh's array
    Or drops a score of 0), Ors with neither a coordination scale nor an
    unusual matcher type."""
    if q.boost <= 0:
        return False
    if type(q) is wq.Term:
        return bool(q.minquality is None and (q.fieldname not in schema or schema[q.fieldname].scorable))
    if type(q) is wq.Or and (q.scale or q.matcher_type == wq.Or.SPLIT_MATCHER):
        return False
    return type(q) in (wq.And, wq.Or) and all(_words_only(part, schema) for part in q.subqueries)


def _live(reader: Any, docs: list[int]) -> list[int]:
    """`docs` not deleted: Whoosh never scores a deleted document."""
    return [n for n in docs if not reader.is_deleted(n)] if reader.has_deletions() else docs


class _Segment:
    """Scores in one segment, of its allowed documents (numbered from its start)."""

    def __init__(self, top: Any, sub: Any, docs: list[int]) -> None:
        self.top, self.sub, self.reader = top, sub, sub.reader()
        self.docs, self.doc_set = docs, set(docs)

    def scores(self, q: wq.Query) -> dict[int, float]:
        """What Whoosh's matcher for `q` scores, built as Query.matcher builds it."""
        if type(q) is wq.Term:
            return _boosted(self._term(q), q.boost)
        parts = q.subqueries
        if len(parts) <= 1:  # CompoundQuery.matcher: one part stands alone, without the boost
            return self.scores(parts[0]) if parts else {}
        if type(q) is wq.Or and not _or_tree(q, self.sub):
            return self._one_by_one(parts, q.boost)
        # A tree of Union/IntersectionMatchers, shaped by the parts' sizes in this segment.
        def size(part: Any) -> int:
            return int(part.estimate_size(self.reader))

        if type(q) is wq.Or:
            weight, combine = size, _union
        else:
            weight, combine = (lambda part: 0 - size(part)), _intersection
        leaves = [(weight(part), _Part(self.scores(part))) for part in parts]
        tree = make_weighted_tree(lambda a, b: _Part(combine(a.scores, b.scores)), leaves)
        return _boosted(tree.scores, q.boost)

    def _one_by_one(self, parts: list[wq.Query], boost: float) -> dict[int, float]:
        """ArrayUnionMatcher: 0 plus each part's score times the boost, part by part."""
        total: dict[int, float] = {}
        for part in parts:
            for n, score in self.scores(part).items():
                total[n] = total.get(n, 0) + score * boost
        return total

    def _term(self, q: wq.Term) -> dict[int, float]:
        """BM25F of the term in the allowed documents, as whoosh.scoring.bm25
        computes it (its length part taken from `_length_parts`)."""
        if q.fieldname not in self.top.schema:
            return {}
        try:
            text = self.top.schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return {}
        try:
            raw = raw_ids_and_weights(self.reader, q.fieldname, text)
            postings = self.reader.postings(q.fieldname, text) if raw is None else None
        except TermNotFound:
            return {}
        weighting = self.top.weighting
        idf, k1_plus_1 = self.top.idf(q.fieldname, text), weighting.K1 + 1
        length_part = _length_parts(self.top, q.fieldname)
        lengths = _length_bytes(self.sub, q.fieldname)
        doc_set, scores = self.doc_set, dict[int, float]()
        pairs = chain.from_iterable(_blocks(postings, self.docs)) if raw is None else _raw_pairs(*raw, self.docs)
        for n, w in pairs:
            if n in doc_set:
                scores[n] = idf * ((w * k1_plus_1) / (w + length_part[lengths[n]]))
        return scores


class _Part:
    """Scores standing where make_weighted_tree puts a matcher. Like matchers
    there, no part sorts before another, so parts of equal size keep their order."""

    def __init__(self, scores: dict[int, float]) -> None:
        self.scores = scores

    def __lt__(self, other: object) -> bool:
        return False


def _or_tree(q: wq.Or, sub: Any) -> bool:
    """Whether Or._matcher builds a tree of UnionMatchers here (a plain search
    does not need the current match: `needs_current` is False)."""
    if q.matcher_type == wq.Or.AUTO_MATCHER:
        count = len(q.subqueries)
        return bool(count < q.TOO_MANY_CLAUSES and (count == 2 or sub.doc_count_all() > TREE_OR_DOCS))
    return bool(q.matcher_type == wq.Or.DEFAULT_MATCHER)


def _union(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    total = dict(a)
    for n, score in b.items():
        total[n] = total[n] + score if n in total else score
    return total


def _intersection(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    return {n: score + b[n] for n, score in a.items() if n in b}


def _boosted(scores: dict[int, float], boost: float) -> dict[int, float]:
    """WrappingMatcher: each score times the boost, unless the boost is 1."""
    return scores if boost == 1.0 else {n: score * boost for n, score in scores.items()}


def _raw_pairs(ids: Sequence[int], weights: Sequence[float] | None, docs: list[int]) -> Iterable[tuple[int, float]]:
    """(id, weight) of a whole list read raw (`index.rawpostings`): all of them, or,
    when `docs` (sorted) are few beside it, just theirs, each found by bisection."""
    if len(docs) * LOOKUP_RATIO >= len(ids):
        return zip(ids, weights if weights is not None else repeat(1.0))
    found = []
    end = len(ids)
    for n in docs:
        i = bisect_left(ids, n)
        if i < end and ids[i] == n:
            found.append((n, 1.0 if weights is None else weights[i]))
    return found


def _blocks(m: Any, docs: list[int]) -> Iterator[Iterable[tuple[int, float]]]:
    """The postings of `m` on `docs` (sorted) and maybe others, as iterables
    of (id, weight) a block at a time. A W3 block past which no doc lies is
    skipped on its header, without decoding. (Looking a few docs up in a
    block, rather than walking it, saved nothing measurable.) Other matchers
    give all their postings."""
    if type(m) is FilterMatcher:  # hides the segment's deletions; `docs` are live already
        m = m.child
    if type(m) is not W3LeafMatcher:
        ids: list[int] = []
        weights: list[float] = []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
        yield zip(ids, weights)
        return
    start = 0
    while m.is_active() and start < len(docs):
        end = bisect_right(docs, m.block_max_id(), start)
        if end > start:
            yield zip(*block_ids_and_weights(m))
        start = end
        m._next_block()


def _length_parts(top: Any, fieldname: str) -> list[float]:
    """BM25's `K1 * ((1 - B) + B * fl / avgfl)` for each of the 256 length bytes."""

    def compute() -> list[float]:
        weighting = top.weighting
        b, k1 = weighting._field_B.get(fieldname, weighting.B), weighting.K1
        avgfl = top.avg_field_length(fieldname) or 1
        return [k1 * ((1 - b) + b * byte_to_length(lb) / avgfl) for lb in range(256)]

    parts: list[float] = cached(top, ("length parts", fieldname), compute)
    return parts


def _length_bytes(sub: Any, fieldname: str) -> bytes:
    """Each document's length byte (whoosh.util.numeric.length_to_byte) in
    `fieldname`, read in one piece, where Whoosh reads one per document."""

    def compute() -> bytes:
        column = sub.reader()._perdoc.column_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        raw: bytes = column._dbfile.get(column._basepos, column._count)  # one byte a document
        return raw + bytes(sub.doc_count_all() - len(raw))  # the rest: 0, no length

    lengths: bytes = cached(sub, ("length bytes", fieldname), compute)
    return lengths
