"""What-if experiments behind the profile findings. They monkeypatch index/ in
this process only (index/ itself is not changed) and compare with the code as is.

    python -m bench.experiments first-commit [--corpus DIR]            # FIRST_COMMIT_SECONDS 1.5 vs 0.3
    python -m bench.experiments compound [--corpus DIR]                # compound vs separate segment files

Each prints one line per variant.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.corpus import REPO_ROOT, find_corpus


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
    p.add_argument("what", choices=["first-commit", "compound"])
    p.add_argument("--corpus")
    p.add_argument("--query", default="发展", help="first-commit: the query polled (default 发展)")
    args = p.parse_args(argv)
    corpus = find_corpus(args.corpus)
    {"first-commit": first_commit, "compound": compound}[args.what](args, corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
