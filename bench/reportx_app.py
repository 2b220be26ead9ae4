"""reportx's app as the bench measures it: `ReportxApp` plus what the bench watches.

The product has no bench code: this subclass adds the first-frame hook
(bench/ready.py) and keeps the query of the last `ResultsShown` message, the
app's public signal that the results list shows a query's results.

`python -m bench.reportx_app [reportx arguments]` starts it as `reportx` starts
the app (same argument parsing, same worker-process set-up).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.ready import BenchReadyHook
from explorer.app import ReportxApp
from explorer.launch import build_app
from explorer.messages import ResultsShown


class BenchReportxApp(BenchReadyHook, ReportxApp):
    results_query: str | None = None
    """The search-box text whose results the results list last showed."""

    def on_mount(self) -> None:  # ReportxApp.on_mount runs too (Textual calls each class's handler)
        self.watch_for_bench_ready()

    def on_results_shown(self, message: ResultsShown) -> None:
        self.results_query = message.query


def bench_app(index_dir: Path) -> BenchReportxApp:
    """The app as `reportx --index-dir DIR` builds it (the user's themes, the bundled samples)."""
    app = build_app(argparse.Namespace(index_dir=Path(index_dir)), BenchReportxApp)
    assert isinstance(app, BenchReportxApp)
    return app


def main(argv: list[str]) -> int:
    from explorer.cli import build_app_parser
    from index.processes import use_forkserver

    use_forkserver()
    build_app(build_app_parser().parse_args(argv), BenchReportxApp).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
