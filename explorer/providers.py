"""Command palette entries that are not keys: open a report, jump to a section, toggle a theme,
search again, and the notes commands that have no key.

Every bound key reaches the palette from its Binding (`ReportxApp.get_system_commands`);
nothing here repeats one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from explorer.data import outline_sections
from explorer.text import display_text

if TYPE_CHECKING:
    from explorer.screens.main import MainScreen

Command = tuple[str, Callable[[], object], str]
"""(title, what it does, help line)."""


class ReportCommands(Provider):
    """Reports, sections of every report (the open one's first), comparisons, report
    themes, analyses of the query, recent queries and notes commands, by name: what
    no single key does (keys come from ReportxApp.key_groups)."""

    def _screen(self) -> MainScreen | None:
        from explorer.screens.main import MainScreen

        screen = None
        for s in self.app.screen_stack:
            if isinstance(s, MainScreen):
                screen = s
        return screen

    def _commands(self) -> list[Command]:
        screen = self._screen()
        if screen is None:
            return []
        commands: list[Command] = [
            ("Analysis: trend of this query", partial(screen.action_analysis, "trend"), "counts per year"),
            ("Analysis: concordance of this query", partial(screen.action_analysis, "kwic"), "every match in context"),
            ("Analysis: collocates of this query", partial(screen.action_analysis, "collocates"), "words found near it"),
            ("Analysis: new expressions", partial(screen.action_analysis, "new"), "new in a year's national report"),
            ("Analysis: targets table", partial(screen.action_analysis, "targets"), "main expected targets per year"),
            ("Notes: show orphans", screen.action_show_orphans, "notes that lost their place in the text"),
            ("Notes: export as Markdown", screen.action_export_notes, "to a file in the current folder"),
            ("Notes: import a W3C JSON export", screen.action_import_notes, "merge by id, newer edit wins"),
        ]
        for r in screen.reports:
            commands.append((f"Open report: {r.year or ''} {display_text(r.title)}",
                             partial(screen.open_report, r.id, None), r.path))
        report = screen.reader.report
        if report is not None:
            commands += [(f"Compare with: {r.year or ''} {display_text(r.title)}", partial(screen.compare_with, r.id),
                          "the open report side by side with this one") for r in screen.reports if r.id != report.id]
            for path, first in screen.sections_of_open_report():
                commands.append((f"Jump to section: {display_text(path)}",
                                 partial(screen.open_report, report.id, first), f"paragraph {first}"))
        for r in screen.reports:
            if report is not None and r.id == report.id:
                continue
            title = f"{r.year or ''} {display_text(r.title)}".strip()
            for path, first in outline_sections(r.outline):
                commands.append((f"Section: {display_text(path)}", partial(screen.open_report, r.id, first),
                                 f"{title}, paragraph {first}"))
        for t in screen.themes:
            on = t.id in screen.theme_filter
            commands.append((f"Toggle theme: {display_text(t.label)}", partial(screen.toggle_theme, t.id),
                             ("remove from" if on else "add to") + " the theme filter"))
        for query in reversed(screen.state.recent_queries[-10:]):
            commands.append((f"Search for: {display_text(query)}", partial(screen.search_for, query), "recent query"))
        return commands

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands()[:40]:
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
