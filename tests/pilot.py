"""Helpers for Pilot tests of the explorer app: build it, let it settle, type, use the palette.

The app is a `RecordingApp`: ReportxApp that also keeps every notification it
shows, so tests read what the user was told without Textual's private fields.
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.notifications import SeverityLevel

from explorer.app import ReportxApp
from explorer.launch import build_app
from explorer.screens.main import MainScreen
from explorer.widgets.search_pane import SearchBox

SIZE = (120, 40)


@dataclass
class Shown:
    """One notification as the user saw it."""

    message: str
    title: str
    severity: str


class RecordingApp(ReportxApp):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.notices: list[Shown] = []

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        self.notices.append(Shown(message, title, severity))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)


def make_app(paths: Any = (), themes_file: Path | None = None, **args: Any) -> RecordingApp:
    """The app as `reportx [PATH...]` builds it, recording its notifications."""
    namespace = argparse.Namespace(**{"paths": list(paths), "index_dir": None, "themes_file": themes_file, **args})
    app = build_app(namespace, RecordingApp)
    assert isinstance(app, RecordingApp)
    return app


def main_screen(app: ReportxApp) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


async def settle(app: ReportxApp, pilot: Any, rounds: int = 20) -> None:
    """Let workers finish and their messages be handled (indexing posts follow-ups)."""
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if any(isinstance(s, MainScreen) and s.tree_marks_pending for s in app.screen_stack):
            await pilot.pause(0.15)  # the section tree's hit counts follow the results
            continue
        if not app.workers and not getattr(app.screen, "indexing", False):
            await pilot.pause()
            if not app.workers:
                return


async def type_query(app: ReportxApp, pilot: Any, text: str) -> None:
    await pilot.press("slash")
    box = app.screen.query_one(SearchBox)
    box.value = ""
    await pilot.press(*text)
    await settle(app, pilot)


async def palette_query(app: ReportxApp, pilot: Any, text: str) -> None:
    """Type into the command palette and wait until its first match is highlighted."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import Input

    palette = app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).value = text
    commands = palette.query_one(CommandList)
    for _ in range(100):
        await pilot.pause(0.02)
        if commands.option_count and commands.highlighted is not None:
            return
    raise AssertionError("the command palette found nothing")


def snapshot_steps(*keys: str, query: str | None = None) -> Callable[[Any], Awaitable[None]]:
    """A snapshot's run_before: settle, type `query` in the search box if given, press
    `keys` one by one (settling after each), clear the notifications."""

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await settle(app, pilot)
        if query is not None:
            await pilot.press("slash", *query)
            await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        app.clear_notifications()
        await pilot.pause()

    return run_before
