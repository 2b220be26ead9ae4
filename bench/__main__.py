"""`python -m bench`: reportx against a SQLite FTS5 baseline on the same paragraphs.

Every index goes in a temporary folder; the user's data directory is never
touched. Heavy steps run in child processes (bench/worker.py) so each peak-RSS
figure belongs to one measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.corpus import REPO_ROOT, copy_corpus, corpus_bytes, find_corpus, scale_up
from bench.queries import build_queries
from bench.stats import median, percentile

err = Console(stderr=True, highlight=False)


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="1× corpus only, fewer repetitions (~2-3 min)")
    p.add_argument("--json", type=Path, metavar="FILE", help="write every figure to FILE")
    p.add_argument("--corpus", metavar="DIR", help="report corpus (default ../shared/corpus or $REPORTX_CORPUS)")
    p.add_argument("--scales", metavar="N,N", help="scale factors to run (default 1,10,50; --quick: 1)")
    p.add_argument("--show", type=Path, metavar="FILE", help="only print the table of an earlier --json FILE")
    p.add_argument("--keep", action="store_true", help="keep the temp folder (indexes, corpus copies)")
    p.add_argument("--no-formats", action="store_true", help="skip the PDF rows (they typeset the corpus: ~1 min)")
    p.add_argument("--only-formats", action="store_true", help="only the PDF rows")
    p.add_argument("--only-analytics", action="store_true",
                   help="only the analytics rows: build the reportx index at each scale, then trend, concordance, "
                        "new expressions and targets (no FTS5 baseline, no search; 50×: ~20 min)")
    return p.parse_args(argv)


def check_sqlite() -> None:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    except sqlite3.Error as e:
        print(f"bench: this Python's SQLite {sqlite3.sqlite_version} lacks FTS5 trigram "
              f"(needs FTS5 and SQLite >= 3.34): {e}", file=sys.stderr)
        raise SystemExit(2) from None


def worker(job: dict, timeout: float = 7200) -> dict:
    """Run one measurement in its own process and return its JSON answer.

    Its output goes to files, not pipes, and only the process itself is waited
    for (at most `timeout` s): a process it left behind cannot hold the bench up
    by keeping a pipe open. It runs in its own session, and whatever is left of
    that session when it ends is killed.
    """
    import signal
    import tempfile

    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen([sys.executable, "-m", "bench.worker", json.dumps(job)], cwd=REPO_ROOT,
                                env=env, stdout=out, stderr=errors, text=True, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"worker {job['job']} took more than {timeout:.0f} s; stopped") from None
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # what it left behind, if anything
            except (ProcessLookupError, PermissionError):
                pass
        out.seek(0)
        errors.seek(0)
        stdout, stderr = out.read(), errors.read()
    if proc.returncode != 0:
        raise RuntimeError(f"worker {job['job']} failed:\n{stderr[-3000:]}")
    return json.loads(stdout.strip().splitlines()[-1])


def step(msg: str) -> None:
    err.print(f"[dim]{time.strftime('%H:%M:%S')}[/dim] {msg}")


def run(args) -> dict:
    corpus = find_corpus(args.corpus)
    check_sqlite()
    quick = args.quick
    scales = [int(s) for s in args.scales.split(",")] if args.scales else ([1] if quick else [1, 10, 50])
    build_runs_1x = 1 if quick else 3
    query_reps = 3 if quick else 5
    start_runs = 3 if quick else 7
    key_rounds = 1 if quick else 3
    queries = build_queries()
    out: dict = {
        "mode": "quick" if quick else "full", "corpus": str(corpus), "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version, "cpus": os.cpu_count(), "query_reps": query_reps,
        "queries": [q.to_json() for q in queries], "scales": {},
    }
    tmp_ctx = tempfile.TemporaryDirectory(prefix="reportx-bench-")
    tmp = Path(tmp_ctx.name)
    if args.keep:
        tmp_ctx._finalizer.detach()  # noqa: SLF001 - keep on purpose
        step(f"temp folder kept: {tmp}")
    try:
        if args.only_formats:
            from bench.formats import run_formats

            out["scales"]["1"] = {"formats": run_formats(corpus, tmp, worker, step, quick)}
            scales = []
        work = copy_corpus(corpus, tmp / "corpus-1x") if scales else None
        for scale in scales:
            root = work if scale == 1 else scale_up(corpus, tmp / f"corpus-{scale}x", scale)
            size = corpus_bytes(root)
            res: dict = {"bytes": size}
            step(f"{scale}×: {size / 1e6:.1f} MB — building reportx index")
            builds = []
            for i in range(1 if args.only_analytics else build_runs_1x if scale == 1 else 1):
                index = tmp / f"rx-{scale}x-{i}"
                builds.append(worker({"job": "build", "engine": "reportx", "index": str(index), "roots": [str(root)]}))
                step(f"  reportx build {i + 1}: {builds[-1]['seconds']:.1f} s, peak {builds[-1]['peak_rss_mb']:.0f} MB")
            rx_index = index
            res["reportx_build"] = builds
            if args.only_analytics:
                step(f"{scale}×: trend, concordance, new expressions, targets")
                res["analytics"] = worker({"job": "analytics", "index": str(rx_index)})
                out["scales"][str(scale)] = res
                continue
            step(f"{scale}×: building FTS5 baseline")
            fts_index = tmp / f"fts-{scale}x"
            res["fts5_build"] = [worker({"job": "build", "engine": "fts5", "index": str(fts_index), "roots": [str(root)]})]
            step(f"  fts5 build: {res['fts5_build'][0]['seconds']:.1f} s")
            recall = scale == 1
            for engine, index in (("reportx", rx_index), ("fts5", fts_index)):
                step(f"{scale}×: {len(queries)} queries × {query_reps} on {engine}")
                res[f"{engine}_search"] = worker({"job": "search", "engine": engine, "index": str(index),
                                                  "reps": query_reps, "recall": recall})
            if scale == 10:
                from bench.apps import measure_keystrokes

                step("10×: keystroke → results (Pilot)")
                res["keystrokes"] = measure_keystrokes(rx_index, key_rounds)
            step(f"{scale}×: trend, concordance, new expressions, targets")
            res["analytics"] = worker({"job": "analytics", "index": str(rx_index)})
            res["analytics_fts5"] = worker({"job": "analytics-fts5", "index": str(fts_index)})
            if scale == 1:
                step("1×: exact queries (numbers, symbols, headings, scripts, spaces) against a scan")
                res["exact_recall"] = worker({"job": "exact-recall", "index": str(rx_index), "roots": [str(root)]})
                step("1×: re-index unchanged, then after one file changed")
                res["reindex"] = worker({"job": "reindex", "index": str(rx_index), "roots": [str(root)],
                                         "reps": 3 if quick else 5, "change": str(root)})
                step("1×: first search while a cold index runs")
                res["first_search"] = [
                    worker({"job": "first-search", "index": str(tmp / f"rx-first-{i}"), "roots": [str(root)]})
                    for i in range(1 if quick else 3)
                ]
                from bench.apps import measure_keystrokes, measure_start

                step("1×: two national reports compared")
                res["compare"] = worker({"job": "compare", "corpus": str(corpus), "reps": 3 if quick else 7})
                step("app start (pty) against the floor app")
                res["app_start"] = measure_start(rx_index, start_runs)
                step("keystroke → results (Pilot)")
                res["keystrokes"] = measure_keystrokes(rx_index, key_rounds)
                if not args.no_formats:
                    from bench.formats import run_formats

                    res["formats"] = run_formats(corpus, tmp, worker, step, quick)
            out["scales"][str(scale)] = res
    finally:
        if not args.keep:
            tmp_ctx.cleanup()
    return out


# -- summarising -------------------------------------------------------------------

def recall_diff(res: dict, queries) -> list[dict]:
    rx, fts = res["reportx_search"].get("recall", {}), res["fts5_search"].get("recall", {})
    diffs = []
    for i, keys in rx.items():
        a = {tuple(k) for k in keys}
        b = {tuple(k) for k in fts.get(i, [])}
        if a != b:
            diffs.append({"query": queries[int(i)].label, "reportx": len(a), "fts5": len(b),
                          "only_reportx": sorted(a - b)[:5], "only_fts5": sorted(b - a)[:5],
                          "n_only_reportx": len(a - b), "n_only_fts5": len(b - a)})
    return diffs


def summarise(out: dict) -> list[dict]:
    """Rows: measurement, reportx, baseline, unit, target text, met (True/False/None)."""
    queries = build_queries()
    rows: list[dict] = []
    out["skipped"] = []

    def row(name, rx, base=None, unit="", target="", met=None, fmt="{:.2f}"):
        rows.append({"measurement": name, "reportx": rx, "baseline": base, "unit": unit,
                     "target": target, "met": met, "fmt": fmt})

    s1 = out["scales"].get("1")
    build_1x = None
    if s1 and "reportx_build" in s1:
        mb = s1["bytes"] / 1e6
        build_1x = median([b["seconds"] for b in s1["reportx_build"]])
        fts_b = median([b["seconds"] for b in s1["fts5_build"]])
        row("cold index build, 1× (s)", build_1x, fts_b, "s", "≤ 3× FTS5", build_1x <= 3 * fts_b)
        row("index throughput, 1× (MB/s)", mb / build_1x, mb / fts_b, "MB/s")
        ri = s1["reindex"]
        unchanged = median(ri["unchanged_s"])
        row("re-index, nothing changed (s)", unchanged, None, "s", "≤ 1 s", unchanged <= 1.0)
        row("update after 1 file changed (s)", ri.get("one_changed_s"), None, "s")
        fs = [f["first_search_s"] for f in s1["first_search"] if "first_search_s" in f]
        first = median(fs) if fs else None
        row("first search during cold index (s)", first, None, "s", "≤ 1 s", None if first is None else first <= 1)
        rx_q, fts_q = s1["reportx_search"]["per_query_ms"], s1["fts5_search"]["per_query_ms"]
        p50 = percentile(rx_q, 50)
        row("query p50, 1× (ms)", p50, percentile(fts_q, 50), "ms", "≤ 15 ms", p50 <= 15, "{:.1f}")
        row("query p95, 1× (ms)", percentile(rx_q, 95), percentile(fts_q, 95), "ms", fmt="{:.1f}")
        for lang in ("en", "zh"):
            idx = [i for i, q in enumerate(queries) if q.lang == lang]
            row(f"  {lang} queries p50 / p95 (ms)",
                f"{percentile([rx_q[i] for i in idx], 50):.1f} / {percentile([rx_q[i] for i in idx], 95):.1f}",
                f"{percentile([fts_q[i] for i in idx], 50):.1f} / {percentile([fts_q[i] for i in idx], 95):.1f}", "ms")
        row("first query after opening (ms)", s1["reportx_search"]["first_query_ms"],
            s1["fts5_search"]["first_query_ms"], "ms", fmt="{:.1f}")
        rss_build = median([b["peak_rss_mb"] for b in s1["reportx_build"]])
        row("peak RSS indexing, 1× (MB)", rss_build, s1["fts5_build"][0]["peak_rss_mb"], "MB", fmt="{:.0f}")
        workers = [b["worker_peak_rss_mb"] for b in s1["reportx_build"] if b.get("worker_peak_rss_mb")]
        if workers:
            row("  + largest indexing worker, 1× (MB)", median(workers), None, "MB", fmt="{:.0f}")
        _anon_row(row, "1×", s1)
        if "index_mb" in s1["reportx_build"][0]:
            row("index size on disk, 1× (MB)", s1["reportx_build"][0]["index_mb"], s1["fts5_build"][0]["index_mb"],
                "MB", fmt="{:.0f}")
        rss_s = s1["reportx_search"]["peak_rss_mb"]
        row("peak RSS searching, 1× (MB)", rss_s, s1["fts5_search"]["peak_rss_mb"], "MB", "≤ 250 MB", rss_s <= 250, "{:.0f}")
        st = s1["app_start"]
        if "start_s" in st:
            ok = st["start_s"] <= 1.0 and st["start_s"] <= 1.3 * st["floor_s"]
            row("app start to first frame (s)", st["start_s"], st["floor_s"], "s", "≤ 1.0 s, ≤ 1.3× floor", ok)
        else:
            row("app start to first frame (s)", "skipped¹", st.get("floor_s"), "s", "≤ 1.0 s, ≤ 1.3× floor")
            out.setdefault("skipped", []).append(f"app start: {st['skipped']}")
        _keystroke_row(row, out, s1["keystrokes"], "1×", 33)
        if "compare" in s1:
            from bench.compare import compare_rows

            compare_rows(row, s1["compare"])
        diffs = recall_diff(s1, queries)
        n_zh = sum(q.lang == "zh" for q in queries)
        row(f"Chinese recall: queries ≠ trigram ({n_zh})", len(diffs), 0, "", "0", not diffs, "{}")
        out["recall_differences"] = diffs
        if "exact_recall" in s1:
            ex = s1["exact_recall"]
            row(f"exact recall: queries ≠ scan ({ex['queries']})", len(ex["differ"]), 0, "", "0", not ex["differ"], "{}")
            row("  exact queries p50 / p95 (ms)",
                f"{percentile(ex['per_query_ms'], 50):.1f} / {percentile(ex['per_query_ms'], 95):.1f}", None, "", "")
            out["exact_recall_differences"] = ex["differ"]
    if s1 and "formats" in s1:
        from bench.formats import rows as format_rows

        format_rows(s1["formats"], row)
    from bench.analytics import rows as analytics_rows

    for scale, res in out["scales"].items():
        analytics_rows(row, res, int(scale))
    for scale, res in out["scales"].items():
        if scale == "1" or "reportx_search" not in res:  # --only-analytics
            continue
        n = int(scale)
        b = median([x["seconds"] for x in res["reportx_build"]])
        fb = res["fts5_build"][0]["seconds"]
        grow = b / build_1x if build_1x else None
        row(f"cold index build, {n}× (s)", b, fb, "s", f"≤ {n}× the 1× time (+15% noise)",
            None if grow is None else grow <= n * 1.15)
        row(f"  build growth 1×→{n}× (×)", grow, fb / median([x["seconds"] for x in s1["fts5_build"]]) if s1 else None,
            "×", fmt="{:.1f}")
        rx_q, fts_q = res["reportx_search"]["per_query_ms"], res["fts5_search"]["per_query_ms"]
        p95 = percentile(rx_q, 95)
        row(f"query p50, {n}× (ms)", percentile(rx_q, 50), percentile(fts_q, 50), "ms", fmt="{:.1f}")
        row(f"query p95, {n}× (ms)", p95, percentile(fts_q, 95), "ms",
            "≤ 60 ms" if n == 50 else "", (p95 <= 60) if n == 50 else None, "{:.1f}")
        if s1:
            g = percentile(rx_q, 50) / percentile(s1["reportx_search"]["per_query_ms"], 50)
            gb = percentile(fts_q, 50) / percentile(s1["fts5_search"]["per_query_ms"], 50)
            row(f"  query p50 growth 1×→{n}× (×)", g, gb, "×", fmt="{:.1f}")
        if "keystrokes" in res:
            _keystroke_row(row, out, res["keystrokes"], f"{n}×", 50)
        _anon_row(row, f"{n}×", res)
        row(f"peak RSS indexing / searching, {n}× (MB)",
            f"{res['reportx_build'][0]['peak_rss_mb']:.0f} / {res['reportx_search']['peak_rss_mb']:.0f}",
            f"{res['fts5_build'][0]['peak_rss_mb']:.0f} / {res['fts5_search']['peak_rss_mb']:.0f}", "MB")
    return rows


def _keystroke_row(row, out: dict, ks: dict, label: str, target_ms: float) -> None:
    mini_p95 = percentile(ks["mini_ms"], 95)
    name = f"keystroke → results p95, {label} (ms)"
    if "reportx_ms" in ks:
        p95 = percentile(ks["reportx_ms"], 95)
        row(name, p95, mini_p95, "ms", f"≤ {target_ms} ms", p95 <= target_ms, "{:.1f}")
    else:
        row(name, "skipped¹", mini_p95, "ms", f"≤ {target_ms} ms", fmt="{:.1f}")
        out.setdefault("skipped", []).append(f"keystroke → results, {label}: {ks['skipped']}")


def _anon_row(row, label: str, res: dict) -> None:
    """Heap-only peaks (RssAnon) and segment count, when the run recorded them."""
    b, fb = res["reportx_build"][0], res["fts5_build"][0]
    if "peak_anon_mb" in b:
        row(f"  of which heap (RssAnon) build / search, {label} (MB)",
            f"{b['peak_anon_mb']:.0f} / {res['reportx_search']['peak_anon_mb']:.0f}",
            f"{fb['peak_anon_mb']:.0f} / {res['fts5_search']['peak_anon_mb']:.0f}", "MB")
    if b.get("segments") is not None:
        row(f"  Whoosh segments after build, {label}", b["segments"], None, "", fmt="{}")


def _cell(value, fmt: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return fmt.format(value)


def print_table(rows: list[dict], out: dict) -> None:
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 132)
    s1 = out["scales"].get("1", {})
    mb = s1.get("bytes", 0) / 1e6
    title = (f"reportx bench ({out['mode']}) — corpus {mb:.1f} MB, {len(out['queries'])} queries, "
             f"medians; baseline = SQLite {out['sqlite']} FTS5 (app rows: floor / minimal Textual app)")
    table = Table(title=title, title_justify="left")
    for col, just in (("measurement", "left"), ("reportx", "right"), ("baseline", "right"),
                      ("ratio", "right"), ("target", "left"), ("met?", "center")):
        table.add_column(col, justify=just, overflow="fold")
    for r in rows:
        rx, base = r["reportx"], r["baseline"]
        ratio = f"{rx / base:.2f}×" if isinstance(rx, (int, float)) and isinstance(base, (int, float)) and base else "—"
        met = {True: "[green]yes[/green]", False: "[red]NO[/red]", None: "—"}[r["met"]]
        table.add_row(r["measurement"], _cell(rx, r["fmt"]), _cell(base, r["fmt"]), ratio, r["target"], met)
    console.print(table)
    for reason in out.get("skipped", []):
        console.print(f"¹ skipped — {reason}")
    for d in out.get("exact_recall_differences") or []:
        console.print(f"exact recall differs for {d['query']} ({d['kind']}): reportx {d['reportx']}, scan {d['scan']} "
                      f"(only reportx e.g. {d['only_reportx'][:2]}, only scan e.g. {d['only_scan'][:2]})")
    diffs = out.get("recall_differences") or []
    for d in diffs:
        console.print(f"recall differs for {d['query']}: reportx {d['reportx']}, trigram {d['fts5']} "
                      f"(only reportx {d['n_only_reportx']} e.g. {d['only_reportx'][:2]}, "
                      f"only trigram {d['n_only_fts5']} e.g. {d['only_fts5'][:2]})")
    console.print("Chinese 2-character terms use instr() on the trigram table (trigram needs ≥ 3 characters); "
                  "the baseline is routed by script: CJK terms → trigram over folded text, else porter unicode61.")


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.show:
        out = json.loads(args.show.read_text(encoding="utf-8"))
        print_table(summarise(out), out)
        return 0
    began = time.perf_counter()
    out = run(args)
    rows = summarise(out)
    out["rows"] = [{k: v for k, v in r.items() if k != "fmt"} for r in rows]
    out["wall_seconds"] = time.perf_counter() - began
    print_table(rows, out)
    step(f"done in {out['wall_seconds']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        step(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
