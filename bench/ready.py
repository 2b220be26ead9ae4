"""The bench's first-frame hook, shared by the floor app and reportx's app (see bench/apps.py).

When $REPORTX_BENCH_READY names a file, the app writes time.time() into it once
the first frame after mounting has been painted (on_mount → call_after_refresh),
then exits. Nothing but os and time: the hook must not slow the start it measures.
"""

from __future__ import annotations

import os
import time
from typing import Any

READY_ENV = "REPORTX_BENCH_READY"


class BenchReadyHook:
    """Mixin for a bench App: write the first-frame time, then exit (see above)."""

    def watch_for_bench_ready(self: Any) -> None:
        if os.environ.get(READY_ENV):
            self.call_after_refresh(self._bench_ready)

    def _bench_ready(self: Any) -> None:
        with open(os.environ[READY_ENV], "w", encoding="utf-8") as f:
            f.write(repr(time.time()))
        self.exit()
