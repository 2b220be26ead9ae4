"""One line under the panes: where you are, what is found and filtered, indexing progress.

On a narrow terminal the line gives way from its least useful end: first the
name of the file being indexed, then the start of the location (the report
title, then outer sections, then the end of the innermost one), so the paragraph
number and the counts stay.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from explorer.cells import head_cells
from explorer.text import display_text

LOCATION_JOINER = " › "
PARAGRAPH = re.compile(r" ¶\d+$")
MIN_LOCATION = 12
"""Cells the location keeps before the counts and filters are cut instead."""


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; }
    """

    location: reactive[str] = reactive("")
    """Report title › sections ¶paragraph."""
    results: reactive[str] = reactive("")
    filters: reactive[str] = reactive("")
    progress: reactive[str] = reactive("")
    progress_item: reactive[str] = reactive("")
    """What indexing reads now (a file name): the first thing left out when the line is too long."""

    def render(self) -> Text:
        return status_line(self.content_size.width, display_text(self.progress), display_text(self.progress_item),
                           self.results, display_text(self.filters), display_text(self.location))


def status_line(width: int, progress: str, progress_item: str, results: str, filters: str, location: str) -> Text:
    """The status line fitted into `width` cells (0: unknown, nothing is left out)."""

    def line(item: str, where: str) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if progress:
            text.append(f" {progress}{' ' + item if item else ''} ", style="reverse")
            text.append(" ")
        if results:
            text.append(results, style="bold")
            text.append("  ")
        if filters:
            text.append(f"⛉ {filters}", style="italic")
            text.append("  ")
        text.append(where, style="dim")
        return text

    text = line(progress_item, location)
    if not width or text.cell_len <= width:
        return text
    text = line("", location)
    if text.cell_len <= width:
        return text
    room = max(MIN_LOCATION, width - line("", "").cell_len)
    text = line("", fit_location(location, room))
    text.truncate(width, overflow="ellipsis")
    return text


def fit_location(location: str, room: int) -> str:
    """`location` in `room` cells: its outer parts go first (title, then sections), then the
    end of the innermost one; the paragraph number stays."""
    if cell_len(location) <= room:
        return location
    found = PARAGRAPH.search(location)
    number = found.group() if found else ""
    parts = location[:len(location) - len(number)].split(LOCATION_JOINER)
    for first in range(1, len(parts)):
        shorter = "…" + LOCATION_JOINER + LOCATION_JOINER.join(parts[first:]) + number
        if cell_len(shorter) <= room:
            return shorter
    innermost = ("…" + LOCATION_JOINER if len(parts) > 1 else "") + parts[-1]
    return head_cells(innermost, room - cell_len(number) - 1).rstrip() + "…" + number

