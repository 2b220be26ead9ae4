"""A comparison drawn line by line: two columns side by side when wide, one column below that.

Both columns of a row are wrapped to the same height, so the old and the new
text scroll together: one scroll position serves both sides. Lines are built
once per width (the Line API), so a whole report scrolls without widgets per row.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.compare_text import ROW_STYLE, inline_text, side_text, sign_text
from index.compare.export import section_heading, summary_line
from index.compare.model import Comparison, Row, SectionDiff

SIDE_BY_SIDE_WIDTH = 120
"""From this many terminal columns on, old and new stand side by side."""
GUTTER = 3  # " ~ " between the columns, or the sign and a space before one column
CURRENT = Style(bgcolor="grey23")


@dataclass(frozen=True)
class Block:
    """The lines one section heading or one row takes, and whether it is a change."""

    first: int
    last: int
    section: int
    change: bool


class DiffView(ScrollView, can_focus=True):
    """The rows of a comparison; `n`/`N` go from change to change, `]`/`[` from section to section."""

    BINDINGS = [
        Binding("n", "next_change", "Next change"),
        Binding("N,p", "previous_change", "Prev change"),
        Binding("right_square_bracket", "next_section", "Next section"),
        Binding("left_square_bracket", "previous_section", "Prev section"),
        Binding("u", "toggle_unchanged", "Unchanged"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    DEFAULT_CSS = """
    DiffView { overflow-y: scroll; overflow-x: hidden; }
    """

    class Moved(Message):
        """The current change or section changed (for the screen's status line)."""

        def __init__(self, change: int | None, changes: int, section: int) -> None:
            super().__init__()
            self.change, self.changes, self.section = change, changes, section

    def __init__(self, comparison: Comparison | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison = comparison
        self.show_unchanged = True
        self.lines: list[Strip] = []
        self.blocks: list[Block] = []
        self.changes: list[Block] = []
        self.section_lines: list[int] = []
        self.current: int | None = None
        """Index into `changes` of the change last jumped to."""
        self._built_for: tuple[int, bool, bool] | None = None

    @property
    def side_by_side(self) -> bool:
        return self.app.size.width >= SIDE_BY_SIDE_WIDTH

    def show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.current = None
        self._built_for = None
        self._build()
        self.scroll_to(y=0, animate=False)

    # -- building the lines ---------------------------------------------------

    def on_resize(self) -> None:
        self._build()

    def _width(self) -> int:
        return max(20, self.scrollable_content_region.width)

    def _build(self) -> None:
        width = self._width()
        key = (width, self.show_unchanged, self.side_by_side)
        if self.comparison is None or key == self._built_for or not self.size.width:
            return
        self._built_for = key
        console = self.app.console
        self.lines, self.blocks = [], []
        for number, section in enumerate(self.comparison.sections):
            self._add(number, self._heading(section, width, console), change=False)
            for row in section.rows:
                if row.is_change or self.show_unchanged:
                    self._add(number, self._row(row, width, console), change=row.is_change)
        if not self.comparison.sections:
            self.lines.append(Strip([Segment("No sections to compare.")]))
        self.changes = [b for b in self.blocks if b.change]
        self.section_lines = [b.first for k, b in enumerate(self.blocks)
                              if k == 0 or b.section != self.blocks[k - 1].section]
        self.virtual_size = Size(width, len(self.lines))
        self.refresh()

    def _add(self, section: int, lines: list[Strip], change: bool) -> None:
        first = len(self.lines)
        self.lines += lines
        self.blocks.append(Block(first, len(self.lines) - 1, section, change))

    def _heading(self, section: SectionDiff, width: int, console: Console) -> list[Strip]:
        title = Text(section_heading(section), style="bold")
        status = {"moved": " (moved)", "added": " (added)", "removed": " (removed)"}.get(section.status, "")
        title.append(status, style=ROW_STYLE.get(section.status, "") or "cyan")
        lines = [Strip.blank(width)]
        lines += _wrap(title, width, console, Style(underline=False, bgcolor="grey15"))
        lines += _wrap(Text(summary_line(section), style="italic dim"), width, console)
        return lines

    def _row(self, row: Row, width: int, console: Console) -> list[Strip]:
        sign = sign_text(row)
        if self.side_by_side:
            column = (width - GUTTER) // 2
            left = _wrap(side_text(row, "old"), column, console)
            right = _wrap(side_text(row, "new"), width - GUTTER - column, console)
            height = max(len(left), len(right))
            gutter = [Strip(list(Text.assemble(" ", sign, " ").render(console)))] + [Strip.blank(GUTTER)] * height
            blank_left, blank_right = Strip.blank(column), Strip.blank(width - GUTTER - column)
            return [Strip.join([left[k] if k < len(left) else blank_left, gutter[k],
                                right[k] if k < len(right) else blank_right]) for k in range(height)]
        body = _wrap(inline_text(row), width - 2, console)
        first = Strip(list(Text.assemble(sign, " ").render(console)))
        return [Strip.join([first if k == 0 else Strip.blank(2), line]) for k, line in enumerate(body)]

    # -- drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self.size.width
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        strip = self.lines[index]
        if self.current is not None and self.current < len(self.changes):
            block = self.changes[self.current]
            if block.first <= index <= block.last:
                strip = strip.apply_style(CURRENT)
        return strip.crop_extend(0, width, self.rich_style)

    # -- moving -------------------------------------------------------------------

    @property
    def top(self) -> int:
        return round(self.scroll_offset.y)

    def _go(self, line: int) -> None:
        self.scroll_to(y=max(0, line - 1), animate=False)
        self.refresh()
        section = self.blocks[bisect_right([b.first for b in self.blocks], line) - 1].section if self.blocks else 0
        self.post_message(self.Moved(self.current, len(self.changes), section))

    def action_next_change(self) -> None:
        if not self.changes:
            self.notify("No changes.", timeout=2)
            return
        starts = [b.first for b in self.changes]
        if self.current is None:
            k = bisect_left(starts, self.top)
        else:
            k = self.current + 1
        if k >= len(self.changes):
            self.notify("Last change.", timeout=2)
            return
        self.current = k
        self._go(self.changes[k].first)

    def action_previous_change(self) -> None:
        if not self.changes:
            return
        k = (self.current if self.current is not None else bisect_left([b.first for b in self.changes], self.top)) - 1
        if k < 0:
            self.notify("First change.", timeout=2)
            return
        self.current = k
        self._go(self.changes[k].first)

    def action_next_section(self) -> None:
        k = bisect_right(self.section_lines, self.top + 1)
        if k < len(self.section_lines):
            self.jump_to_section_line(self.section_lines[k])

    def action_previous_section(self) -> None:
        k = bisect_left(self.section_lines, self.top) - 1
        if k >= 0:
            self.jump_to_section_line(self.section_lines[k])

    def jump_to_section(self, section: int) -> None:
        for block in self.blocks:
            if block.section == section:
                self.jump_to_section_line(block.first)
                return

    def jump_to_section_line(self, line: int) -> None:
        starts = [b.first for b in self.changes]
        k = bisect_left(starts, line)
        self.current = k if k < len(self.changes) else None
        self.scroll_to(y=line, animate=False)
        self.refresh()
        self.post_message(self.Moved(self.current, len(self.changes),
                                     self.blocks[bisect_right([b.first for b in self.blocks], line) - 1].section))

    def action_toggle_unchanged(self) -> None:
        self.show_unchanged = not self.show_unchanged
        self.current = None
        self._build()
        self.notify("Unchanged sentences shown." if self.show_unchanged else "Only changes shown.", timeout=2)


def _wrap(text: Text, width: int, console: Console, style: Style | None = None) -> list[Strip]:
    """`text` folded to `width` cells, each line padded to exactly `width`."""
    lines = text.wrap(console, width, overflow="fold") if text.plain else [Text("")]
    base = style or Style()
    return [Strip(list(line.render(console)), line.cell_len).apply_style(base).adjust_cell_length(width, base)
            for line in lines]
