"""Measurements that run in a child process, one per call, so that peak memory
(VmHWM) and caches of one do not leak into another.

    python -m bench.worker '<json job>'   → prints one JSON object on stdout
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
from pathlib import Path


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_split_mb() -> dict:
    """Current RSS split: anonymous (heap) vs file-backed (e.g. mmapped index files)."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key = line.split(":")[0]
            if key in ("RssAnon", "RssFile", "VmRSS"):
                out[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


class AnonPeak:
    """Samples RssAnon every 50 ms: VmHWM also counts mmapped index files (RssFile),
    which the kernel can drop; the anonymous peak is the heap the process needs."""

    def __init__(self):
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_split_mb().get("RssAnon", 0.0))
            self._stop.wait(0.05)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_split_mb().get("RssAnon", 0.0))
        return self.peak


def segments(index: Path) -> int | None:
    """Whoosh segments in the newest TOC (None for the FTS5 baseline)."""
    try:
        from whoosh import index as wi

        from index.schema import INDEX_NAME

        return len(wi.open_dir(str(index), indexname=INDEX_NAME)._segments())
    except Exception:  # noqa: BLE001 - not a Whoosh index
        return None


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def job_build(job: dict) -> dict:
    from bench.engines import ENGINES

    anon = AnonPeak()
    began = time.perf_counter()
    engine = ENGINES[job["engine"]](Path(job["index"]))
    summary = engine.build([Path(r) for r in job["roots"]])
    seconds = time.perf_counter() - began
    engine.close()
    if not isinstance(summary, dict):
        summary = {"indexed": summary.indexed, "paragraphs": summary.paragraphs,
                   "skipped": len(summary.skipped), "seconds": summary.seconds}
    import resource

    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest indexing worker
    return {"seconds": seconds, "summary": summary, "peak_rss_mb": peak_rss_mb(), "peak_anon_mb": anon.stop(),
            "worker_peak_rss_mb": worker_mb,
            "index_mb": dir_mb(Path(job["index"])),
            "segments": segments(Path(job["index"])) if job["engine"] == "reportx" else None}


def job_reindex(job: dict) -> dict:
    """reportx only: `update` with nothing changed (reps), then after one file changed."""
    from bench.corpus import touch_one_file
    from bench.engines import load_default_themes
    from index.library import Library

    roots = [Path(r) for r in job["roots"]]
    themes = load_default_themes()
    unchanged = []
    for _ in range(job.get("reps", 3)):
        began = time.perf_counter()  # includes opening the library, as a relaunch would
        lib = Library(Path(job["index"]), themes)
        s = lib.update(roots)
        unchanged.append(time.perf_counter() - began)
        lib.close()
        assert s.indexed == 0, f"unchanged re-index indexed {s.indexed} files"
    out = {"unchanged_s": unchanged}
    if job.get("change"):
        changed = touch_one_file(Path(job["change"]))
        began = time.perf_counter()
        lib = Library(Path(job["index"]), themes)
        s = lib.update(roots)
        out["one_changed_s"] = time.perf_counter() - began
        out["one_changed_indexed"] = s.indexed
        out["changed_file"] = str(changed)
        lib.close()
    return out


def job_search(job: dict) -> dict:
    from bench.engines import ENGINES
    from bench.queries import build_queries

    queries = build_queries()
    anon = AnonPeak()
    began = time.perf_counter()
    engine = ENGINES[job["engine"]](Path(job["index"]))
    open_s = time.perf_counter() - began
    t = time.perf_counter()
    engine.search(queries[0])
    first_ms = (time.perf_counter() - t) * 1000
    times: list[list[float]] = [[] for _ in queries]
    totals = [0] * len(queries)
    for _ in range(job.get("reps", 3)):
        for i, q in enumerate(queries):
            t = time.perf_counter()
            total, _, _ = engine.search(q, limit=20)
            times[i].append((time.perf_counter() - t) * 1000)
            totals[i] = total
    per_query = [statistics.median(ts) for ts in times]
    out = {
        "open_s": open_s, "first_query_ms": first_ms, "per_query_ms": per_query,
        "totals": totals, "peak_rss_mb": peak_rss_mb(), "peak_anon_mb": anon.stop(), "rss_now": rss_split_mb(),
    }
    if job.get("recall"):  # after the memory reading: limit=0 lists are not what the app does
        out["recall"] = {
            i: sorted(engine.search(q, limit=0, headings=False)[1]) for i, q in enumerate(queries) if q.lang == "zh"
        }
    engine.close()
    return out


def job_first_search(job: dict) -> dict:
    """Cold index in a thread; the main thread polls search() with a second Library."""
    from bench.engines import load_default_themes
    from index.library import Library
    from index.search import SearchRequest, search

    themes = load_default_themes()
    roots = [Path(r) for r in job["roots"]]
    began = time.perf_counter()
    writer_lib = Library(Path(job["index"]), themes)  # creates the empty index
    failure: list[BaseException] = []

    def run():
        try:
            writer_lib.update(roots)
        except BaseException as e:  # noqa: BLE001 - reported below
            failure.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    reader = Library(Path(job["index"]), themes)
    polls = 0
    request = SearchRequest(job.get("query", "发展"), limit=20)
    while True:
        polls += 1
        result = search(reader, request)
        if result.hits:
            first = time.perf_counter() - began
            break
        if failure or not thread.is_alive() and polls > 1 and not search(reader, request).hits:
            return {"error": repr(failure[0]) if failure else "no hits after the whole index"}
        time.sleep(job.get("poll_s", 0.05))
    # Finish quietly: the rest of the build is not this measurement. The writer's
    # worker processes exit with this process (index.processes).
    import os

    sys.stdout.write(json.dumps({"first_search_s": first, "polls": polls, "hits_total": result.total}) + "\n")
    sys.stdout.flush()
    os._exit(0)


def job_exact_recall(job: dict) -> dict:
    """reportx against a plain scan of every paragraph and section title (match
    text, the exact rule) for the exact queries: the ones that differ, and times."""
    from bench.engines import load_default_themes
    from bench.queries import EXACT_QUERIES
    from index.library import Library, headings
    from index.reader import ReadError, discover, read_report
    from index.search import SearchRequest, forget_between_searches, search
    from index.textnorm import find_exact, fold, match_text

    units: dict[tuple, str] = {}
    for path in discover([Path(r) for r in job["roots"]]):
        try:
            report = read_report(path)
        except ReadError:
            continue
        paragraphs = report.paragraphs()
        for p in paragraphs:
            units[(report.meta.id, "p", p.number)] = match_text(fold(p.text))
        for titles, _ in headings(report.sections, len(paragraphs)):
            units[(report.meta.id, "h", " › ".join(titles))] = match_text(fold(titles[-1]))
    lib = Library(Path(job["index"]), load_default_themes())
    search(lib, SearchRequest("碳中和"))  # the word segmenter's import (0.15 s) is not a query's time
    differ, times = [], []
    for kind, queries in EXACT_QUERIES.items():
        for query in queries:
            needle = match_text(fold(" ".join(query.strip('"').split())))
            expected = {k for k, text in units.items() if find_exact(text, needle) != -1}
            forget_between_searches(lib.searcher())
            t = time.perf_counter()
            result = search(lib, SearchRequest(query, limit=20, locations=True))
            times.append((time.perf_counter() - t) * 1000)
            hits = search(lib, SearchRequest(query, limit=0)).hits
            found = {(h.report, "h", " › ".join(h.section)) if h.heading else (h.report, "p", h.paragraph)
                     for h in hits}
            if found != expected or result.total != len(expected):
                differ.append({"query": query, "kind": kind, "reportx": len(found), "scan": len(expected),
                               "only_reportx": sorted(found - expected)[:3], "only_scan": sorted(expected - found)[:3]})
    lib.close()
    return {"queries": len(times), "differ": differ, "per_query_ms": times}


def job_compare(job: dict) -> dict:
    from bench.compare import job_compare as run

    return run(job)


from bench.analytics import job_analytics, job_analytics_fts5  # noqa: E402 - the analytics views' jobs

JOBS = {"build": job_build, "reindex": job_reindex, "search": job_search, "first-search": job_first_search,
        "exact-recall": job_exact_recall, "compare": job_compare,
        "analytics": job_analytics, "analytics-fts5": job_analytics_fts5}


def main() -> None:
    job = json.loads(sys.argv[1])
    out = JOBS[job["job"]](job)
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
