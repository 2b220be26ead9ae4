"""How often terms or themes occur, year by year.

A row counts the matches, the matching paragraphs and the rate per 10,000
characters (Chinese) or words (English) of the reports in scope that year.
Chinese and English are never mixed in one rate: each has its own rows.

By default the scope is the national reports, one a year (a year's rate
would otherwise mix the State Council's report with thirty provinces'); the
split by kind counts every report, one row per kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from index.analytics.corpus import KINDS, ReportInfo, national_reports, report_infos
from index.analytics.hits import all_hits, theme_query
from index.library import Library
from index.search import Hit

RATE_PER = 10_000
Scope = Literal["national", "provincial", "other", "all"]
SCOPES: tuple[Scope, ...] = (*KINDS, "all")


@dataclass(frozen=True)
class TrendSeries:
    """One term (or theme) to follow."""

    label: str
    query: str
    theme: str | None = None


@dataclass(frozen=True)
class TrendRow:
    series: str
    year: int
    lang: str
    kind: str
    """national / provincial / other; "all" for every report unsplit."""
    count: int
    paragraphs: int
    reports: int
    size: int
    """Characters (zh) or words (en) of the reports in scope."""

    @property
    def rate(self) -> float:
        return self.count * RATE_PER / self.size if self.size else 0.0

    def to_json(self) -> dict[str, object]:
        return {"series": self.series, "year": self.year, "lang": self.lang, "kind": self.kind,
                "count": self.count, "paragraphs": self.paragraphs, "reports": self.reports,
                "size": self.size, "rate_per_10k": round(self.rate, 3)}


@dataclass
class Trend:
    series: list[TrendSeries]
    rows: list[TrendRow] = field(default_factory=list)
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    """The matching paragraphs of each series (to list a year's hits)."""
    scope: Scope = "national"
    by_kind: bool = False
    row_kind: dict[str, str] = field(default_factory=dict)
    """Report id -> the kind of the rows it is counted in, for every report in scope."""

    def rows_of(self, label: str) -> list[TrendRow]:
        return [r for r in self.rows if r.series == label]

    def hits_of(self, row: TrendRow) -> list[Hit]:
        """The matching paragraphs counted in `row`."""
        return [h for h in self.hits.get(row.series, []) if h.year == row.year and h.lang == row.lang
                and self.row_kind.get(h.report) == row.kind]

    def to_json(self) -> dict[str, object]:
        return {"series": [{"label": s.label, "query": s.query, "theme": s.theme} for s in self.series],
                "scope": self.scope, "by_kind": self.by_kind, "rows": [r.to_json() for r in self.rows]}


def series_for(library: Library, terms: Sequence[str], themes: Sequence[str] = ()) -> list[TrendSeries]:
    """Terms as they are typed, themes as the OR of their keywords."""
    out = [TrendSeries(term, term) for term in terms if term.strip()]
    out += [TrendSeries(f"theme:{t}", theme_query(library, t), theme=t) for t in themes]
    return out


def trend(library: Library, series: Sequence[TrendSeries], lang: str | None = None,
          by_kind: bool = False, years: tuple[int | None, int | None] | None = None,
          scope: Scope | None = None) -> Trend:
    """Counts per year (and language, and kind when `by_kind`) for each series.

    `scope` is which reports count: the national reports, one a year (the
    default), one other kind, or "all" (the default when `by_kind`).
    """
    scope = scope or ("all" if by_kind else "national")
    infos = {i.id: i for i in reports_in_scope(library, scope, lang) if i.year and _in_years(i.year, years)}
    result = Trend(list(series), scope=scope, by_kind=by_kind,
                   row_kind={i.id: i.kind if by_kind else scope for i in infos.values()})
    # Only the reports in scope are searched: their hits are what costs (snippets
    # and spans), and the national reports are a small part of a large library.
    only = () if scope == "all" else tuple(sorted(infos))
    for s in series:
        hits = [h for h in all_hits(library, s.query, (s.theme,) if s.theme else (), lang, years, only)
                if h.report in infos]
        result.hits[s.label] = hits
        result.rows += _rows(s.label, hits, infos, result.row_kind, lang)
    return result


def scope_label(scope: str, by_kind: bool, short: bool = False) -> str:
    """Which reports a trend counts, in a few words."""
    if by_kind:
        return "split by kind of report" if scope == "all" else f"{scope} reports, by kind"
    if scope == "national" and not short:
        return "national reports, one a year"
    return "all reports" if scope == "all" else f"{scope} reports"


def reports_in_scope(library: Library, scope: Scope, lang: str | None = None) -> list[ReportInfo]:
    """The reports a trend of `scope` counts: for "national", one a year and language."""
    infos = [i for i in report_infos(library) if lang is None or i.lang == lang]
    if scope == "national":
        return [n for language in sorted({i.lang for i in infos}) for n in national_reports(library, language)]
    return [i for i in infos if scope == "all" or i.kind == scope]


def _in_years(year: int, years: tuple[int | None, int | None] | None) -> bool:
    if not years:
        return True
    low, high = years
    return (low is None or year >= low) and (high is None or year <= high)


Key = tuple[int, str, str]


def _rows(label: str, hits: list[Hit], infos: dict[str, ReportInfo], row_kind: dict[str, str],
          lang: str | None) -> list[TrendRow]:
    def key(info: ReportInfo) -> Key:
        return (info.year or 0, info.lang, row_kind[info.id])

    size: dict[Key, int] = defaultdict(int)
    reports: dict[Key, int] = defaultdict(int)
    for info in infos.values():
        size[key(info)] += info.size
        reports[key(info)] += 1
    count: dict[Key, int] = defaultdict(int)
    paragraphs: dict[Key, int] = defaultdict(int)
    for hit in hits:
        k = key(infos[hit.report])
        count[k] += len(hit.spans) or 1
        paragraphs[k] += 1
    # A language the series never matches in adds only zero rows: left out
    # unless asked for (a Chinese term has no English rate to show).
    langs = {lang} if lang else ({k[1] for k in count} or {"zh"})
    return [TrendRow(label, k[0], k[1], k[2], count[k], paragraphs[k], reports[k], size[k])
            for k in sorted(size) if k[1] in langs]
