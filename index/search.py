"""The one search function the app and the command line share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from index.cache import cached
from index.exact import WordPhrase, _Exact, forget_runs, in_segment
from index.highlight import make_snippet, match_spans
from index.library import Library
from index.places import place_of
from index.postings import doc_ids, holding_rarest
from index.query import HighlightTerms, QueryError, parse_query
from index.querycheck import QueryProblem, check_expansion
from index.ranking import top_scored
from index.schema import HEADING, PARAGRAPH
from index.terminfos import forget_term_infos

if TYPE_CHECKING:  # Whoosh ships no types: these name what is passed, mypy sees Any
    from whoosh.matching import Matcher
    from whoosh.reading import IndexReader
    from whoosh.searching import SearchContext, Searcher

COMMON_SHARE = 0.05
"""A ranking word in more than this share of the documents is "common"."""
FEW_MATCHES = 8
"""Matches are "few" below 1/FEW_MATCHES of the ranking words' postings."""

__all__ = ["Hit", "SearchRequest", "SearchResult", "SearchCancelled", "search", "QueryError", "forget_between_searches"]


class SearchCancelled(Exception):
    """Raised by `search` when its `cancelled` callback says the answer is no longer wanted."""


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    themes: tuple[str, ...] = ()
    theme_mode: Literal["any", "all"] = "any"
    reports: tuple[str, ...] = ()
    years: tuple[int | None, int | None] | None = None
    lang: str | None = None
    limit: int = 20
    """How many hits to return with snippets; 0 means all."""
    locations: bool = False
    """Also list where every match is (`SearchResult.locations`): ~5 µs a match."""


@dataclass
class Hit:
    report: str
    path: str
    title: str
    year: int | None
    lang: str
    section: list[str]
    paragraph: int
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    themes: list[str]
    text: str
    spans: list[tuple[int, int]]
    """Highlighted spans over the whole paragraph `text`."""
    heading: bool = False
    """A hit in a section title (`text`, the last of `section`); `paragraph`
    is the section's first paragraph."""

    def to_json(self) -> dict[str, object]:
        return {
            "report": self.report, "path": self.path, "title": self.title,
            "year": self.year, "lang": self.lang, "section": self.section,
            "paragraph": self.paragraph, "score": round(self.score, 4),
            "snippet": self.snippet, "highlights": [list(s) for s in self.highlights],
            "themes": self.themes, "heading": self.heading,
        }


@dataclass
class SearchResult:
    request: SearchRequest
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    theme_counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    locations: list[tuple[str, int]] = field(default_factory=list)
    """(report id, paragraph number) of every matching paragraph and heading
    (once each), in reading order within each report, when the request asks for them."""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "query": self.request.query, "total": self.total,
            "hits": [h.to_json() for h in self.hits], "theme_counts": self.theme_counts,
        }
        if self.error:
            data["error"] = self.error
        return data


def search(library: Library, request: SearchRequest, cancelled: Callable[[], bool] | None = None) -> SearchResult:
    """Run `request`; a query that cannot be searched gives `result.error`.

    With no query text but a theme filter, every paragraph of those themes is
    listed in reading order. `cancelled` is asked between the steps (and between
    hits): when it returns True, SearchCancelled is raised, so a search typed
    over does not hold up the next one.
    """

    def check() -> None:
        if cancelled is not None and cancelled():
            raise SearchCancelled

    result = SearchResult(request)
    searcher = library.searcher()
    try:
        if request.query.strip() or not request.themes:
            parsed = parse_query(request.query)
            q, terms = parsed.query, parsed.highlight
            check_expansion(q, searcher.reader())
        else:
            q, terms = wq.Every(), HighlightTerms()
    except (QueryError, QueryProblem) as e:
        result.error = str(e)
        return result

    scope = cached(searcher, ("scope", request.reports, request.lang, request.years),
                   lambda: _Scope(searcher, _scope_docs(searcher, request)))
    check()
    matching = scope.docs if isinstance(q, wq.Every) else scope.narrow(_matches(searcher, _recall_only(q)))
    check()
    theme_docs = cached(searcher, "themes", lambda: {
        t.id: set(searcher.docs_for_query(wq.Term("themes", t.id))) for t in library.themes})
    result.theme_counts = _theme_counts(searcher, matching, theme_docs)
    allowed = _apply_theme_filter(matching, theme_docs, request)
    result.total = len(allowed)
    if not allowed:
        return result
    if request.locations:
        result.locations = _locations(searcher, allowed)

    limit = None if request.limit == 0 else request.limit
    if isinstance(q, wq.Every):
        place = place_of(searcher)
        years = cached(searcher, "years", lambda: {r.id: r.year or 0 for r in library.reports()})
        ordered = sorted(allowed, key=lambda n: (-years.get(place(n)[0], 0), *place(n)))[:limit]
        scored = [(n, 0.0) for n in ordered]
    else:
        scored = _ranked(searcher, q, allowed, limit)
    for n, score in scored:
        check()
        result.hits.append(_hit(searcher.stored_fields(n), score, terms))
    return result


def forget_between_searches(searcher: Searcher) -> None:
    """Drop what searches remember for the next ones (the Chinese runs and phrases
    matched, the words looked up): benchmarks measure each query cold."""
    forget_runs(searcher)
    forget_term_infos(searcher)


def _theme_counts(searcher: Searcher, matching: set[int], theme_docs: dict[str, set[int]]) -> dict[str, int]:
    """How many of `matching` each theme holds. Counted as bits: intersecting sets of
    tens of thousands of documents, once per theme, took a fifth of a common
    term's search at 50×; ANDing two bit masks and counting their bits is C."""
    size = searcher.doc_count_all()
    masks = cached(searcher, "theme masks", lambda: {tid: _bit_mask(docs, size) for tid, docs in theme_docs.items()})
    if not masks:
        return {}
    mask = _bit_mask(matching, size)
    return {tid: (mask & theme_mask).bit_count() for tid, theme_mask in masks.items()}


def _bit_mask(docs: Iterable[int], size: int) -> int:
    """An int with bit n set for each document number n in `docs` (all below `size`)."""
    bits = bytearray((size + 7) // 8)
    for n in docs:
        bits[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(bits, "little")


def _matches(searcher: Searcher, q: wq.Query) -> set[int]:
    """The documents `q` matches. An AND goes rarest part first, its words
    together (`_holding_all`), exact strings and phrases last: they check only
    the documents still in play, where reading a word's postings first costs
    less than checking text."""
    if isinstance(q, wq.Term):  # one word or one bigram: the most common query
        return {n + offset for sub, offset in searcher.leaf_searchers()
                for n in doc_ids(sub.reader(), q.fieldname, q.text)}
    if not isinstance(q, wq.And) or any(isinstance(part, wq.Not) for part in q.subqueries):
        return set(searcher.docs_for_query(q))
    reader = searcher.reader()
    parts = sorted(q.subqueries, key=lambda part: (isinstance(part, _Exact), _estimate(part, reader)))
    words = [part for part in parts if isinstance(part, wq.Term)]
    found: set[int] | None = None
    if len(words) > 1:
        found = _holding_all(searcher, words)
        if not found:
            return set()
        parts = [part for part in parts if not isinstance(part, wq.Term)]
    for part in parts:
        if found is not None and isinstance(part, _Exact):
            found = set(part.docs_within(searcher, sorted(found)))
        else:
            docs = _matches(searcher, part)
            found = docs if found is None else found & docs
        if not found:
            return set()
    return found or set()


def _holding_all(searcher: Searcher, words: list[wq.Term]) -> set[int]:
    """The documents holding all `words`, intersected segment by segment in the
    segment's own numbers: only the survivors are renumbered."""
    terms = [(word.fieldname, word.text) for word in words]
    return {n + offset for sub, offset in searcher.leaf_searchers() for n in holding_rarest(sub.reader(), terms)}


def _estimate(q: wq.Query, reader: IndexReader) -> float:
    try:
        size: float = q.estimate_size(reader)  # typed here: Whoosh is untyped
        return size
    except Exception:  # noqa: BLE001 - a query that cannot tell goes last
        return float("inf")


def _ranked(searcher: Searcher, q: wq.Query, allowed: set[int], limit: int | None) -> list[tuple[int, float]]:
    """The `limit` best of `allowed` (the exact matches) by BM25 over the query's words.

    Recall is already decided, so only the words are scored, and only in the
    allowed documents: phrases and Chinese substrings are not matched again.
    Matches that share no scored word with the query come last, in reading order.
    """
    ranking = _without_common_words(_ranking_only(q), searcher)
    scored: list[tuple[int, float]] = []
    if ranking is not wq.NullQuery:
        plain = top_scored(searcher, ranking, allowed, limit)  # plain words, a block at a time
        scored = plain if plain is not None else _whoosh_ranked(searcher, ranking, allowed, limit)
    if limit is None or len(scored) < limit:
        seen = {n for n, _ in scored}
        place = place_of(searcher)
        rest = sorted((n for n in allowed if n not in seen), key=place)
        scored += [(n, 0.0) for n in rest[: None if limit is None else limit - len(scored)]]
    return scored


def _whoosh_ranked(searcher: Searcher, ranking: wq.Query, allowed: set[int], limit: int | None) -> list[tuple[int, float]]:
    """Whoosh's own search, for rankings beyond plain words (prefixes, wildcards)."""
    if len(allowed) * FEW_MATCHES < ranking.estimate_size(searcher.reader()):
        # Few matches among common words: score just those documents.
        ranking, allowed_filter = wq.And([_DocSet(sorted(allowed)), ranking]), None
    else:  # walk the words' postings, skipping what the filter rules out
        allowed_filter = allowed
    results = searcher.search(ranking, filter=allowed_filter, limit=limit, terms=False)
    return [(r.docnum, r.score) for r in results]


def _locations(searcher: Searcher, docnums: Iterable[int]) -> list[tuple[str, int]]:
    """Each place once: a heading hit is at its section's first paragraph, which may match too."""
    place = place_of(searcher)
    return sorted({place(n) for n in docnums})


def _recall_only(q: wq.Query) -> wq.Query:
    """`q` without its optional ranking clauses: the same documents, cheaper to find."""
    if isinstance(q, wq.AndMaybe):
        return _recall_only(q.a)
    if isinstance(q, wq.ConstantScoreQuery):
        return _recall_only(q.child)
    return q.apply(_recall_only)


def _ranking_only(q: wq.Query) -> wq.Query:
    """The words of `q` that rank, as a bag of words: phrases become their
    words, and the exact-substring (recall) parts and negations drop out."""
    if isinstance(q, wq.AndMaybe):
        return _ranking_only(q.b)
    if isinstance(q, (wq.ConstantScoreQuery, wq.Not)):
        return wq.NullQuery
    if isinstance(q, wq.AndNot):
        return _ranking_only(q.a)
    if isinstance(q, (wq.Phrase, WordPhrase)):
        return wq.And([wq.Term(q.fieldname, w) for w in q.words])
    if isinstance(q, wq.CompoundQuery):
        parts = [p for p in (_ranking_only(sub) for sub in q.subqueries) if p is not wq.NullQuery]
        return wq.Or(parts) if parts else wq.NullQuery
    return q


def _without_common_words(q: wq.Query, searcher: Searcher) -> wq.Query:
    """Drop from an OR of ranking words those in more than COMMON_SHARE of the
    documents, if a rarer one is left: they barely move BM25 (low idf) but cost
    the most to score (发展 in 高质量发展, 绿色发展 …)."""
    if not isinstance(q, wq.Or):
        return q.apply(lambda sub: _without_common_words(sub, searcher)) if isinstance(q, wq.And) else q
    limit = COMMON_SHARE * searcher.doc_count()
    rare = [sub for sub in q.subqueries
            if not (isinstance(sub, wq.Term) and searcher.doc_frequency(sub.fieldname, sub.text) > limit)]
    return q if not rare or len(rare) == len(q.subqueries) else (rare[0] if len(rare) == 1 else wq.Or(rare))


class _DocSet(wq.Query):  # type: ignore[misc]  # Whoosh ships no types
    """Matches the given top-level document numbers (sorted), adding no score."""

    def __init__(self, docnums: list[int]) -> None:
        self.docnums = docnums

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _DocSet) and other.docnums == self.docnums

    def __hash__(self) -> int:
        return hash(len(self.docnums))

    def estimate_size(self, ixreader: IndexReader) -> int:
        return len(self.docnums)

    def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> Matcher:
        offset = 0
        if searcher.has_parent():  # a segment's searcher: its numbers start at 0
            offset = searcher.parent()._offset_for_subsearcher(searcher)
        ids = in_segment(self.docnums, offset, searcher.doc_count_all())
        return ListMatcher(ids, scorer=_NoScore()) if ids else NullMatcher()


class _NoScore:
    """A scorer that adds nothing: a _DocSet only narrows the documents."""

    def supports_block_quality(self) -> bool:
        return False

    def score(self, matcher: Matcher) -> float:
        return 0.0

    def max_quality(self) -> float:
        return 0.0

    def block_quality(self, matcher: Matcher) -> float:
        return 0.0


class _Scope:
    """The documents a request may find (paragraphs and headings of its reports,
    language and years) and, when they are most of the library, those it may
    not: narrowing a match set by the fewer is the cheaper (a common word has
    tens of thousands of matches at 50×)."""

    def __init__(self, searcher: Searcher, docs: set[int]) -> None:
        self.docs = docs
        size = searcher.doc_count_all()
        self._outside = {n for n in range(size) if n not in self.docs} if len(self.docs) > size // 2 else None

    def narrow(self, matches: set[int]) -> set[int]:
        """`matches` in the scope: the set given, changed, or a new one."""
        if self._outside is None:
            return self.docs.intersection(matches)
        matches -= self._outside
        return matches


def _scope_docs(searcher: Searcher, request: SearchRequest) -> set[int]:
    """The paragraphs and headings of the request's reports, language and years: the
    library's paragraphs and headings (kept), narrowed by the filters' documents. As
    one Whoosh AND, the kind's postings (every paragraph) were read for each new
    filter: the first highlights of a report opened at 50× took 1.3-1.8 s."""
    docs: set[int] = cached(searcher, "paragraphs and headings", lambda: set(searcher.docs_for_query(
        wq.Or([wq.Term("kind", PARAGRAPH), wq.Term("kind", HEADING)]))))
    filters: list[wq.Query] = []
    if request.reports:
        filters.append(wq.Or([wq.Term("report", r) for r in request.reports]))
    if request.lang:
        filters.append(wq.Term("lang", request.lang))
    if request.years:
        low, high = request.years
        filters.append(wq.NumericRange("year", low or 0, high or 9999))
    if not filters:
        return docs
    return docs.intersection(searcher.docs_for_query(filters[0] if len(filters) == 1 else wq.And(filters)))


def _apply_theme_filter(matching: set[int], theme_docs: dict[str, set[int]], request: SearchRequest) -> set[int]:
    if not request.themes:
        return matching
    sets = [theme_docs.get(t, set()) for t in request.themes]
    if request.theme_mode == "all":
        return matching.intersection(*sets)
    return matching & set().union(*sets)


def _hit(fields: dict[str, Any], score: float, terms: HighlightTerms) -> Hit:
    text = fields["text"]
    spans = match_spans(text, terms) if terms else []
    snippet = make_snippet(text, spans)
    themes = fields.get("themes") or ""
    return Hit(
        report=fields["report"], path=fields["path"], title=fields["title"],
        year=fields.get("year") or None, lang=fields["lang"], section=list(fields.get("section") or []),
        paragraph=fields["paragraph"], score=score, snippet=snippet.text,
        highlights=snippet.spans, themes=[t for t in themes.split(",") if t], text=text, spans=spans,
        heading=fields.get("kind") == HEADING,
    )
