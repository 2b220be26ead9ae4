"""Profile the slow parts of reportx: the cold build and the query list.

    python -m bench.profile build [--corpus DIR] [--cprofile]
    python -m bench.profile query [--corpus DIR] [--cprofile] [--reps N]

Both use a temp index. pyinstrument (sampling, low overhead) by default,
printed as a call tree; --cprofile prints the top functions by own time and
by cumulative time instead (and inflates pure-Python code ~2×).
`query` builds the index first (not profiled), then profiles the 200 bench
queries `--reps` times.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from bench.corpus import find_corpus
from bench.engines import ReportxEngine
from bench.queries import build_queries


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile")
    p.add_argument("what", choices=["build", "query"])
    p.add_argument("--corpus")
    p.add_argument("--index", help="reuse this index for `query` (built there if empty)")
    p.add_argument("--cprofile", action="store_true")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--out", type=Path, help="save the raw profile (.prof or pyinstrument .html)")
    args = p.parse_args(argv)
    corpus = find_corpus(args.corpus)
    with tempfile.TemporaryDirectory(prefix="reportx-prof-") as tmp:
        index = Path(args.index) if args.index else Path(tmp) / "index"
        engine = ReportxEngine(index)
        if args.what == "build":
            work = lambda: engine.build([corpus])  # noqa: E731
        else:
            if not engine.lib.reports():
                engine.build([corpus])
            queries = build_queries()
            for q in queries:  # warm: theme doc sets, searcher
                engine.search(q)

            def work():
                for _ in range(args.reps):
                    for q in queries:
                        engine.search(q)
        began = time.perf_counter()
        if args.cprofile:
            prof = cProfile.Profile()
            prof.runcall(work)
            print(f"{args.what}: {time.perf_counter() - began:.1f} s under cProfile")
            stats = pstats.Stats(prof)
            if args.out:
                stats.dump_stats(args.out)
            stats.sort_stats("tottime").print_stats(25)
            stats.sort_stats("cumulative").print_stats(40)
        else:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.001)
            profiler.start()
            work()
            profiler.stop()
            print(f"{args.what}: {time.perf_counter() - began:.1f} s under pyinstrument")
            if args.out:
                args.out.write_text(profiler.output_html())
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
