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


class FloorApp(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("floor")
        yield Footer()

    def on_mount(self) -> None:
        if os.environ.get("REPORTX_BENCH_READY"):
            self.call_after_refresh(self._bench_ready)

    def _bench_ready(self) -> None:
        with open(os.environ["REPORTX_BENCH_READY"], "w") as f:
            f.write(repr(time.time()))
        self.exit()


if __name__ == "__main__":
    FloorApp().run()
