"""What-if experiments behind the profile findings. They monkeypatch index/ in
this process only (index/ itself is not changed) and compare with the code as is.

    python -m bench.experiments scope   [--index DIR] [--corpus DIR]   # no kind:para AND in docs_for_query
    python -m bench.experiments first-commit [--corpus DIR]            # FIRST_COMMIT_SECONDS 1.5 vs 0.3
    python -m bench.experiments compound [--corpus DIR]                # compound vs separate segment files

Each prints one line per variant. `scope` also checks that all 200 bench
queries return the same (report, paragraph) lists (limit=0) either way.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import REPO_ROOT, find_corpus
from bench.queries import build_queries
from bench.stats import percentile


def _latencies(engine, queries, reps=3) -> list[float]:
    for q in queries:
        engine.search(q)
    times = [[] for _ in queries]
    for _ in range(reps):
        for i, q in enumerate(queries):
            t = time.perf_counter()
            engine.search(q)
            times[i].append((time.perf_counter() - t) * 1000)
    return [statistics.median(t) for t in times]


def scope(args, corpus: Path) -> None:
    from whoosh import query as wq

    import index.search as S
    from bench.engines import ReportxEngine

    index = Path(args.index or tempfile.mkdtemp(prefix="reportx-exp-"))
    engine = ReportxEngine(index)
    if not engine.lib.reports():
        engine.build([corpus])
    queries = build_queries()

    def show(label):
        ms = _latencies(engine, queries)
        print(f"{label:28} p50 {percentile(ms, 50):6.1f} ms  p95 {percentile(ms, 95):6.1f} ms")
        return [engine.search(q, limit=0)[:2] for q in queries]

    before = show("as is")
    orig_scope, real_search = S._scope_filter, S.search

    def scope_without_kind(request):
        parts = orig_scope(request).subqueries[1:]  # drop Term("kind", "para")
        return wq.And(parts) if parts else None

    def search(library, request):
        s = library.searcher()
        if not hasattr(s, "_bench_nonpara"):  # ~110 report/meta docs, once per searcher
            s._bench_nonpara = set(s.docs_for_query(wq.Not(wq.Term("kind", "para"))))
        orig = s.docs_for_query
        s.docs_for_query = lambda q, *a, **k: (d for d in orig(q, *a, **k) if d not in s._bench_nonpara)
        try:
            return real_search(library, request)
        finally:
            s.docs_for_query = orig

    S._scope_filter, S.search = scope_without_kind, search
    after = show("minus non-paragraph set")
    print("same results for all queries:", before == after)


def first_commit(args, corpus: Path) -> None:
    for value in (1.5, 0.3) * 3:
        code = (
            "import sys, tempfile; import index.library as L; L.FIRST_COMMIT_SECONDS = float(sys.argv[1]);"
            "from bench.worker import job_first_search;"
            "import json; print(json.dumps(job_first_search("
            "{'index': tempfile.mkdtemp(), 'roots': [sys.argv[2]], 'query': sys.argv[3]})))"
        )
        out = subprocess.run([sys.executable, "-c", code, str(value), str(corpus), args.query], cwd=REPO_ROOT,
                             env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, capture_output=True, text=True)
        print(f"FIRST_COMMIT_SECONDS={value}: {json.loads(out.stdout.strip().splitlines()[-1])}")


_COMPOUND = """
import sys, time, json
import index.library as L
compound = sys.argv[1] == "1"
L.Library._writer = lambda self: self._ix.writer(timeout=L.LOCK_TIMEOUT_SECONDS, compound=compound)
from bench.engines import ReportxEngine
from bench.worker import rss_split_mb
from bench.queries import build_queries
e = ReportxEngine(sys.argv[2])
if sys.argv[3] == "build":
    t = time.perf_counter(); e.build([sys.argv[4]]); print(json.dumps({"build_s": time.perf_counter() - t}))
else:
    t = time.perf_counter(); e.lib.searcher(); opened = time.perf_counter() - t
    lat = []
    for q in build_queries() * 2:
        t = time.perf_counter(); e.search(q); lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    print(json.dumps({"open_s": opened, "p50_ms": lat[len(lat) // 2], "p95_ms": lat[int(len(lat) * .95)], **rss_split_mb()}))
"""


def compound(args, corpus: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    for flag, label in (("1", "compound (as is)"), ("0", "separate files")):
        with tempfile.TemporaryDirectory(prefix="reportx-exp-") as d:
            run = lambda *a, flag=flag, d=d: json.loads(subprocess.run(  # noqa: E731
                [sys.executable, "-c", _COMPOUND, flag, d, *a], cwd=REPO_ROOT, env=env,
                capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
            built = run("build", str(corpus))
            searched = run("search")  # a fresh process: heap of the build does not count
            print(f"{label:18} {json.dumps({**built, **searched})}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.experiments")
    p.add_argument("what", choices=["scope", "first-commit", "compound"])
    p.add_argument("--corpus")
    p.add_argument("--index", help="scope: reuse this reportx index")
    p.add_argument("--query", default="发展", help="first-commit: the query polled (default 发展)")
    args = p.parse_args(argv)
    corpus = find_corpus(args.corpus)
    {"scope": scope, "first-commit": first_commit, "compound": compound}[args.what](args, corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
