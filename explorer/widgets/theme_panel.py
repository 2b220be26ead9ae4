"""Filter by theme: every report theme with its colour, hit count and a check box."""

from __future__ import annotations

from typing import Literal

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.messages import ThemeFilterChanged
from explorer.text import display_text
from index.themes import ReportTheme


class ThemePanel(OptionList):
    BINDINGS = [
        Binding("space", "toggle_theme", "Toggle theme"),
        Binding("s", "switch_mode", "Any/all"),  # not a: annotating works from every pane
        Binding("x", "clear", "Clear filter"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, themes: list[ReportTheme], **kwargs) -> None:
        super().__init__(**kwargs)
        self.themes = themes
        self.selected: list[str] = []
        self.mode: Literal["any", "all"] = "any"
        self.counts: dict[str, int] = {}

    def on_mount(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()  # labels are cut to the panel's width

    def set_counts(self, counts: dict[str, int]) -> None:
        if counts == self.counts:
            return
        self.counts = counts
        # Every keystroke brings new counts: a hidden panel redraws when it is shown
        # (Textual resizes a widget it shows: on_resize), not between a keystroke and its results.
        if self.display:
            self._redraw()

    def _redraw(self) -> None:
        highlighted = self.highlighted
        if not self.themes:
            self.set_options([Option(Text("No report themes loaded", style="dim italic"), disabled=True)])
        else:
            self.set_options(Option(self._prompt(t), id=t.id) for t in self.themes)
            self.highlighted = highlighted if highlighted is not None else 0
        mode = "all of" if self.mode == "all" else "any of"
        self.border_title = "Filter by theme"
        self.border_subtitle = f"{mode} {len(self.selected)}" if self.selected else "s: any/all"

    def _prompt(self, theme: ReportTheme) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("[x] " if theme.id in self.selected else "[ ] ", style="bold" if theme.id in self.selected else "dim")
        text.append("■ ", style=Style(color=theme.colour))
        count = self.counts.get(theme.id)
        if count is not None:  # before the label, so a narrow panel never hides it
            digits = len(f"{max(self.counts.values(), default=0):,}")  # as wide as the largest, no wider
            text.append(f"{count:>{digits},} ", style="dim" if not count else "bold")
        text.append(display_text(theme.label))
        if self.content_size.width > 10:
            text.truncate(self.scrollable_content_region.width, overflow="ellipsis")
        return text

    def toggle(self, theme_id: str) -> None:
        if theme_id in self.selected:
            self.selected.remove(theme_id)
        elif any(t.id == theme_id for t in self.themes):
            self.selected.append(theme_id)
        self._changed()

    def _changed(self) -> None:
        self._redraw()
        self.post_message(ThemeFilterChanged(tuple(self.selected), self.mode))

    def action_toggle_theme(self) -> None:
        if self.highlighted is not None and self.themes:
            self.toggle(self.themes[self.highlighted].id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.toggle(event.option.id)

    def action_switch_mode(self) -> None:
        self.mode = "all" if self.mode == "any" else "any"
        self._changed()

    def action_clear(self) -> None:
        self.selected.clear()
        self._changed()

    def describe(self) -> str:
        """The active filter in words, for the status bar."""
        if not self.selected:
            return ""
        labels = {t.id: t.label for t in self.themes}
        joiner = " & " if self.mode == "all" else " | "
        return joiner.join(labels.get(t, t) for t in self.selected)
