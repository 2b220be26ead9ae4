"""One line under the panes: where you are, what is found and filtered, indexing progress."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from explorer.text import display_text


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; }
    """

    location: reactive[str] = reactive("")
    results: reactive[str] = reactive("")
    filters: reactive[str] = reactive("")
    progress: reactive[str] = reactive("")

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.progress:
            text.append(f" {display_text(self.progress)} ", style="reverse")
            text.append(" ")
        if self.results:
            text.append(self.results, style="bold")
            text.append("  ")
        if self.filters:
            text.append(f"⛉ {display_text(self.filters)}", style="italic")
            text.append("  ")
        text.append(display_text(self.location), style="dim")
        return text
