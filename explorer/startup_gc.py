"""The garbage collector at start-up: held until the app's first frame, then resumed."""

from __future__ import annotations

import gc


def hold_garbage_collection() -> None:
    """Until the app's first frame (see release_garbage_collection).

    What start-up makes (Textual's modules, the stylesheet, the widgets) lives as long
    as the app and is no garbage, yet the collector would run over a hundred times on
    the way to the first frame: 20–30 ms of a start of 300.
    """
    gc.disable()


def release_garbage_collection() -> None:
    """After the first frame, when hold_garbage_collection held it: what start-up made is
    frozen, so later collections skip it, and collecting resumes. Does nothing otherwise
    (an app started by tests)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
