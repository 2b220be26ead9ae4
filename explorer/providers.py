"""Command palette entries: open a report, jump to a section, toggle a theme, search."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from explorer.text import display_text


def outline_sections(outline: list[dict]) -> list[tuple[str, int]]:
    """(title path, first paragraph) of every section of an outline (`index.library.outline_of`)."""
    found: list[tuple[str, int]] = []

    def walk(nodes: list[dict], path: list[str]) -> None:
        for s in nodes:
            here = path + [s["title"]]
            if s.get("first") is not None:
                found.append((" › ".join(here), s["first"]))
            walk(s.get("children") or [], here)

    walk(outline, [])
    return found


class ReportCommands(Provider):
    """Reports, sections of every report (the open one's first), report themes
    and search, by name."""

    def _screen(self):
        from explorer.screens.main import MainScreen

        screen = None
        for s in self.app.screen_stack:
            if isinstance(s, MainScreen):
                screen = s
        return screen

    def _commands(self) -> list[tuple[str, object, str]]:
        screen = self._screen()
        if screen is None:
            return []
        commands: list[tuple[str, object, str]] = [
            ("Search the library", screen.action_focus_search, "Focus the search box (/)"),
            ("Analysis: trend of this query", partial(screen.action_analysis, "trend"), "y: counts per year"),
            ("Analysis: concordance of this query", partial(screen.action_analysis, "kwic"), "every match in context"),
            ("Analysis: collocates of this query", partial(screen.action_analysis, "collocates"), "words found near it"),
            ("Analysis: new expressions", partial(screen.action_analysis, "new"), "new in a year's national report"),
            ("Analysis: targets table", partial(screen.action_analysis, "targets"), "main expected targets per year"),
            ("Notes: annotate the selection", screen.reader.action_annotate, "a in the reader (v selects sentences)"),
            ("Notes: bookmark this paragraph", screen.reader.action_bookmark, "m in the reader"),
            ("Notes: show annotations", screen.action_toggle_annotations, "A"),
            ("Notes: show orphans", screen.action_show_orphans, "notes that lost their place in the text"),
            ("Notes: export as Markdown", screen.export_notes, "to a file in the current folder"),
            ("Notes: import a W3C JSON export", screen.import_notes, "merge by id, newer edit wins"),
            ("Notes: toggle annotated paragraphs only", screen.action_toggle_annotated_only, "Ctrl+N"),
        ]
        for r in screen.reports:
            commands.append((f"Open report: {r.year or ''} {display_text(r.title)}",
                             partial(screen.open_report, r.id, None), r.path))
        if screen.reader.report is not None:
            from explorer.screens.compare_actions import compare_with

            open_id = screen.reader.report.id
            commands += [(f"Compare with: {r.year or ''} {display_text(r.title)}", partial(compare_with, screen, r.id),
                          "the open report side by side with this one") for r in screen.reports if r.id != open_id]
        for path, first in screen.sections_of_open_report():
            commands.append((f"Jump to section: {display_text(path)}", partial(screen.open_report,
                             screen.reader.report.id, first), f"paragraph {first}"))
        open_id = screen.reader.report.id if screen.reader.report else None
        for r in screen.reports:
            if r.id == open_id:
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
