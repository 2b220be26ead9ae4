"""The one search function the app and the command line share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from whoosh import query as wq

from index.highlight import make_snippet, match_spans
from index.library import Library
from index.query import HighlightTerms, QueryError, parse_query
from index.schema import PARAGRAPH

__all__ = ["Hit", "SearchRequest", "SearchResult", "search", "QueryError"]


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

    def to_json(self) -> dict:
        return {
            "report": self.report, "path": self.path, "title": self.title,
            "year": self.year, "lang": self.lang, "section": self.section,
            "paragraph": self.paragraph, "score": round(self.score, 4),
            "snippet": self.snippet, "highlights": [list(s) for s in self.highlights],
            "themes": self.themes,
        }


@dataclass
class SearchResult:
    request: SearchRequest
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    theme_counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    locations: list[tuple[str, int]] = field(default_factory=list)
    """(report id, paragraph number) of every matching paragraph, in reading
    order within each report: cheap even when only a few hits carry snippets."""

    def to_json(self) -> dict:
        data = {
            "query": self.request.query, "total": self.total,
            "hits": [h.to_json() for h in self.hits], "theme_counts": self.theme_counts,
        }
        if self.error:
            data["error"] = self.error
        return data


def search(library: Library, request: SearchRequest) -> SearchResult:
    """Run `request`; a query that cannot be searched gives `result.error`.

    With no query text but a theme filter, every paragraph of those themes is
    listed in reading order.
    """
    result = SearchResult(request)
    try:
        if request.query.strip() or not request.themes:
            parsed = parse_query(request.query)
            q, terms = parsed.query, parsed.highlight
        else:
            q, terms = wq.Every(), HighlightTerms()
    except QueryError as e:
        result.error = str(e)
        return result

    searcher = library.searcher()
    scope = _cached(searcher, ("scope", request.reports, request.lang, request.years),
                    lambda: set(searcher.docs_for_query(_scope_filter(request))))
    matching = scope if isinstance(q, wq.Every) else scope.intersection(searcher.docs_for_query(_recall_only(q)))
    theme_docs = _cached(searcher, "themes", lambda: {
        t.id: set(searcher.docs_for_query(wq.Term("themes", t.id))) for t in library.themes})
    result.theme_counts = {tid: len(matching & docs) for tid, docs in theme_docs.items()}
    allowed = _apply_theme_filter(matching, theme_docs, request)
    result.total = len(allowed)
    if not allowed:
        return result
    result.locations = _locations(searcher, allowed)

    limit = None if request.limit == 0 else request.limit
    if isinstance(q, wq.Every):
        place = _place_of(searcher)
        years = _cached(searcher, "years", lambda: {r.id: r.year or 0 for r in library.reports()})
        ordered = sorted(allowed, key=lambda n: (-years.get(place(n)[0], 0), *place(n)))[:limit]
        scored = [(n, 0.0) for n in ordered]
    else:
        results = searcher.search(q, filter=allowed, limit=limit, terms=False)
        scored = [(r.docnum, r.score) for r in results]
    result.hits = [_hit(searcher.stored_fields(n), score, terms) for n, score in scored]
    return result


def _locations(searcher, docnums) -> list[tuple[str, int]]:
    place = _place_of(searcher)
    return sorted(place(n) for n in docnums)


def _place_of(searcher):
    """docnum -> (report id, paragraph number), read from index columns, not stored fields."""
    reader = searcher.reader()
    reports = reader.column_reader("report")
    numbers = reader.column_reader("paragraph_column")
    return lambda n: (_text(reports[n]), numbers[n])


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _cached(searcher, key, compute):
    """A value computed once per searcher (that is, per index version)."""
    cache = searcher.__dict__.setdefault("_reportx_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _recall_only(q: wq.Query) -> wq.Query:
    """`q` without its optional ranking clauses: the same documents, cheaper to find."""
    if isinstance(q, wq.AndMaybe):
        return _recall_only(q.a)
    if isinstance(q, wq.ConstantScoreQuery):
        return _recall_only(q.child)
    return q.apply(_recall_only)


def _scope_filter(request: SearchRequest) -> wq.Query:
    parts: list[wq.Query] = [wq.Term("kind", PARAGRAPH)]
    if request.reports:
        parts.append(wq.Or([wq.Term("report", r) for r in request.reports]))
    if request.lang:
        parts.append(wq.Term("lang", request.lang))
    if request.years:
        low, high = request.years
        parts.append(wq.NumericRange("year", low or 0, high or 9999))
    return wq.And(parts)


def _apply_theme_filter(matching: set[int], theme_docs: dict[str, set[int]], request: SearchRequest) -> set[int]:
    if not request.themes:
        return matching
    sets = [theme_docs.get(t, set()) for t in request.themes]
    if request.theme_mode == "all":
        return matching.intersection(*sets)
    return matching & set().union(*sets)


def _hit(fields: dict, score: float, terms: HighlightTerms) -> Hit:
    text = fields["text"]
    spans = match_spans(text, terms) if terms else []
    snippet = make_snippet(text, spans)
    themes = fields.get("themes") or ""
    return Hit(
        report=fields["report"], path=fields["path"], title=fields["title"],
        year=fields.get("year") or None, lang=fields["lang"], section=list(fields.get("section") or []),
        paragraph=fields["paragraph"], score=score, snippet=snippet.text,
        highlights=snippet.spans, themes=[t for t in themes.split(",") if t], text=text, spans=spans,
    )
