"""A minimal Textual search app over the same index: the baseline for
keystroke → results. An Input, an OptionList of the top 20 hits, and
`index.search.search` called synchronously on every change.

It follows the contract bench/apps.py expects of reportx's app:
  - the search box is an Input with id "search-box";
  - after the results list shows the results of query Q, `app.results_query == Q`;
  - $REPORTX_BENCH_READY: see bench/ready.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList

from bench.ready import BenchReadyHook


class MiniSearchApp(BenchReadyHook, App):
    def __init__(self, index_dir: Path):
        super().__init__()
        from bench.engines import load_default_themes
        from index.library import Library

        self.library = Library(Path(index_dir), load_default_themes())
        self.results_query: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(id="search-box", placeholder="search")
        yield OptionList(id="results")

    def on_mount(self) -> None:
        self.query_one("#search-box", Input).focus()
        self.watch_for_bench_ready()

    def on_input_changed(self, event: Input.Changed) -> None:
        from index.search import SearchRequest, search

        results = self.query_one("#results", OptionList)
        results.clear_options()
        if event.value.strip():
            r = search(self.library, SearchRequest(event.value, limit=20))
            results.add_options([f"{h.year} ¶{h.paragraph} {h.snippet}" for h in r.hits])
        self.call_after_refresh(self._shown, event.value)

    def _shown(self, query: str) -> None:
        self.results_query = query


if __name__ == "__main__":
    MiniSearchApp(Path(sys.argv[1])).run()
