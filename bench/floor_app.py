"""The floor for app start: an empty Textual app started like reportx.

The ready hook (the same few lines reportx's app needs, see bench/apps.py):
when $REPORTX_BENCH_READY names a file, the app writes time.time() into it
once the first frame after mounting has been painted (on_mount →
call_after_refresh), then exits.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from bench.ready import BenchReadyHook


class FloorApp(BenchReadyHook, App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("floor")
        yield Footer()

    def on_mount(self) -> None:
        self.watch_for_bench_ready()


if __name__ == "__main__":
    FloorApp().run()
