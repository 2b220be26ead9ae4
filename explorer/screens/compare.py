"""Two reports side by side: the compare screen, with a summary of every section.

The comparison is computed in a worker (reading two files and comparing them
takes ~0.1-0.3 s); the screen shows the rows in a `DiffView` and the summary
(sentences changed/added/removed per section) in a list that jumps to a section.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from explorer.widgets.diff_view import DiffView
from index.compare.export import label, section_heading
from index.compare.model import Comparison


@dataclass
class Compared(Message):
    comparison: Comparison | None
    error: str = ""


class CompareScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "toggle_summary", "Summary"),
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(self, old_path: str, new_path: str, section: str | None = None) -> None:
        super().__init__()
        self.old_path, self.new_path, self.section = old_path, new_path, section
        self.comparison: Comparison | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Comparing…", style="dim"), id="compare-title")
        with Horizontal(id="compare-body"):
            yield OptionList(id="compare-summary")
            yield DiffView(id="compare-diff")
        yield Static("", id="compare-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#compare-summary").display = False
        self.query_one(DiffView).focus()
        self.compare()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def compare(self) -> None:
        from index.compare import compare_reports
        from index.reader import ReadError, read_report

        try:
            old, new = read_report(Path(self.old_path)), read_report(Path(self.new_path))
        except ReadError as e:
            self.post_message(Compared(None, str(e)))
            return
        self.post_message(Compared(compare_reports(old, new, self.section)))

    def on_compared(self, message: Compared) -> None:
        if message.comparison is None:
            self.query_one("#compare-title", Static).update(Text(message.error, style="red"))
            return
        comparison = self.comparison = message.comparison
        old, new = comparison.old, comparison.new
        c = comparison.counts()
        self.query_one("#compare-title", Static).update(Text.assemble(
            (label(old.title, old.year), "bold red"), " → ", (label(new.title, new.year), "bold green"),
            (f"   ~{c['changed']} +{c['added']} −{c['removed']} →{c['moved']}", "dim")))
        summary = self.query_one("#compare-summary", OptionList)
        summary.clear_options()
        for number, diff in enumerate(comparison.sections):
            counts = diff.counts()
            tally = f"~{counts['changed']} +{counts['added']} −{counts['removed']}" if diff.rows else ""
            status = "" if diff.status == "matched" else f" ({diff.status})"
            summary.add_option(Option(Text.assemble(diff.title, (status, "cyan"), "\n", (tally, "dim")),
                                      id=str(number)))
        self.query_one(DiffView).show(comparison)
        self._status(None, sum(1 for _ in comparison.rows() if _[1].is_change), 0)

    @on(DiffView.Moved)
    def _moved(self, message: DiffView.Moved) -> None:
        self._status(message.change, message.changes, message.section)

    def _status(self, change: int | None, changes: int, section: int) -> None:
        where = f"change {change + 1} of {changes}" if change is not None else f"{changes} changes"
        title = section_heading(self.comparison.sections[section]) if self.comparison and self.comparison.sections else ""
        self.query_one("#compare-status", Static).update(Text.assemble((where, "bold"), "  ", (title, "dim")))

    @on(OptionList.OptionSelected, "#compare-summary")
    def _section_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one(DiffView).jump_to_section(int(event.option.id or 0))
        if self.size.width < 120:
            event.option_list.display = False
        self.query_one(DiffView).focus()

    def action_toggle_summary(self) -> None:
        summary = self.query_one("#compare-summary", OptionList)
        summary.display = not summary.display
        (summary if summary.display else self.query_one(DiffView)).focus()

    def action_close(self) -> None:
        self.dismiss(None)
