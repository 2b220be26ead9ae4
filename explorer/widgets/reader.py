"""The reader: one report's paragraphs, drawn line by line (Textual's Line API).

Only the lines on screen are rendered; paragraphs are wrapped once per width
and cached, so a 1,000-paragraph report scrolls smoothly. A cursor marks the
current paragraph; `v` starts a sentence selection that `l`/`h` and `j`/`k`
extend and shrink (`y`/`Y` ask for the trend/concordance of the selected
text). Annotations show as coloured backgrounds over their characters, with a
gutter mark for notes (✎) and bookmarks (⚑).
Report text is always data: it goes into `rich.text.Text`, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.annotation_style import HIGHLIGHT_COLOURS, MARKS, highlight_style
from explorer.data import NoteMark, Span
from explorer.messages import AnnotateRequested, ReaderMoved
from explorer.text import display_text, sentence_spans
from explorer.widgets.selection import Selection
from index.offsets import index_at

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from index.library import ReportRecord
    from index.stored import StoredParagraph
    from index.themes import ReportTheme

GUTTER = 2  # theme bar + note mark


@dataclass
class _Block:
    """Lines of one paragraph at the current width, with its headings above it."""

    first_line: int  # first line of the headings (or the paragraph when none)
    text_line: int  # first line of the paragraph text
    lines: list[Strip]
    styling: int  # the Reader's styling when the paragraph's lines were rendered


class Reader(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    Reader { height: 1fr; scrollbar-gutter: stable; overflow-x: hidden; }
    """

    COMPONENT_CLASSES = {
        "reader--title",
        "reader--heading-0",
        "reader--heading-1",
        "reader--heading-2",
        "reader--heading-3",
        "reader--cursor",
        "reader--hit",
        "reader--dim",
        "reader--number",
        "reader--selection",
    }

    BINDINGS = [
        Binding("j,down", "next_paragraph", "Next ¶", show=False),
        Binding("k,up", "previous_paragraph", "Prev ¶", show=False),
        Binding("g,home", "first_paragraph", "Top", show=False),
        Binding("G,end", "last_paragraph", "Bottom", show=False),
        Binding("right_square_bracket", "next_section", "Next §"),
        Binding("left_square_bracket", "previous_section", "Prev §"),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("l,right", "extend", "Sentence +", show=False),
        Binding("h,left", "shrink", "Sentence −", show=False),
        Binding("escape", "cancel_selection", "Cancel selection", show=False),
    ]
    """Select (v), annotate (a) and bookmark (m) are the screen's keys: they work from every pane."""

    cursor: reactive[int] = reactive(0, init=False)
    """Index (not number) of the current paragraph."""

    def __init__(self, themes: list[ReportTheme], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: ReportRecord | None = None
        self.paragraphs: list[StoredParagraph] = []
        self._colours = {t.id: t.colour for t in themes}
        self._spans: dict[int, list[Span]] = {}
        self._allowed: set[int] | None = None  # paragraph numbers the theme filter keeps
        self._blocks: list[_Block] = []
        self._starts: list[int] = []
        self._width = 0
        self._pending: int | None = None
        self._cache: dict[tuple[Any, ...], list[Strip]] = {}
        """Rendered lines: of a paragraph by (number, width, spans, dim, notes, selection),
        of a section title by ("heading", title, level, width)."""
        self._notes: dict[int, list[NoteMark]] = {}  # by paragraph number
        self._frame: tuple[Style, Style, int] | None = None  # (style, cursor style, width) during one render pass
        self._styling = 0
        """Counts changes of highlights, notes and selection: a block rendered before the
        last one is re-rendered when it is next drawn, so a keystroke renders what is in view."""
        self._render_with: tuple[Console, ConsoleOptions, dict[str, Style]] | None = None
        """What the last `_build` rendered with (console, options at the width, component styles)."""
        self.selection: Selection | None = None

    # -- content -----------------------------------------------------------

    def show_report(self, report: ReportRecord, paragraphs: list[StoredParagraph], paragraph: int | None) -> None:
        self.report, self.paragraphs = report, paragraphs
        self._blocks, self._width = [], 0
        self._cache.clear()
        self._notes, self.selection = {}, None
        self.set_reactive(Reader.cursor, 0)
        self._pending = paragraph if paragraph is not None else 0
        self.scroll_to(0, 0, animate=False)
        self._relayout()

    @property
    def spans(self) -> dict[int, list[Span]]:
        """The highlighted search spans, by paragraph number."""
        return self._spans

    def drawn_lines(self, index: int) -> list[Strip]:
        """The lines drawn for the paragraph at `index` (its headings first), at the current width."""
        return self._block(index).lines if 0 <= index < len(self._blocks) else []

    def text_line_of(self, index: int) -> int:
        """The virtual line where the text of the paragraph at `index` starts."""
        return self._blocks[index].text_line

    @property
    def notes(self) -> dict[int, list[NoteMark]]:
        """The annotations drawn, by paragraph number."""
        return self._notes

    def set_marks(self, spans: dict[int, list[Span]], allowed: set[int] | None) -> None:
        """Highlight `spans` (by paragraph number); dim paragraphs outside `allowed`."""
        if spans == self._spans and allowed == self._allowed:
            return
        if allowed != self._allowed:
            self._spans, self._allowed = spans, allowed
            self._restyle()
            return
        changed = {n for n in spans.keys() | self._spans.keys() if spans.get(n) != self._spans.get(n)}
        self._spans = spans
        self._restyle(changed)

    def set_notes(self, notes: dict[int, list[NoteMark]]) -> None:
        """Show annotations: by paragraph number, (start, end, colour, kind) in its text."""
        if notes == self._notes:
            return
        self._notes = notes
        self._restyle()

    def _restyle(self, numbers: set[int] | None = None) -> None:
        """Re-render after a change of styles only, of the paragraphs numbered `numbers`
        (all if None): line breaks stay where they are, and each paragraph is re-rendered
        when it is next drawn (`_block`). Only the lines in view that change are redrawn:
        a keystroke's new highlights elsewhere in the report redraw nothing here."""
        if len(self._cache) > 4 * max(1, len(self.paragraphs)):
            self._cache.clear()
        if numbers is None:
            self._styling += 1
            self.refresh()
            return
        for index, p in enumerate(self.paragraphs):
            if p.number in numbers and index < len(self._blocks):
                block = self._blocks[index]
                block.styling = -1  # stale: rendered again when drawn
                if self._in_view(block):
                    self.refresh_lines(block.first_line, len(block.lines))

    def _block(self, index: int) -> _Block:
        """The block at `index`, its paragraph's lines rendered with the current styling."""
        block = self._blocks[index]
        if block.styling == self._styling or self._render_with is None:
            return block
        console, options, styles = self._render_with
        lines = self._paragraph_lines(index, self.paragraphs[index], console, options, styles)
        start = block.text_line - block.first_line
        end = len(block.lines) - 1  # the blank line after the paragraph
        if len(lines) != end - start:  # styles never move line breaks; if they ever do, lay out afresh
            self._build(self._width)
            return self._blocks[index]
        block.lines[start:end] = lines
        block.styling = self._styling
        return block

    def index_of(self, number: int) -> int:
        for i, p in enumerate(self.paragraphs):
            if p.number >= number:
                return i
        return max(0, len(self.paragraphs) - 1)

    @property
    def current(self) -> StoredParagraph | None:
        return self.paragraphs[self.cursor] if 0 <= self.cursor < len(self.paragraphs) else None

    def go_to(self, number: int) -> None:
        """Put paragraph `number` under the cursor, near the top of the view."""
        if not self._blocks:
            self._pending = number
            return
        index = self.index_of(number)
        if index == self.cursor:
            self._announce()
        self.cursor = index
        block = self._blocks[self.cursor]
        self.scroll_to(y=max(0, block.first_line - 1), animate=False)

    # -- layout ------------------------------------------------------------

    def on_resize(self) -> None:
        self._relayout(keep_position=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()  # a new colour theme: re-render with its styles
        self._blocks, self._width = [], 0
        if self.is_mounted:
            self._relayout(keep_position=True)

    def _relayout(self, keep_position: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= GUTTER + 4 or self.report is None:
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        if width == self._width and self._blocks:
            return
        top_index = self._index_at_line(int(self.scroll_y)) if keep_position and self._blocks else None
        self._width = width
        self._build(width)
        if self._pending is not None:
            number, self._pending = self._pending, None
            self.call_after_refresh(self.go_to, number)
        elif top_index is not None:
            self.scroll_to(y=self._blocks[top_index].first_line, animate=False)
        self.refresh()

    def _build(self, width: int) -> None:
        assert self.report is not None
        console = self.app.console
        options = console.options.update_width(width - GUTTER)
        styles = {name: self.get_component_rich_style(name, partial=True) for name in self.COMPONENT_CLASSES}
        self._render_with = (console, options, styles)
        blocks: list[_Block] = []
        line = 0
        title = Text(display_text(self.report.title), style=styles["reader--title"])
        if self.report.year and str(self.report.year) not in self.report.title:
            title.append(f"  {self.report.year}", style=styles["reader--number"])
        header = [Strip(s) for s in console.render_lines(title, options.update_width(width), pad=False)]
        header.append(Strip.blank(0))
        line += len(header)
        previous: list[str] = []
        for i, p in enumerate(self.paragraphs):
            lines: list[Strip] = header if i == 0 else []
            first = line - (len(header) if i == 0 else 0)
            section = list(p.section)
            if section != previous:
                common = 0
                while common < min(len(section), len(previous)) and section[common] == previous[common]:
                    common += 1
                for depth in range(common, len(section)):
                    level = min(depth, 3) if len(section) > 1 or depth else 0
                    lines.extend(self._heading_lines(section[depth], level, console, options, styles))
                    lines.append(Strip.blank(0))
                previous = section
            text_line = first + len(lines)
            lines.extend(self._paragraph_lines(i, p, console, options, styles))
            lines.append(Strip.blank(0))
            blocks.append(_Block(first, text_line, lines, self._styling))
            line = first + len(lines)
        self._blocks = blocks
        self._starts = [b.first_line for b in blocks]
        self.virtual_size = Size(width, line)

    def _paragraph_lines(self, index: int, p: StoredParagraph, console: Console, options: ConsoleOptions,
                         styles: dict[str, Style]) -> list[Strip]:
        """Wrapped lines of one paragraph, cached: typing a query re-renders only what changed."""
        number = p.number
        spans = tuple(self._spans.get(number, ()))
        dim = self._allowed is not None and number not in self._allowed
        notes = tuple(self._notes.get(number, ()))
        selected = self._selected_in(index)
        key = (number, options.max_width, spans, dim, notes, selected)
        lines = self._cache.get(key)
        if lines is None:
            lines = self._cache[key] = self._render_paragraph(p, spans, dim, notes, selected, console, options, styles)
        return lines

    def _heading_lines(self, title: str, level: int, console: Console, options: ConsoleOptions,
                       styles: dict[str, Style]) -> list[Strip]:
        """Wrapped lines of a section title, cached like paragraphs: new highlights rebuild
        the report's lines on every keystroke, and its titles never change."""
        key = ("heading", title, level, options.max_width)
        lines = self._cache.get(key)
        if lines is None:
            heading = Text(display_text(title), style=styles[f"reader--heading-{level}"])
            lines = self._cache[key] = [Strip([Segment(" " * GUTTER)] + seg)
                                        for seg in console.render_lines(heading, options, pad=False)]
        return lines

    def _render_paragraph(self, p: StoredParagraph, spans: tuple[Span, ...], dim: bool, notes: tuple[NoteMark, ...],
                          selected: Span | None, console: Console, options: ConsoleOptions,
                          styles: dict[str, Style]) -> list[Strip]:
        text = Text(display_text(p.text))
        for start, end, colour, kind in notes:
            if kind != "bookmark" and end > start:
                text.stylize(highlight_style(colour), start, end)
        for start, end in spans:
            text.stylize(styles["reader--hit"], start, end)
        if selected:
            text.stylize(styles["reader--selection"], *selected)
        themes = [t for t in p.themes if t in self._colours]
        if dim:
            text.stylize(styles["reader--dim"])
        if themes:
            text.append(" ")
            for t in themes:
                text.append("●", style=Style(color=self._colours[t]))
        bar = Segment("▍", Style(color=self._colours[themes[0]])) if themes else Segment(" ")
        kinds = {kind for *_, kind in notes}
        mark = next((MARKS[k] for k in ("bookmark", "note") if k in kinds), " ")
        colour = next((c for *_, c, k in notes if MARKS.get(k) == mark), "yellow")
        first = Segment(mark, Style(color=HIGHLIGHT_COLOURS.get(colour), bold=True) if mark != " " else None)
        rendered = console.render_lines(text, options, pad=False)
        return [Strip([bar, first if i == 0 else Segment(" ")] + seg) for i, seg in enumerate(rendered)]

    def _index_at_line(self, y: int) -> int:
        return index_at(self._starts, y)

    # -- rendering ---------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """One render pass: styles and width are looked up once, not for every line."""
        self._frame = (self.rich_style, self.get_component_rich_style("reader--cursor"),
                       self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        if self._frame is None:
            self._frame = (self.rich_style, self.get_component_rich_style("reader--cursor"),
                           self.scrollable_content_region.width)
            try:
                return self.render_line(y)
            finally:
                self._frame = None
        base, cursor, width = self._frame
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        if not self._blocks or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        index = self._index_at_line(line)
        block = self._block(index)
        offset = line - block.first_line
        strip = block.lines[offset] if offset < len(block.lines) else Strip.blank(0)
        strip = strip.extend_cell_length(width).crop(scroll_x, scroll_x + width)
        if index == self.cursor and line >= block.text_line and offset < len(block.lines) - 1:
            strip = strip.apply_style(cursor)
        return strip.apply_style(base)

    def watch_cursor(self) -> None:
        self.refresh()
        self._announce()

    def _announce(self) -> None:
        if self.report and self.current:
            self.post_message(ReaderMoved(self.report.id, self.current.number, self.current.section))

    def _show_cursor(self) -> None:
        if not self._blocks:
            return
        block = self._blocks[self.cursor]
        top = block.text_line
        height = block.first_line + len(block.lines) - top
        self.scroll_to_region(Region(0, top, 1, min(height, self.scrollable_content_region.height)), animate=False)

    def _cursor_visible(self) -> bool:
        return not self._blocks or self._in_view(self._blocks[self.cursor])

    def _in_view(self, block: _Block) -> bool:
        """Whether any line of `block` is in the widget's view."""
        top = int(self.scroll_y)
        return block.first_line < top + self.scrollable_content_region.height and block.first_line + len(block.lines) > top

    # -- actions -----------------------------------------------------------

    def _move(self, index: int) -> None:
        if not self.paragraphs:
            return
        self.cursor = max(0, min(index, len(self.paragraphs) - 1))
        self._show_cursor()

    def _resync(self) -> None:
        """After scrolling with the mouse, the cursor continues from what is on screen."""
        if not self._cursor_visible() and self._blocks:
            self.cursor = self._index_at_line(int(self.scroll_y) + 1)

    def action_next_paragraph(self) -> None:
        if self.selection is not None:
            return self._extend_paragraph(1)
        if not self._cursor_visible():
            self._resync()
            return self._show_cursor()
        self._move(self.cursor + 1)

    def action_previous_paragraph(self) -> None:
        if self.selection is not None:
            return self._extend_paragraph(-1)
        if not self._cursor_visible():
            self._resync()
            return self._show_cursor()
        self._move(self.cursor - 1)

    def action_first_paragraph(self) -> None:
        self._move(0)
        self.scroll_home(animate=False)

    def action_last_paragraph(self) -> None:
        self._move(len(self.paragraphs) - 1)
        self.scroll_end(animate=False)

    def action_next_section(self) -> None:
        section = self.current.section if self.current else None
        for i in range(self.cursor + 1, len(self.paragraphs)):
            if self.paragraphs[i].section != section:
                self._move(i)
                return self.scroll_to(y=max(0, self._blocks[i].first_line - 1), animate=False)

    def action_previous_section(self) -> None:
        if not self.paragraphs:
            return
        i = self.cursor
        section = self.paragraphs[i].section
        while i > 0 and self.paragraphs[i - 1].section == section:
            i -= 1
        if i == self.cursor and i > 0:  # already at a section start: go to the previous one
            section = self.paragraphs[i - 1].section
            i -= 1
            while i > 0 and self.paragraphs[i - 1].section == section:
                i -= 1
        self._move(i)
        if self._blocks:
            self.scroll_to(y=max(0, self._blocks[i].first_line - 1), animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)
        self._resync()

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
        self._resync()

    # -- selection and annotation requests ---------------------------------

    def _sentences(self, index: int) -> list[Span]:
        return sentence_spans(self.paragraphs[index].text)

    def _selected_in(self, index: int) -> Span | None:
        """The selected (start, end) in paragraph `index`, if any of it is selected."""
        if self.selection is None or index < 0:
            return None
        return self.selection.range_in(index, self._sentences)

    def selected_range(self) -> Span | None:
        """The selection (or the current paragraph) as offsets into the report text."""
        if self.current is None:
            return None
        if self.selection is None:
            return self.current.start, self.current.end
        first, last = self.selection.first, self.selection.last
        start = self.selection.range_in(first, self._sentences)
        end = self.selection.range_in(last, self._sentences)
        assert start is not None and end is not None  # first and last are in the selection
        return self.paragraphs[first].to_file(start[0]), self.paragraphs[last].to_file(end[1])

    def _set_selection(self, selection: Selection | None) -> None:
        self.selection = selection
        if selection is not None and self.cursor != selection.last:
            self.cursor = selection.last
            self._show_cursor()
        self._restyle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"extend", "shrink", "cancel_selection"}:
            return self.selection is not None  # otherwise the key goes on to the screen
        return True

    def select(self) -> None:
        """Select the sentence at the cursor."""
        if self.current is None:
            return
        self._resync()
        self._set_selection(Selection.at(self.cursor))

    def action_extend(self) -> None:
        if self.selection is not None:
            self._set_selection(self.selection.extended(self._sentences, len(self.paragraphs)))

    def action_shrink(self) -> None:
        if self.selection is not None:
            self._set_selection(self.selection.shrunk(self._sentences))

    def _extend_paragraph(self, step: int) -> None:
        if self.selection is not None:
            self._set_selection(self.selection.by_paragraph(step, self._sentences, len(self.paragraphs)))

    def action_cancel_selection(self) -> None:
        self._set_selection(None)

    def clear_selection(self) -> None:
        if self.selection is not None:
            self._set_selection(None)

    def selected_text(self) -> str:
        """The selected text ("" without a selection), paragraphs joined."""
        if self.selection is None:
            return ""
        parts = []
        for index in range(self.selection.first, self.selection.last + 1):
            span = self.selection.range_in(index, self._sentences)
            if span is not None:
                parts.append(self.paragraphs[index].text[span[0]:span[1]])
        return "".join(parts)

    def annotate(self) -> None:
        """Ask to annotate the selection (or the sentence at the cursor)."""
        self._request("highlight")

    def bookmark(self) -> None:
        """Ask to bookmark the paragraph at the cursor."""
        self._request("bookmark")

    def _request(self, kind: Literal["highlight", "bookmark"]) -> None:
        if self.report is None or self.current is None:
            return
        span = (self.current.start, self.current.start) if kind == "bookmark" else self.selected_range()
        if span is not None:
            self.post_message(AnnotateRequested(self.report.id, span[0], span[1], kind, self.current.number))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._blocks:
            return
        index = self._index_at_line(int(self.scroll_y) + offset.y)
        self.clear_selection()
        if index != self.cursor:
            self.cursor = index
