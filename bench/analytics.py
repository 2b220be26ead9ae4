"""Speed of the views across the years (issue #15), beside an FTS5 baseline where one exists.

Runs as one worker job per scale (`python -m bench.worker '{"job": "analytics", ...}'`);
its cache folder is a temp folder beside the index, never the user's.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

TREND_TERMS = ("碳达峰", "数字经济", "绿色")
KWIC_TERM = "绿色"
"""~500 matches at 1×."""
NEW_YEAR = 2024
PAGE = 50


def _ms(fn, reps: int = 5) -> float:
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def job_analytics(job: dict) -> dict:
    os.environ["XDG_CACHE_HOME"] = str(Path(job["index"]).parent / "analytics-cache")
    from bench.engines import load_default_themes
    from index.analytics.corpus import report_infos
    from index.analytics.kwic import concordance
    from index.analytics.novelty import new_expressions
    from index.analytics.targets import targets_table
    from index.cache import cached  # noqa: F401 - the searcher-level cache the views use
    from index.library import Library

    themes = load_default_themes()  # the index's own: other themes would re-tag every paragraph first
    lib = Library(Path(job["index"]), themes)
    out: dict = {}
    began = time.perf_counter()
    report_infos(lib)  # sizes and kinds of every report: cold, then cached by content hash
    out["report_facts_cold_ms"] = (time.perf_counter() - began) * 1000

    from index.analytics.trend import series_for, trend

    # The default trend counts the national reports, one a year; split by kind, every report.
    out["trend_ms"] = {t: _ms(lambda t=t: trend(lib, series_for(lib, [t]))) for t in TREND_TERMS}
    out["trend_counts"] = {t: sum(r.count for r in trend(lib, series_for(lib, [t])).rows) for t in TREND_TERMS}
    out["trend_reports"] = len({i for i in trend(lib, series_for(lib, [TREND_TERMS[0]])).row_kind})
    out["trend_by_kind_ms"] = {t: _ms(lambda t=t: trend(lib, series_for(lib, [t]), by_kind=True))
                               for t in TREND_TERMS}
    out["trend_by_kind_counts"] = {t: sum(r.count for r in trend(lib, series_for(lib, [t]), by_kind=True).rows)
                                   for t in TREND_TERMS}
    out["kwic_matches"] = len(concordance(lib, KWIC_TERM))
    out["kwic_first_page_ms"] = _ms(lambda: concordance(lib, KWIC_TERM)[:PAGE])
    began = time.perf_counter()
    targets_table(lib)
    out["targets_cold_ms"] = (time.perf_counter() - began) * 1000
    lib.close()

    lib = Library(Path(job["index"]), themes)  # a fresh searcher: only the disk cache helps
    report_infos(lib)
    began = time.perf_counter()
    targets_table(lib)
    out["targets_ms"] = (time.perf_counter() - began) * 1000
    years = [r.year for r in __import__("index.analytics.corpus", fromlist=["x"]).national_reports(lib, "zh")]
    year = NEW_YEAR if NEW_YEAR in years else years[-1]
    began = time.perf_counter()
    found = new_expressions(lib, year)
    out["new_expressions_s"] = time.perf_counter() - began
    out["new_expressions_year"] = year
    out["new_expressions_compared"] = len(found.compared)
    lib.close()
    return out


def job_analytics_fts5(job: dict) -> dict:
    """The baseline: trigram MATCH for the paragraphs, then Python counts (trend)
    or context lines (concordance), grouped by report."""
    import sqlite3

    from index.textnorm import fold

    db = sqlite3.connect(Path(job["index"]) / "baseline.sqlite")

    def matches(term: str):
        if len(fold(term)) < 3:  # trigram needs 3 characters: a scan, as in the search bench
            return db.execute("SELECT report, paragraph, folded FROM para WHERE instr(folded, ?)",
                              (fold(term),)).fetchall()
        return db.execute("SELECT p.report, p.paragraph, p.folded FROM zh JOIN para p ON p.id = zh.rowid "
                          "WHERE zh MATCH ?", (f'"{fold(term)}"',)).fetchall()

    def trend(term: str) -> dict:
        counts: dict = {}
        for report, _, folded in matches(term):
            counts[report] = counts.get(report, 0) + folded.count(fold(term))
        return counts

    def kwic(term: str) -> list:
        lines = []
        needle = fold(term)
        for report, paragraph, folded in matches(term):
            at = folded.find(needle)
            while at != -1:
                end = at + len(needle)
                lines.append((report, paragraph, folded[max(0, at - 20):at], needle, folded[end:end + 20]))
                at = folded.find(needle, at + 1)
        return sorted(lines)[:PAGE]

    out = {"trend_ms": {t: _ms(lambda t=t: trend(t)) for t in TREND_TERMS},
           "kwic_first_page_ms": _ms(lambda: kwic(KWIC_TERM))}
    db.close()
    return out


def rows(row, res: dict, scale: int) -> None:
    """Summary rows for one scale (`row` as in bench.__main__.summarise)."""
    rx, base = res.get("analytics"), res.get("analytics_fts5") or {}
    if not rx:
        return
    label = f"{scale}×"
    limit = 100 if scale == 1 else 1000 if scale == 50 else None
    scope = f"{rx['trend_reports']} national reports" if "trend_reports" in rx else "all reports"
    for term, ms in rx["trend_ms"].items():
        row(f"trend of {term} over all years, {label} (ms; {rx['trend_counts'][term]} matches in {scope})", ms,
            None if "trend_reports" in rx else base.get("trend_ms", {}).get(term), "ms",
            f"≤ {limit} ms" if limit else "", None if limit is None else ms <= limit, "{:.1f}")
    for term, ms in rx.get("trend_by_kind_ms", {}).items():  # every report: the baseline counts the same
        row(f"  {term} split by kind, every report, {label} (ms; {rx['trend_by_kind_counts'][term]} matches)", ms,
            base.get("trend_ms", {}).get(term), "ms", fmt="{:.1f}")
    if scale == 1:
        ms = rx["kwic_first_page_ms"]
        row(f"concordance first page, {KWIC_TERM} ({rx['kwic_matches']} matches) (ms)", ms,
            base.get("kwic_first_page_ms"), "ms", "≤ 100 ms", ms <= 100, "{:.1f}")
        s = rx["new_expressions_s"]
        row(f"new expressions of {rx['new_expressions_year']} vs {rx['new_expressions_compared']} reports (s)",
            s, None, "s", "≤ 3 s", s <= 3)
        row("targets table, fresh process, cached (ms)", rx["targets_ms"], None, "ms", "≤ 200 ms",
            rx["targets_ms"] <= 200, "{:.1f}")
        row("  targets table, first time (ms)", rx["targets_cold_ms"], None, "ms", fmt="{:.0f}")
        row("  report sizes and kinds, first time (ms)", rx["report_facts_cold_ms"], None, "ms", fmt="{:.0f}")
