"""The floor for app start: an empty Textual app started like reportx.

The ready hook (the same few lines reportx's app needs, see bench/apps.py):
when $REPORTX_BENCH_READY names a file, the app writes time.time() into it
once the first frame after mounting has been painted (on_mount →
call_after_refresh), then exits.
"""

from __future__ import annotations

import os
import time

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BenchReadyHook:
    """Mixin for a bench App: write the first-frame time, then exit (see above)."""

    def watch_for_bench_ready(self: App) -> None:
        if os.environ.get("REPORTX_BENCH_READY"):
            self.call_after_refresh(self._bench_ready)

    def _bench_ready(self: App) -> None:
        with open(os.environ["REPORTX_BENCH_READY"], "w") as f:
            f.write(repr(time.time()))
        self.exit()


class FloorApp(BenchReadyHook, App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("floor")
        yield Footer()

    def on_mount(self) -> None:
        self.watch_for_bench_ready()


if __name__ == "__main__":
    FloorApp().run()
