"""The two engines under test, behind one small interface.

`reportx`: index.library.Library + index.search.search, as the app uses them.

`fts5`: the baseline, SQLite FTS5 from the standard library over the very same
paragraphs (`read_report(path).paragraphs()`), tagged with the same
ThemeMatcher. One plain table `para` holds the text; two external-content FTS5
tables index it: `zh` (trigram tokenizer over the folded text, i.e. substring
search like reportx's contract) and `en` (porter unicode61). Theme tags live in
a side table `tag(theme, para)`. A search is three statements: count, per-theme
counts of the (unfiltered) matches, and the top 20 by bm25 with snippet().
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench.queries import BenchQuery, fts5_plan


def load_default_themes():
    from index.themes import load_themes, resolve_themes_path

    return load_themes(resolve_themes_path())


class ReportxEngine:
    name = "reportx"

    def __init__(self, index_dir: Path):
        from index.library import Library

        self.lib = Library(Path(index_dir), load_default_themes())

    def build(self, roots: list[Path]):
        return self.lib.update(roots)

    def search(self, q: BenchQuery, limit: int = 20, headings: bool = True):
        """(total, [(report, paragraph)], theme counts); `headings=False` lists
        paragraph hits only (the baseline indexes paragraphs)."""
        from index.search import SearchRequest, forget_between_searches, search

        forget_between_searches(self.lib.searcher())  # each query cold: the reps must not hit what the app remembers
        r = search(self.lib, SearchRequest(q.text, themes=q.themes, limit=limit))
        if r.error:
            raise RuntimeError(f"reportx query {q.label!r}: {r.error}")
        return r.total, [(h.report, h.paragraph) for h in r.hits if headings or not h.heading], r.theme_counts

    def close(self):
        self.lib.close()


class Fts5Engine:
    name = "fts5"

    def __init__(self, index_dir: Path):
        Path(index_dir).mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(Path(index_dir) / "baseline.sqlite")

    def build(self, roots: list[Path]):
        from index.reader import ReadError, discover, read_report
        from index.textnorm import fold, match_text
        from index.themes import ThemeMatcher

        themes = load_default_themes()
        matcher = ThemeMatcher(themes)
        began = time.perf_counter()
        db = self.db
        db.executescript(
            """
            DROP TABLE IF EXISTS para; DROP TABLE IF EXISTS tag;
            DROP TABLE IF EXISTS zh; DROP TABLE IF EXISTS en;
            CREATE TABLE para(id INTEGER PRIMARY KEY, report TEXT, paragraph INT, text TEXT, folded TEXT);
            CREATE TABLE tag(theme TEXT, para INT);
            CREATE VIRTUAL TABLE zh USING fts5(folded, content='para', content_rowid='id', tokenize='trigram');
            CREATE VIRTUAL TABLE en USING fts5(text, content='para', content_rowid='id', tokenize='porter unicode61');
            """
        )
        n = reports = 0
        with db:
            for path in discover(roots):
                try:
                    report = read_report(path)
                except ReadError:
                    continue
                reports += 1
                rows, tags = [], []
                for p in report.paragraphs():
                    n += 1
                    rows.append((n, report.meta.id, p.number, p.text, match_text(fold(p.text))))
                    tags.extend((t, n) for t in matcher.match(p.text))
                db.executemany("INSERT INTO para VALUES (?,?,?,?,?)", rows)
                db.executemany("INSERT INTO tag VALUES (?,?)", tags)
            db.execute("INSERT INTO zh(rowid, folded) SELECT id, folded FROM para")
            db.execute("INSERT INTO en(rowid, text) SELECT id, text FROM para")
            db.execute("CREATE INDEX tag_theme ON tag(theme, para)")
            db.execute("CREATE INDEX tag_para ON tag(para)")
        return {"indexed": reports, "paragraphs": n, "seconds": time.perf_counter() - began}

    def _where(self, q: BenchQuery, with_themes: bool):
        table, match, subs = fts5_plan(q)
        col = "folded" if table == "zh" else "text"
        if match:
            src = f"{table} JOIN para ON para.id = {table}.rowid"
            cond, params = [f"{table} MATCH ?"], [match]
        else:
            src, cond, params = "para", [], []
        for s in subs:
            cond.append(f"instr(para.{col}, ?) > 0")
            params.append(s)
        if with_themes and q.themes:
            cond.append(f"para.id IN (SELECT para FROM tag WHERE theme IN ({','.join('?' * len(q.themes))}))")
            params.extend(q.themes)
        return table, match, subs, src, " AND ".join(cond), params

    def search(self, q: BenchQuery, limit: int = 20, headings: bool = True):
        db = self.db
        table, match, subs, src, where, params = self._where(q, with_themes=True)
        total = db.execute(f"SELECT count(*) FROM {src} WHERE {where}", params).fetchone()[0]
        _, _, _, src0, where0, params0 = self._where(q, with_themes=False)
        theme_counts = dict(db.execute(
            f"SELECT theme, count(*) FROM tag WHERE para IN (SELECT para.id FROM {src0} WHERE {where0}) GROUP BY theme",
            params0,
        ).fetchall())
        lim = f"LIMIT {int(limit)}" if limit else ""
        if match:
            rows = db.execute(
                f"SELECT para.report, para.paragraph, snippet({table}, 0, '[', ']', '…', 48) "
                f"FROM {src} WHERE {where} ORDER BY rank {lim}", params,
            ).fetchall()
        else:  # instr only: no rank, no snippet(); highlight in Python
            rows = [
                (r, n, _snippet(text, folded, subs))
                for r, n, text, folded in db.execute(
                    f"SELECT report, paragraph, text, folded FROM para WHERE {where} ORDER BY id {lim}", params
                )
            ]
        return total, [(r, n) for r, n, _ in rows], theme_counts

    def close(self):
        self.db.close()


def _snippet(text: str, folded: str, subs: list[str], width: int = 200) -> str:
    at = min((folded.find(s) for s in subs if s in folded), default=0)
    begin = max(0, at - width // 4)
    window = text[begin:begin + width]
    for s in subs:
        window = window.replace(s, f"[{s}]")
    return window


ENGINES = {"reportx": ReportxEngine, "fts5": Fts5Engine}
