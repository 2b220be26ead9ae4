"""The search box (with recall of recent queries) and the list of results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from explorer.messages import OpenHit, QuerySubmitted
from explorer.text import display_text, shorten
from explorer.widgets.annotations_panel import NoteResults

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from index.search import Hit as SearchHit
    from index.search import SearchResult

RESULTS_SHOWN = 50
"""Hits listed (with snippets; each costs ~0.2 ms to find and draw per keystroke);
n/N and the tree's marks cover every match."""
SNIPPET_LINES = 3
PROMPT_MIN_LINES = 3
"""A hit's lines at least: title, section path, one line of snippet."""


class SearchBox(Input):
    """Type to search; up/down recall earlier queries; Enter goes to the results."""

    BINDINGS = [
        Binding("up", "recall(-1)", "Older query", show=False),
        Binding("down", "recall(1)", "Newer query", show=False),
    ]

    virtual_size = Reactive(Size(0, 0), layout=False)
    """Input sets it to the text's width on every keystroke, and Widget's reactive asks the
    whole screen for a layout pass then (every scroll bar is redrawn); the box's own size is
    fixed, so a repaint is all a longer text needs."""

    def __init__(self, history: list[str], **kwargs) -> None:
        super().__init__(placeholder="Search  (/)  words, \"phrases\", OR, NOT, wild*, tag:x colour:green", **kwargs)
        self.history = history  # shared with the app state: oldest first
        self._recall: int | None = None

    def action_recall(self, step: int) -> None:
        if not self.history:
            return
        index = len(self.history) if self._recall is None else self._recall
        index = max(0, min(len(self.history), index + step))
        self._recall = index
        self.value = self.history[index] if index < len(self.history) else ""
        self.cursor_position = len(self.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._recall = None
        self.post_message(QuerySubmitted(event.value))


class ResultsList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[SearchHit] = []

    def show_hits(self, hits: list[SearchHit]) -> None:
        """List `hits`: those the list can show at once; the rest when `list_rest` is
        called (their snippets, ~5 ms, would hold up the results of each keystroke)."""
        self.hits = hits[:RESULTS_SHOWN]
        at_once = max(1, self.scrollable_content_region.height // PROMPT_MIN_LINES + 1)
        self.set_options(Option(self._prompt(h)) for h in self.hits[:at_once])
        if self.hits:
            self.highlighted = 0

    def list_rest(self) -> None:
        """List the hits `show_hits` left out."""
        if self.option_count < len(self.hits):
            self.add_options(Option(self._prompt(h)) for h in self.hits[self.option_count:])

    def _prompt(self, hit: SearchHit) -> Text:
        width = self._text_width()
        head = Text(no_wrap=True, overflow="ellipsis")
        title = display_text(hit.title)
        if not (hit.year and title.startswith(str(hit.year))):
            title = f"{hit.year or '—'} {title}"
        head.append(shorten(title, width), style="bold")
        where = " › ".join(s for s in hit.section if s != "Preamble") or "Preamble"
        mark = "§ heading " if hit.heading else ""  # a hit in a section title
        path = Text(f"{mark}¶{hit.paragraph} {shorten(where, width - 6 - len(mark))}", style="dim",
                    no_wrap=True, overflow="ellipsis")
        snippet = Text(shorten(hit.snippet, width * SNIPPET_LINES))
        for start, end in hit.highlights:
            snippet.stylize("bold reverse", start, end)
        return Text("\n").join([head, path, snippet])

    def _text_width(self) -> int:
        """Cells for a hit's lines: the list's width less its options' padding and the scroll
        bar, shown or not (hits listed later must not make the first ones wrap longer)."""
        if not self.content_region.width:
            return 40  # not laid out yet
        padding = self.get_component_styles("option-list--option").padding.width
        return max(20, self.content_region.width - self.styles.scrollbar_size_vertical - padding)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self.post_message(OpenHit(self.hits[event.option_index]))


class SearchPane(Vertical):
    DEFAULT_CSS = """
    SearchPane { height: 1fr; }
    SearchPane #search-error { height: auto; }
    SearchPane #search-count { height: 1; }
    SearchPane ResultsList { height: 1fr; }
    """

    def __init__(self, history: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self._history = history

    def compose(self) -> ComposeResult:
        yield SearchBox(self._history, id="search-box")
        yield Static("", id="search-error")
        yield Static("", id="search-count")
        yield ResultsList(id="results")
        yield NoteResults(id="note-results")

    def show_notes(self, notes) -> None:
        """The Notes section: annotations matching the query, or hidden (None)."""
        self.query_one(NoteResults).show_notes(notes)

    def show_result(self, result: SearchResult, filters: str) -> None:
        error = self.query_one("#search-error", Static)
        count = self.query_one("#search-count", Static)
        results = self.query_one(ResultsList)
        searching = bool(result.request.query.strip() or result.request.themes)
        if result.error and searching:
            error.update(Text(result.error))
            error.display = True
        elif error.display:
            error.update("")
            error.display = False
        if result.error or not searching:
            results.show_hits([])
            count.update(Text("Type to search; t filters by theme", style="dim") if not searching else "", layout=False)
            return
        shown = min(result.total, len(result.hits), RESULTS_SHOWN)
        label = count_label(result.total, len(set(result.locations)) if result.locations else result.total)
        if shown < result.total:
            label = f"showing {shown:,} of {label}"
        # One line, always (reportx.tcss): no layout pass on every keystroke.
        count.update(Text(label + (f" · {filters}" if filters else ""), no_wrap=True, overflow="ellipsis"), layout=False)
        results.show_hits(result.hits)

    def show_hint(self, hint: str) -> None:
        """A hint in place of the results (no search ran)."""
        self.query_one("#search-error", Static).display = False
        self.query_one("#search-count", Static).update(Text(hint, style="dim", no_wrap=True, overflow="ellipsis"),
                                                       layout=False)
        self.query_one(ResultsList).show_hits([])


def count_label(hits: int, paragraphs: int) -> str:
    """How many hits, and in how many paragraphs when that differs: a section
    title's hit is at its first paragraph, which may hold a hit of its own, and
    n/N walk paragraphs."""
    if hits == paragraphs:
        return f"{hits:,} paragraph{'s' if hits != 1 else ''}"
    return f"{hits:,} hits in {paragraphs:,} paragraph{'s' if paragraphs != 1 else ''}"
