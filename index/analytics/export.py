"""The data behind each view as CSV rows and JSON: one home for the command
line (`--csv`, `--json`) and the app's exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from index.analytics.collocates import Collocate
from index.analytics.kwic import KwicLine
from index.analytics.novelty import Appearance, Novelty
from index.analytics.targets import YearTargets
from index.analytics.trend import Trend
from index.atomic import atomic_write_text

Rows = tuple[list[str], list[list[object]]]


def trend_rows(trend: Trend) -> Rows:
    return (["series", "year", "lang", "kind", "count", "paragraphs", "reports", "size", "rate_per_10k"],
            [[r.series, r.year, r.lang, r.kind, r.count, r.paragraphs, r.reports, r.size, f"{r.rate:.3f}"]
             for r in trend.rows])


def kwic_rows(lines: Sequence[KwicLine]) -> Rows:
    return (["year", "report", "title", "section", "paragraph", "left", "hit", "right"],
            [[x.year, x.report, x.title, " › ".join(x.section), x.paragraph, x.left, x.hit, x.right] for x in lines])


def kwic_json(query: str, lines: Sequence[KwicLine], total: int | None = None) -> dict[str, object]:
    return {"query": query, "total": len(lines) if total is None else total, "lines": [x.to_json() for x in lines]}


def collocate_rows(found: Sequence[Collocate]) -> Rows:
    return (["word", "left", "right", "total", "corpus", "score"],
            [[c.word, c.left, c.right, c.total, c.corpus, f"{c.score:.3f}"] for c in found])


def collocates_json(query: str, score: str, found: Sequence[Collocate]) -> dict[str, object]:
    return {"query": query, "score": score, "collocates": [c.to_json() for c in found]}


def appearance_rows(found: Appearance) -> Rows:
    return ["term", "year", "paragraphs"], [[found.term, y, n] for y, n in found.years.items()]


def novelty_rows(found: Novelty) -> Rows:
    return (["change", "text", "count", "aligned", "word", "example"],
            [[change, e.text, e.count, e.aligned, e.word, e.example]
             for change, items in (("new", found.new), ("gone", found.gone)) for e in items])


def targets_rows(rows: Sequence[YearTargets]) -> Rows:
    return (["year", "lang", "report", "indicator", "status", "value", "clause"],
            [[r.year, r.lang, r.title, t.indicator, t.status, t.value or "", t.clause]
             for r in rows for t in r.targets.values()])


def targets_json(rows: Sequence[YearTargets]) -> list[dict[str, object]]:
    return [r.to_json() for r in rows]


def csv_text(rows: Rows) -> str:
    header, body = rows
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue()


def json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_export(path: Path, text: str) -> Path:
    """Write an export atomically (a crash leaves the old file or the new one)."""
    atomic_write_text(path, text)
    return path
