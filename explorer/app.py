"""The reportx Textual app: wires the screens, the bindings, the styles and the commands."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen

from explorer.layout import HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS, breakpoint_classes
from explorer.screens.main import MainScreen
from explorer.startup_gc import release_garbage_collection
from explorer.state import AppState, load_state, save_state
from explorer.text import display_text
from explorer.widgets.annotations_panel import AnnotationsPanel
from explorer.widgets.reader import Reader
from explorer.widgets.search_pane import ResultsList, SearchBox
from explorer.widgets.section_tree import SectionTree
from explorer.widgets.theme_panel import ThemePanel
from index.themes import ReportTheme

if TYPE_CHECKING:  # the help and the palette's provider load when first used, not at start
    from textual.command import Provider

    from explorer.screens.help import KeyGroup

PALETTE_SKIPS = {"quit", "command_palette", "focus_next", "focus_previous", "dismiss"}
"""Bound actions the command palette leaves out (Textual's own system commands cover them)."""


def _report_commands() -> type[Provider]:
    from explorer.providers import ReportCommands

    return ReportCommands


class ReportxApp(App[None]):
    TITLE = "reportx"
    CSS_PATH = Path(__file__).parent / "reportx.tcss"  # absolute: subclasses live in other folders
    COMMANDS = App.COMMANDS | {_report_commands}
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
        Binding("tab", "focus_next", "Next pane", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False),
    ]

    def __init__(self, *, index_dir: Path | None = None, themes: list[ReportTheme] | None = None,
                 paths: list[Path] | None = None, samples: Path | None = None,
                 startup_notices: list[tuple[str, str]] | None = None, notes_dir: Path | None = None) -> None:
        super().__init__()
        self.index_dir = index_dir
        self.report_themes = themes or []
        self.paths = paths or []
        self.samples = samples
        self.startup_notices = startup_notices or []
        self.notes_dir = notes_dir
        self.state: AppState = load_state()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification (screens' and widgets' too) shows its text as data:
        file names and report text in it are made terminal-safe, never markup."""
        super().notify(display_text(message, lines=True), title=display_text(title), severity=severity,
                       timeout=timeout, markup=False)

    def get_default_screen(self) -> Screen[None]:
        screen = MainScreen(index_dir=self.index_dir, themes=self.report_themes, paths=self.paths,
                            samples=self.samples, state=self.state, notes_dir=self.notes_dir)
        # With its size's classes from the start, the screen is styled once, not again on its first resize.
        return screen.add_class(*breakpoint_classes(*self.size))

    def on_mount(self) -> None:
        self.call_after_refresh(release_garbage_collection)
        for title, message in self.startup_notices:
            self.notify(message, title=title, severity="error", timeout=20)

    @staticmethod
    def key_groups() -> list[KeyGroup]:
        """Every key, grouped by where it works: the one list the help and the command palette read.

        A key is defined once, as a Binding in its widget's BINDINGS; the footer shows
        it there, the help lists every group, the palette offers the groups marked so.
        """
        from explorer.screens.analysis import AnalysisScreen
        from explorer.screens.annotate import AnnotateScreen
        from explorer.screens.compare import CompareScreen
        from explorer.screens.help import KeyGroup
        from explorer.widgets.diff_view import DiffView

        return [
            KeyGroup("Everywhere", ReportxApp, palette=""), KeyGroup("Explorer", MainScreen, palette=""),
            KeyGroup("Reader", Reader, palette="Reader: "), KeyGroup("Section tree", SectionTree),
            KeyGroup("Search box", SearchBox), KeyGroup("Results", ResultsList),
            KeyGroup("Filter by theme", ThemePanel, palette="Filter: "),
            KeyGroup("Annotations panel", AnnotationsPanel), KeyGroup("Annotate dialog", AnnotateScreen),
            KeyGroup("Compare", CompareScreen), KeyGroup("Comparison", DiffView),
            KeyGroup("Analysis (y)", AnalysisScreen, palette="Analysis screen: "),
        ]

    def help_groups(self) -> list[tuple[str, list[Binding]]]:
        from explorer.screens.help import collect

        return collect(self.key_groups())

    def action_help(self) -> None:
        from explorer.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.help_groups()))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from explorer.screens.help import collect, key_label

        yield from super().get_system_commands(screen)
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return
        for group in self.key_groups():
            if group.palette is None:
                continue
            target: DOMNode
            if issubclass(group.owner, Screen) and group.owner is not MainScreen:
                if not isinstance(screen, group.owner):
                    continue  # a screen's keys are offered while it is the one shown
                target = screen
            else:
                target = self if group.owner is ReportxApp else main if group.owner is MainScreen \
                    else main.query_one(group.owner)  # type: ignore[type-var]  # a widget class
            for b in collect([group])[0][1]:
                if b.action in PALETTE_SKIPS or target.check_action(b.action.split("(")[0], ()) is False:
                    continue
                yield SystemCommand(f"{group.palette}{b.description}", f"key: {key_label(b.key)}",
                                    lambda t=target, a=b.action: self.call_later(t.run_action, a))

    def on_unmount(self) -> None:
        try:
            save_state(self.state)
        except OSError:
            pass
