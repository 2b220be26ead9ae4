"""Every match of a query, through the one search function the app uses."""

from __future__ import annotations

from collections.abc import Sequence

from index.library import Library
from index.search import Hit, SearchRequest, search


class AnalyticsError(Exception):
    """A query or a request the analytics cannot answer (one line for the user)."""


def all_hits(library: Library, query: str, themes: Sequence[str] = (), lang: str | None = None,
             years: tuple[int | None, int | None] | None = None, reports: Sequence[str] = ()) -> list[Hit]:
    """Every paragraph matching `query` (with the match spans over its text), in
    `reports` only when given.

    Section titles are left out: most are also the first sentence of their
    paragraph, and counting them again would count one occurrence twice."""
    known = {t.id for t in library.themes}
    unknown = [t for t in themes if t not in known]
    if unknown:
        raise AnalyticsError(f"unknown theme {', '.join(unknown)}; see `reportx themes`")
    result = search(library, SearchRequest(query=query, themes=tuple(themes), lang=lang, years=years,
                                           reports=tuple(reports), limit=0))
    if result.error:
        raise AnalyticsError(result.error)
    return [hit for hit in result.hits if not hit.heading]


def theme_query(library: Library, theme_id: str) -> str:
    """A query for a theme's keywords (its matches are counted as occurrences)."""
    for theme in library.themes:
        if theme.id == theme_id:
            words = [w.replace('"', " ") for w in (*theme.keywords_zh, *theme.keywords_en)]
            return " OR ".join(f'"{w}"' for w in words if w.strip())
    raise AnalyticsError(f"unknown theme {theme_id}; see `reportx themes`")
