"""The section tree: reports by year (newest first), each opening into its sections.

Section labels carry paragraph counts; with a search they show how many hits a
section holds (only that, where the tree is too narrow for both), and with a
theme filter sections without a matching paragraph are dimmed.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from explorer.messages import OpenLocation
from explorer.text import display_text

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from index.library import ReportRecord


@dataclass(frozen=True)
class Place:
    """What a node stands for: a report, or a section (paragraph range) in one."""

    report: str
    title: str
    first: int | None = None
    count: int = 0
    is_report: bool = False


class SectionTree(Tree[Place]):
    # Labels are cut to the pane (render_label), so the tree never scrolls
    # sideways; Tree's virtual width, measured before a vertical scrollbar
    # takes its columns, would otherwise show a horizontal one.
    DEFAULT_CSS = """
    SectionTree { height: 1fr; overflow-x: hidden; }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
    ]

    _frame: tuple | None = None
    """(rich style, content width) during one render pass."""

    def __init__(self, **kwargs) -> None:
        super().__init__("Reports", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self._signature: tuple = ()
        self._report_nodes: dict[str, TreeNode[Place]] = {}
        self._hits: dict[str, list[int]] | None = None
        self._filtered = False

    def set_reports(self, reports: list[ReportRecord], open_report: str | None) -> None:
        """Rebuild when the set of reports changed; keeps what was expanded."""
        signature = tuple((r.id, r.content_hash) for r in reports)
        if signature == self._signature:
            return
        self._signature = signature
        expanded = {rid for rid, node in self._report_nodes.items() if node.is_expanded}
        if open_report:
            expanded.add(open_report)
        self.clear()
        self._report_nodes = {}
        for year, same_year in groupby(reports, key=lambda r: r.year):
            group = list(same_year)
            year_node = self.root.add(Text(str(year or "no year"), style="bold"), expand=True)
            names = distinct_titles([_without_year(r.title, year) for r in group])
            for r, name in zip(group, names, strict=True):
                place = Place(r.id, name, 0, r.paragraphs, is_report=True)
                node = year_node.add(self._label(place), data=place, expand=r.id in expanded)
                self._add_sections(node, r.id, r.outline)
                self._report_nodes[r.id] = node
        if not reports:
            self.root.add_leaf(Text("No reports yet", style="dim italic"))

    def _add_sections(self, parent: TreeNode[Place], report: str, outline: list[dict]) -> None:
        for section in outline:
            place = Place(report, section["title"], section.get("first"), section.get("paragraphs", 0))
            if section.get("children"):
                node = parent.add(self._label(place), data=place)
                self._add_sections(node, report, section["children"])
            else:
                parent.add_leaf(self._label(place), data=place)

    def report_node(self, report_id: str) -> TreeNode[Place] | None:
        return self._report_nodes.get(report_id)

    @property
    def filtered(self) -> bool:
        """Whether the marks shown are those of a theme filter (reports without hits dimmed)."""
        return self._filtered

    def set_hits(self, hits: dict[str, list[int]] | None, filtered: bool) -> None:
        """Paragraph numbers (sorted) per report that match the search / filter; None: no search.

        Only the lines on screen are drawn again: labels take their style and
        counts from the hits as they are drawn (`render_label`)."""
        if hits == self._hits and filtered == self._filtered:
            return
        self._hits, self._filtered = hits, filtered
        self._refresh_lines()

    def _refresh_lines(self) -> None:
        self._line_cache.clear()  # the tree's shape is unchanged: only labels change
        self.refresh()

    def _label(self, place: Place) -> Text:
        """The title only; its style and the counts are added in `render_label`."""
        return Text(display_text(place.title), style=self._label_style(place), no_wrap=True)

    def _label_style(self, place: Place) -> str:
        hits = self._count_hits(place)
        if hits == 0:
            return "dim italic" if self._filtered else "dim"
        return "bold" if place.is_report else ""

    def _suffix(self, place: Place, with_count: bool = True) -> Text:
        suffix = Text(f" {place.count}", style="dim") if with_count else Text()
        hits = self._count_hits(place)
        if hits:
            suffix.append(f" ●{hits}", style="bold yellow")
        return suffix

    def _count_hits(self, place: Place) -> int | None:
        if self._hits is None:
            return None
        numbers = self._hits.get(place.report, [])
        if place.is_report:
            return len(numbers)
        if place.first is None or not place.count:
            return 0
        return bisect_left(numbers, place.first + place.count) - bisect_left(numbers, place.first)

    def render_lines(self, crop):
        """One render pass: the style and width every line needs are looked up once, not per line."""
        self._frame = (super().rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    @property
    def rich_style(self):
        return self._frame[0] if self._frame is not None else super().rich_style

    def render_label(self, node: TreeNode[Place], base_style, style) -> Text:
        """Labels end in … where the pane is too narrow (CJK counts two cells)."""
        if node.data is not None:
            node._label.style = self._label_style(node.data)
        label = super().render_label(node, base_style, style)
        suffix = self._suffix(node.data) if node.data is not None else Text()
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        width = self._frame[1] if self._frame is not None else self.scrollable_content_region.width
        room = width - max(0, depth - 1) * self.guide_depth - 1 - suffix.cell_len
        if label.cell_len > room and node.data is not None and self._count_hits(node.data):
            suffix = self._suffix(node.data, with_count=False)  # short of room, the hits matter more
            room = width - max(0, depth - 1) * self.guide_depth - 1 - suffix.cell_len
        if room > 4 and label.cell_len > room:
            label.truncate(room - 1)  # a wide character cut in two leaves a space: not before the …
            label.rstrip()
            label.append("…")
        return label + suffix

    def on_tree_node_selected(self, event: Tree.NodeSelected[Place]) -> None:
        place = event.node.data
        if place is None:
            return
        event.stop()
        self.post_message(OpenLocation(place.report, None if place.is_report else place.first))

    def reveal(self, report: str, paragraph: int | None) -> None:
        """Move the cursor to the deepest section holding `paragraph` in `report`."""
        node = self._report_nodes.get(report)
        if node is None:
            return
        best = node
        if paragraph is not None:
            frontier = list(node.children)
            while frontier:
                for child in frontier:
                    place = child.data
                    if place and place.first is not None and place.first <= paragraph < place.first + place.count:
                        best, frontier = child, list(child.children)
                        break
                else:
                    frontier = []
        parent = best.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self.move_cursor, best)


def _without_year(title: str, year: int | None) -> str:
    """Under its year's node a title need not repeat the year: 2025年上海市… -> 上海市…."""
    if not year:
        return title
    for prefix in (f"{year}年", f"{year} "):
        if title.startswith(prefix) and len(title) > len(prefix) + 1:
            return title[len(prefix):].lstrip()
    return title


GENERIC_ENDINGS = ("政府工作报告", "report on the work of the government", "government work report")
"""What most report titles end with: under a year holding several reports it tells none apart."""


def _without_generic_ending(title: str) -> str:
    folded = title.casefold()
    for ending in GENERIC_ENDINGS:
        if folded.endswith(ending):
            rest = title[:len(title) - len(ending)].strip(" -_·:：")
            return rest or title
    return title


def distinct_titles(titles: list[str]) -> list[str]:
    """Titles of one year's reports without what they share (政府工作报告 ...), so that they
    can be told apart in a narrow tree (上海市, 云南省, 中华人民共和国国务院); a title left
    empty stays whole."""
    if len(titles) < 2:
        return titles
    shorter = [_without_generic_ending(t) for t in titles]
    if len(set(shorter)) == len(shorter):
        titles = shorter
    prefix = len(os.path.commonprefix(titles))
    while prefix and titles[0][prefix - 1].isalnum():  # cut at a word boundary: 江苏 / 江西
        prefix -= 1
    suffix = len(os.path.commonprefix([t[::-1] for t in titles]))
    shortest = min(len(t) for t in titles)
    if prefix + suffix > shortest:
        return titles
    cut = [t[prefix:len(t) - suffix].strip(" -_·") for t in titles]
    return cut if all(cut) and len(set(cut)) == len(cut) else titles
