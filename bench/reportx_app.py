"""reportx's app as the bench measures it: `ReportxApp` plus what the bench watches.

The product has no bench code: this subclass adds the first-frame hook
(bench/ready.py) and keeps the query of the last `ResultsShown` message, the
app's public signal that the results list shows a query's results.

`python -m bench.reportx_app [reportx arguments]` starts it as `reportx` starts
the app (same argument parsing, same worker-process set-up, the garbage collector
held before Textual is imported). So this module imports no Textual at its top:
the class is made on first use.
"""

from __future__ import annotations

import argparse
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.launch import build_app
from explorer.startup_gc import hold_garbage_collection

if TYPE_CHECKING:
    from explorer.app import ReportxApp


@cache
def bench_app_class() -> type[ReportxApp]:
    from bench.ready import BenchReadyHook
    from explorer.app import ReportxApp
    from explorer.messages import ResultsShown

    class BenchReportxApp(BenchReadyHook, ReportxApp):
        results_query: str | None = None
        """The search-box text whose results the results list last showed."""

        def on_mount(self) -> None:  # ReportxApp.on_mount runs too (Textual calls each class's handler)
            self.watch_for_bench_ready()

        def on_results_shown(self, message: ResultsShown) -> None:
            self.results_query = message.query

    return BenchReportxApp


def bench_app(index_dir: Path) -> ReportxApp:
    """The app as `reportx --index-dir DIR` builds and starts it (the user's themes, the bundled samples)."""
    hold_garbage_collection()
    return build_app(argparse.Namespace(index_dir=Path(index_dir)), bench_app_class())


def main(argv: list[str]) -> int:
    from explorer.cli import build_app_parser
    from index.processes import use_forkserver

    use_forkserver()
    hold_garbage_collection()
    build_app(build_app_parser().parse_args(argv), bench_app_class()).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
