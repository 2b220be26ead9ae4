"""The reportx Textual app: wires the screens, the bindings, the styles and the commands."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from explorer.providers import ReportCommands
from explorer.screens.help import HelpScreen, collect
from explorer.screens.main import MainScreen
from explorer.state import AppState, load_state, save_state
from explorer.text import display_text
from explorer.widgets.annotations_panel import AnnotationsPanel
from explorer.widgets.reader import Reader
from explorer.widgets.search_pane import ResultsList, SearchBox
from explorer.widgets.section_tree import SectionTree
from explorer.widgets.theme_panel import ThemePanel
from index.themes import ReportTheme

BENCH_READY_ENV = "REPORTX_BENCH_READY"


class ReportxApp(App[None]):
    TITLE = "reportx"
    CSS_PATH = "reportx.tcss"
    COMMANDS = App.COMMANDS | {ReportCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

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
        self.results_query: str | None = None
        """Bench hook (bench/apps.py): the query whose results the results list last showed."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification (screens' and widgets' too) shows its text as data:
        file names and report text in it are made terminal-safe, never markup."""
        super().notify(display_text(message, lines=True), title=display_text(title), severity=severity,
                       timeout=timeout, markup=False)

    def get_default_screen(self) -> Screen:
        return MainScreen(index_dir=self.index_dir, themes=self.report_themes, paths=self.paths,
                          samples=self.samples, state=self.state, notes_dir=self.notes_dir)

    def on_mount(self) -> None:
        for title, message in self.startup_notices:
            self.notify(message, title=title, severity="error", timeout=20)
        if os.environ.get(BENCH_READY_ENV):
            self.call_after_refresh(self._bench_first_frame)

    def _bench_first_frame(self) -> None:
        """Bench hook (bench/apps.py): note the time of the first frame in $REPORTX_BENCH_READY, then quit."""
        with open(os.environ[BENCH_READY_ENV], "w", encoding="utf-8") as f:
            f.write(repr(time.time()))
        self.exit()

    def help_groups(self):
        from explorer.screens.analysis import AnalysisScreen
        from explorer.screens.annotate import AnnotateScreen
        from explorer.screens.compare import CompareScreen
        from explorer.widgets.diff_view import DiffView

        return collect([
            ("Everywhere", ReportxApp), ("Explorer", MainScreen), ("Reader", Reader),
            ("Section tree", SectionTree), ("Search box", SearchBox), ("Results", ResultsList),
            ("Filter by theme", ThemePanel), ("Annotations panel", AnnotationsPanel),
            ("Annotate dialog", AnnotateScreen), ("Compare", CompareScreen), ("Comparison", DiffView),
            ("Analysis (y)", AnalysisScreen),
        ])

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.help_groups()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return
        for title, owner in [("", ReportxApp), ("", MainScreen), ("Reader: ", Reader), ("Filter: ", ThemePanel)]:
            for b in collect([(title, owner)])[0][1]:
                if b.action in {"quit", "command_palette", "focus_next", "focus_previous", "dismiss"}:
                    continue
                target = self if owner is ReportxApp else main if owner is MainScreen else main.query_one(owner)
                yield SystemCommand(f"{title}{b.description}", f"key: {b.key}",
                                    lambda t=target, a=b.action: self.call_later(t.run_action, a))

    def on_unmount(self) -> None:
        try:
            save_state(self.state)
        except OSError:
            pass


def bench_app(index_dir: Path) -> ReportxApp:
    """The app as `reportx --index-dir DIR` builds it (user's themes, bundled samples): for bench/apps.py."""
    from types import SimpleNamespace

    from explorer.launch import build_app

    return build_app(SimpleNamespace(index_dir=Path(index_dir)))
