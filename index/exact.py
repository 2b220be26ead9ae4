"""Exact matches: strings matched as written, and English phrases.

Both are found segment by segment and their matches cached per searcher:
typing and refining a query repeat the same runs and phrases.

A string matched as written (Chinese of three or more characters: shorter
runs are single terms of the `cjk` field; anything with digits or symbols) is
found in two steps. The paragraphs holding its rarest bigrams and words are
the candidates: bigram postings carry no positions, so reading them is cheap,
and a common bigram (发展 in 高质量发展) is never read. Then the string itself
is looked for in each candidate's match text (the `match_text` column), with
the whole-word rule of `index.textnorm.find_exact`: that check is what
makes the match exact, like grep.

An English phrase is its (stemmed) words at consecutive positions of the
`text` field. The `pairs` field holds every two words side by side as one
term, so a two-word phrase is one term's documents, and a longer one reads
word positions only in the few documents holding all its pairs. (Whoosh's
`Phrase` reads the positions of every word in every document holding them.)
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Hashable
from typing import TYPE_CHECKING

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from index.analysis import bigrams, cjk_runs, english_spans, word_pair
from index.cache import cached
from index.postings import doc_ids, holding_rarest, skip_to
from index.textnorm import cjk_run_pattern, find_exact, has_word_ends

if TYPE_CHECKING:  # Whoosh ships no types: these name what is passed, mypy sees Any
    from whoosh.matching import Matcher
    from whoosh.reading import IndexReader
    from whoosh.searching import SearchContext, Searcher

    from index.textcolumn import TextColumn

FIELD = "cjk"
PAIRS = "pairs"
WORDS = "text"
TEXT_COLUMN = "match_text"
NARROWING = 1
"""Another bigram narrows the candidates when it has at most this many
postings per candidate: reading and intersecting a posting costs about as
much as checking a candidate's text (measured: 1 beat 2, 4 and 8 by 15-50 %)."""
CACHED_RUNS = 64
_CACHE = "_reportx_runs"

SegmentMatches = dict[int, list[int]]
"""id(segment searcher) -> its matching documents (segment numbers)."""


class _Exact(wq.Query):  # type: ignore[misc]  # Whoosh ships no types
    """Documents where a run of `words` (a phrase's words, a run's bigrams)
    occurs; each subclass finds them its own way (`find`)."""

    def __init__(self, fieldname: str, words: tuple[str, ...], boost: float = 1.0):
        self.fieldname, self.words, self.boost = fieldname, tuple(words), boost

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Exact) and type(other) is type(self) and (other.fieldname, other.words, other.boost) == (
            self.fieldname, self.words, self.boost)

    def __hash__(self) -> int:
        return hash((type(self), self.fieldname, self.words, self.boost))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.fieldname!r}, {self.words!r})"

    def __unicode__(self) -> str:
        return f'{self.fieldname}:"{" ".join(self.words)}"'

    __str__ = __unicode__

    def estimate_size(self, ixreader: IndexReader) -> int:
        return min(_doc_frequency(ixreader, self.fieldname, w) for w in self.words)

    def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> Matcher:
        ids = _segment_matches(searcher, self)
        return ListMatcher(ids, all_weights=self.boost) if ids else NullMatcher()

    def docs_within(self, searcher: Searcher, candidates: list[int]) -> list[int]:
        """The matches among `candidates` (sorted top-level numbers), checking
        only those documents: cheaper than all matches when they are few."""
        cached = _cached(searcher).get(self._key())
        found: list[int] = []
        for sub, offset in searcher.leaf_searchers():
            local = in_segment(candidates, offset, sub.doc_count_all())
            if not local:
                continue
            if cached is not None and id(sub) in cached:
                mine = set(cached[id(sub)])
                found += [n + offset for n in local if n in mine]
            else:
                found += [n + offset for n in self.find(sub.reader(), local)]
        return found

    def find(self, reader: IndexReader, candidates: list[int] | None = None) -> list[int]:
        """Matches in one segment (segment numbers), among `candidates` (sorted) if given."""
        raise NotImplementedError

    def _key(self) -> Hashable:
        return type(self), self.fieldname, self.words


class WordPhrase(_Exact):
    """An English phrase: its (stemmed) words in a row in the `text` field.

    The documents holding each pair of its words side by side (the `pairs`
    field) are the matches of a two-word phrase; for a longer one, the
    candidates whose word positions are then read.
    """

    def estimate_size(self, ixreader: IndexReader) -> int:
        return min(_doc_frequency(ixreader, PAIRS, p) for p in self._pairs())

    def _pairs(self) -> list[str]:
        return [word_pair(a, b) for a, b in zip(self.words, self.words[1:])]

    def find(self, reader: IndexReader, candidates: list[int] | None = None) -> list[int]:
        docs = holding_rarest(reader, [(PAIRS, pair) for pair in self._pairs()])
        if candidates is not None:
            docs = sorted(set(docs).intersection(candidates))
        if len(self.words) == 2 or not docs:
            return docs
        # Positions are read only for the candidates, rarest word leading.
        field = self.fieldname
        checks = sorted(((w, i) for i, w in enumerate(self.words)), key=lambda c: reader.doc_frequency(field, c[0]))
        (leader, lead_offset), *rest = [(reader.postings(field, w), o) for w, o in checks]
        return [doc for doc in docs if _all_at(doc, [(leader, lead_offset), *rest])
                and _in_a_row(leader, lead_offset, rest)]


class ExactText(_Exact):
    """Paragraphs whose match text holds `needle` (a folded match text, see
    `index.textnorm`) by the exact rule, `find_exact`: Chinese of three or
    more characters, or any string with digits or symbols (5%左右, PM2.5, 人工智能+).

    Candidates are the paragraphs holding its rarest Chinese bigrams and its
    words (the unstemmed words of the `text` field): a word that is whole in
    the needle is whole in every match. A needle with neither is looked for
    in every paragraph. A Chinese needle that is a word of the `text` field
    (jieba's 基础设施) is in the match text of every paragraph holding that
    word (both come from the same folded text, and dropping spaces cannot
    part a word): only the other candidates are checked.
    """

    def __init__(self, needle: str, boost: float = 1.0):
        if not needle or (len(needle) < 3 and cjk_run_pattern().fullmatch(needle)):
            raise ValueError("a string, of at least three characters if all Chinese")
        self.needle = needle
        self.terms = candidate_terms(needle)
        self._word = needle if cjk_run_pattern().fullmatch(needle) else None
        super().__init__(FIELD, tuple(f"{f}:{t}" for f, t in self.terms), boost)

    def __unicode__(self) -> str:
        return f"exact:{self.needle}"

    __str__ = __unicode__

    def __repr__(self) -> str:
        return f"ExactText({self.needle!r})"

    def _key(self) -> Hashable:
        return type(self), self.needle

    def estimate_size(self, ixreader: IndexReader) -> int:
        if not self.terms:
            count: int = ixreader.doc_count_all()
            return count
        return min(_doc_frequency(ixreader, f, t) for f, t in self.terms)

    def find(self, reader: IndexReader, candidates: list[int] | None = None) -> list[int]:
        if self.terms:
            candidates = holding_rarest(reader, self.terms, NARROWING, candidates)
        elif candidates is None:
            candidates = list(reader.all_doc_ids())
        if not candidates:
            return []
        column = _text_column(reader)
        if column is None:
            return []
        needle = self.needle
        as_word = set(doc_ids(reader, WORDS, self._word)) if self._word else None
        if as_word:
            checked = set(column.docs_holding([n for n in candidates if n not in as_word], needle.encode()))
            return [n for n in candidates if n in as_word or n in checked]  # a Chinese needle has no word ends
        docs = column.docs_holding(candidates, needle.encode())
        if not has_word_ends(needle):  # the substring is the match
            return docs
        return [n for n in docs if find_exact(column[n].decode("utf-8"), needle) != -1]


def candidate_terms(needle: str) -> list[tuple[str, str]]:
    """(field, term) pairs every paragraph matching `needle` holds: the bigrams
    of its Chinese runs, and its words that stand whole in any match (not a
    word at an end of the needle next to a dot: ".5" may be part of "4.5")."""
    terms = [(FIELD, gram) for run, _ in cjk_runs(needle) if len(run) > 1 for gram in bigrams(run)]
    for word, start, end in english_spans(needle):
        open_left = start == 1 and needle[0] == "."
        open_right = end == len(needle) - 1 and needle[end] == "."
        if not (open_left or open_right):
            terms.append((WORDS, word))
    return list(dict.fromkeys(terms))


def _doc_frequency(reader: IndexReader, fieldname: str, text: str) -> int:
    frequency: int = reader.doc_frequency(fieldname, text)  # typed here: Whoosh is untyped
    return frequency


def _text_column(reader: IndexReader) -> TextColumn.Reader | None:
    """The segment's `match_text` column (a TextColumn reader), opened once per
    reader; None in a segment without it."""
    column: TextColumn.Reader | None = cached(reader, TEXT_COLUMN, lambda: reader.column_reader(TEXT_COLUMN, translate=False)
                  if reader.has_column(TEXT_COLUMN) else None)
    return column


def in_segment(docnums: list[int], offset: int, size: int) -> list[int]:
    """The sorted top-level `docnums` of the segment that starts at `offset`,
    numbered from the segment's start."""
    lo, hi = bisect_left(docnums, offset), bisect_left(docnums, offset + size)
    return [n - offset for n in docnums[lo:hi]]


def forget_runs(searcher: Searcher) -> None:
    """Drop the cached matches (benchmarks measure each query cold)."""
    searcher.__dict__.pop(_CACHE, None)


def _cached(searcher: Searcher) -> OrderedDict[Hashable, SegmentMatches]:
    """query key -> {id(segment searcher): matches}, kept on the top searcher."""
    top = searcher.parent() if searcher.has_parent() else searcher
    runs: OrderedDict[Hashable, SegmentMatches] = top.__dict__.setdefault(_CACHE, OrderedDict())
    return runs


def _segment_matches(searcher: Searcher, query: _Exact) -> list[int]:
    """Matching document numbers of one segment's searcher (segment-relative)."""
    cached = _cached(searcher)
    key = query._key()
    segments = cached.setdefault(key, {})
    cached.move_to_end(key)
    if len(cached) > CACHED_RUNS:
        cached.popitem(last=False)
    if id(searcher) not in segments:
        segments[id(searcher)] = query.find(searcher.reader())
    return segments[id(searcher)]


def _in_a_row(leader: Matcher, lead_offset: int, rest: list[tuple[Matcher, int]]) -> bool:
    """Whether the matchers' terms, all on one document, stand at their offsets."""
    starts = {p - lead_offset for p in leader.value_as("positions")}
    for m, offset in rest:
        starts.intersection_update([p - offset for p in m.value_as("positions")])
        if not starts:
            return False
    return bool(starts)


def _all_at(doc: int, matchers: list[tuple[Matcher, int]]) -> bool:
    """Move every matcher to `doc` or past it; True if all stand on it."""
    for m, _ in matchers:
        if m.is_active() and m.id() < doc:
            skip_to(m, doc)
        if not m.is_active() or m.id() != doc:
            return False
    return True
