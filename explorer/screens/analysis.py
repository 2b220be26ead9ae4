"""The analysis screen: trend, concordance, collocates, new expressions and
the targets table, as tabs over the index.

Computation runs in thread workers under the explorer's lock (the UI's
Library searcher is shared); each worker posts its result and the handlers
fill the tables. Enter on a concordance line or a listed hit closes the
screen with that place, which the explorer opens in the reader.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Sparkline, Static, TabbedContent, TabPane

from explorer.cells import head_cells, tail_cells
from explorer.widgets.analysis_cells import bar, fill_table, short_title
from index import paths

if TYPE_CHECKING:
    from index.analytics.collocates import Collocate
    from index.analytics.kwic import KwicLine
    from index.analytics.novelty import Novelty
    from index.analytics.targets import YearTargets
    from index.analytics.trend import Trend, TrendRow
    from index.library import Library

TABS = ("trend", "kwic", "collocates", "new", "targets")
_MAIN_TABLE = {"trend": "trend-table", "kwic": "kwic-table", "collocates": "collocates-table",
               "new": "new-table", "targets": "targets-table"}
SORTS = ("year", "left", "right", "report")
WIDE = 120
"""From this width the trend's table and its hits stand side by side."""
KWIC_ROWS = 2000
"""Concordance lines put in the table (the export has them all)."""
TERM_MAX = 12
"""Selected text longer than this (Chinese characters and other words) is a
sentence, not a term: it waits in the query box to be cut down to one."""
_UNITS = re.compile(r"[\u3400-\u9fff]|[^\s\u3400-\u9fff]+")
_EDGES = " \t\n\u3000。，、；：？！…—,.;:!?\"'“”‘’《》〈〉（）()「」『』【】[]"

Place = tuple[str, int]

TAB_KEYS = Binding.Group("Tabs", compact=True)
"""1-5 shown once in the footer ("12345 Tabs"); the help lists each."""
YEAR_KEYS = Binding.Group("Year", compact=True)
EXPORT_KEYS = Binding.Group("Export", compact=True)
ONLY_ON = {"split_by_kind": "trend", "cycle_sort": "kwic", "step_year": "new"}
"""Keys of one tab: shown in the footer, and working, only there."""


@dataclass
class ViewLoaded(Message):
    """A worker's result for one tab (or its error, one line)."""

    tab: str
    query: str
    data: Any
    error: str | None = None


class AnalysisScreen(Screen[Place | None]):
    CSS_PATH = "analysis.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("slash", "focus_query", "Query"),
        Binding("1", "show_tab('trend')", "Trend", group=TAB_KEYS),
        Binding("2", "show_tab('kwic')", "Concordance", group=TAB_KEYS),
        Binding("3", "show_tab('collocates')", "Collocates", group=TAB_KEYS),
        Binding("4", "show_tab('new')", "New", group=TAB_KEYS),
        Binding("5", "show_tab('targets')", "Targets", group=TAB_KEYS),
        Binding("k", "split_by_kind", "Kinds"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("left_square_bracket", "step_year(-1)", "Prev year", group=YEAR_KEYS),
        Binding("right_square_bracket", "step_year(1)", "Next year", group=YEAR_KEYS),
        Binding("e", "export('csv')", "Export CSV", group=EXPORT_KEYS),
        Binding("E", "export('json')", "Export JSON", group=EXPORT_KEYS),
    ]

    def __init__(self, library: Library, lock: threading.Lock, query: str = "", tab: str = "trend",
                 export_dir: Path | None = None, edit: bool = False) -> None:
        """`edit`: the query is to be cut down first (a selected sentence): focus it, compute nothing yet."""
        super().__init__()
        self.edit = edit
        self.library, self.index_lock = library, lock
        self.query_text = query.strip()
        self.first_tab = tab if tab in TABS else "trend"
        self.export_dir = export_dir
        self.sort = "year"
        self.by_kind = False
        """The trend: split by kind of report, or the national reports only."""
        self.trend: Trend | None = None
        self.lines: list[KwicLine] = []
        self.collocates: list[Collocate] = []
        self.novelty: Novelty | None = None
        self.targets: list[YearTargets] = []
        self.year: int | None = None
        """The year the New tab shows (the latest national report by default)."""
        self.trend_hits: list[Place] = []
        self._statuses: dict[str, Text] = {}
        self._loaded: dict[str, str] = {}
        """Tab -> the query its data is for."""

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Input(self.query_text, placeholder="a term or query (several for a trend: a ; b) — Enter",
                    id="analysis-query")
        with TabbedContent(initial=self.first_tab, id="analysis-tabs"):
            with TabPane("Trend", id="trend"):
                yield Sparkline([], id="trend-spark")
                with Horizontal(id="trend-body"):
                    yield DataTable(id="trend-table", cursor_type="row", zebra_stripes=True)
                    yield DataTable(id="trend-hits", cursor_type="row")
            with TabPane("Concordance", id="kwic"):
                yield DataTable(id="kwic-table", cursor_type="row")
            with TabPane("Collocates", id="collocates"):
                yield DataTable(id="collocates-table", cursor_type="row", zebra_stripes=True)
            with TabPane("New", id="new"):
                with Horizontal(id="new-body"):
                    yield DataTable(id="new-table", cursor_type="row")
                    yield DataTable(id="gone-table", cursor_type="row")
            with TabPane("Targets", id="targets"):
                with Vertical():
                    yield DataTable(id="targets-table", cursor_type="cell", zebra_stripes=True)
                    yield Static(id="targets-clause")
        yield Static(id="analysis-status")
        yield Footer()

    def on_mount(self) -> None:
        self._set_wide()
        if self.edit:
            self.action_focus_query()
        else:
            self._focus_table(self.first_tab)
        self.load(self.first_tab)

    def on_resize(self) -> None:
        self._set_wide()

    def _set_wide(self) -> None:
        self.set_class(self.app.size.width >= WIDE, "wide")

    @property
    def tab(self) -> str:
        try:
            return self.query_one(TabbedContent).active or self.first_tab
        except NoMatches:  # not composed yet
            return self.first_tab

    def status(self, text: str | Text, tab: str | None = None) -> None:
        """Show `text` under the tabs, as what `tab` (the one in front by default) has to say:
        each tab keeps its own line, shown again when it comes to the front."""
        tab = tab or self.tab
        self._statuses[tab] = Text(text) if isinstance(text, str) else text
        if tab == self.tab:
            self.query_one("#analysis-status", Static).update(self._statuses[tab])

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = ONLY_ON.get(action)
        return tab is None or self.tab == tab

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_query(self) -> None:
        self.query_one("#analysis-query", Input).focus()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self._focus_table(tab)

    def _focus_table(self, tab: str) -> None:
        # Focus follows the tab: a focused table in a hidden pane would switch back to it.
        self.query_one(f"#{_MAIN_TABLE[tab]}", DataTable).focus()

    def action_split_by_kind(self) -> None:
        if self.tab != "trend":
            return
        self.by_kind = not self.by_kind
        self._loaded.pop("trend", None)
        self.load("trend")

    def action_cycle_sort(self) -> None:
        from index.analytics.kwic import sort_lines

        if self.tab != "kwic":
            return
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.lines = sort_lines(self.lines, self.sort)  # type: ignore[arg-type]
        self._fill_kwic()

    def action_step_year(self, step: int) -> None:
        if self.tab != "new" or self.novelty is None:
            return
        from index.analytics.corpus import national_reports

        years = [r.year for r in national_reports(self.library, self.novelty.lang) if r.year]
        if self.year in years:
            i = years.index(self.year) + step
            if 1 <= i < len(years):  # the first year has nothing earlier to compare with
                self.year = years[i]
                self._loaded.pop("new", None)
                self.load("new")

    def action_export(self, fmt: str) -> None:
        from index.analytics import export

        tab = self.tab
        rows: Any = None
        data: Any = None
        if tab == "trend" and self.trend:
            rows, data = export.trend_rows(self.trend), self.trend.to_json()
        elif tab == "kwic" and self.lines:
            rows, data = export.kwic_rows(self.lines), export.kwic_json(self.query_text, self.lines)
        elif tab == "collocates" and self.collocates:
            rows, data = export.collocate_rows(self.collocates), \
                export.collocates_json(self.query_text, "ll", self.collocates)
        elif tab == "new" and self.novelty:
            rows, data = export.novelty_rows(self.novelty), self.novelty.to_json()
        elif tab == "targets" and self.targets:
            rows, data = export.targets_rows(self.targets), export.targets_json(self.targets)
        if rows is None:
            self.notify("Nothing to export yet.", severity="warning")
            return
        slug = re.sub(r"[^\w\u4e00-\u9fff]+", "-", self.query_text if tab in ("trend", "kwic", "collocates")
                      else str(self.year or "")).strip("-")[:40]
        name = f"reportx-{tab}{'-' + slug if slug else ''}.{fmt}"
        folder = self.export_dir or paths.export_dir()
        try:
            path = export.write_export(folder / name, export.csv_text(rows) if fmt == "csv" else export.json_text(data))
        except OSError as e:
            self.notify(f"Could not write {folder / name}: {e.strerror or e}", severity="error")
            return
        self.notify(f"Exported to {path}")

    # -- loading -------------------------------------------------------------

    @on(Input.Submitted, "#analysis-query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        self.query_text = event.value.strip()
        self.edit = False
        self._loaded.clear()
        self.load(self.tab)
        self._focus_table(self.tab)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # the footer shows the keys of this tab
        self.status(self._statuses.get(self.tab, Text()))
        self.load(self.tab)

    def load(self, tab: str) -> None:
        needs_query = tab in ("trend", "kwic", "collocates")
        key = self.query_text if needs_query else str(self.year)
        if self._loaded.get(tab) == key:
            return
        if self.edit and needs_query:
            self.status("A sentence is selected: cut it down to the term to follow, then Enter.", tab)
            return
        if needs_query and not self.query_text:
            self.status("Type a term or query above (/), then Enter.", tab)
            return
        self.status(f"computing {tab}…", tab)
        self.compute(tab, self.query_text, self.year, self.by_kind)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def compute(self, tab: str, query: str, year: int | None, by_kind: bool = False) -> None:
        from index.analytics.hits import AnalyticsError

        try:
            with self.index_lock:
                data = _compute(self.library, tab, query, year, by_kind)
        except AnalyticsError as e:
            self.post_message(ViewLoaded(tab, query, None, str(e)))
            return
        self.post_message(ViewLoaded(tab, query, data))

    @on(ViewLoaded)
    def _loaded_view(self, message: ViewLoaded) -> None:
        if message.error:
            self.status(Text(message.error, style="red"), message.tab)
            return
        self._loaded[message.tab] = message.query if message.tab in ("trend", "kwic", "collocates") \
            else str(self.year)
        getattr(self, f"_show_{message.tab}")(message.data)

    # -- trend -----------------------------------------------------------------

    def _show_trend(self, trend: Trend) -> None:
        from index.analytics.trend import scope_label

        self.trend = trend
        table = self.query_one("#trend-table", DataTable)
        top = max((r.rate for r in trend.rows), default=0.0)
        kind = ["kind"] if trend.by_kind else []
        fill_table(table, ["series", "year", "lang", *kind, "count", "¶", "per 10k", ""],
                   [[Text(head_cells(r.series, 12)), str(r.year), r.lang, *([r.kind] if trend.by_kind else []),
                     str(r.count), str(r.paragraphs), f"{r.rate:.2f}", bar(r.rate, top, 16)] for r in trend.rows])
        first = trend.series[0].label if trend.series else ""
        self.query_one("#trend-spark", Sparkline).data = _spark_line(trend.rows_of(first)) or [0.0]
        total = sum(r.count for r in trend.rows)
        years = sorted({r.year for r in trend.rows if r.count})
        span = "" if not years else f" ({years[0]})" if years[0] == years[-1] else f" ({years[0]}–{years[-1]})"
        other = "k: national only" if trend.by_kind else "k: split by kind"
        unit = " · per 10k characters (zh) / words (en)" if self.has_class("wide") else ""
        self.status(f"{total} matches of {self.query_text}{span} · {scope_label(trend.scope, trend.by_kind, short=True)}"
                    f" · {other}{unit}", "trend")
        # Start on the latest year with matches: its hits are listed at once.
        latest = max((i for i, r in enumerate(trend.rows) if r.count), default=0)
        table.move_cursor(row=latest)
        self._list_year_hits(latest)

    @on(DataTable.RowHighlighted, "#trend-table")
    def _trend_row(self, event: DataTable.RowHighlighted) -> None:
        self._list_year_hits(event.cursor_row)

    def _list_year_hits(self, row: int) -> None:
        hits_table = self.query_one("#trend-hits", DataTable)
        self.trend_hits = []
        cells: list[list[str | Text]] = []
        if self.trend is not None and 0 <= row < len(self.trend.rows):
            for hit in self.trend.hits_of(self.trend.rows[row]):
                snippet = Text(hit.snippet.replace("\n", " "))
                for start, end in hit.highlights:
                    snippet.stylize("bold black on yellow", start, end)
                cells.append([Text(short_title(hit.title, hit.year)), str(hit.paragraph), snippet])
                self.trend_hits.append((hit.report, hit.paragraph))
        fill_table(hits_table, ["report", "¶", "snippet"], cells, most=400)

    @on(DataTable.RowSelected, "#trend-hits")
    def _open_trend_hit(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.trend_hits):
            self.dismiss(self.trend_hits[event.cursor_row])

    @on(DataTable.RowSelected, "#trend-table")
    def _focus_year_hits(self, event: DataTable.RowSelected) -> None:
        self.query_one("#trend-hits", DataTable).focus()

    # -- concordance -------------------------------------------------------------

    def _show_kwic(self, lines: list[KwicLine]) -> None:
        from index.analytics.kwic import sort_lines

        self.lines = sort_lines(lines, self.sort)  # type: ignore[arg-type]
        self._fill_kwic()

    def _fill_kwic(self) -> None:
        table = self.query_one("#kwic-table", DataTable)
        # The context takes what the place columns leave, split evenly around the match.
        hit_cells = max((len(x.hit) * 2 for x in self.lines[:50]), default=6)
        side = max(8, (self.app.size.width - 24 - hit_cells) // 2)
        fill_table(table, ["year", "report", "¶", Text("left", justify="right"), "hit", "right"],
                   [[str(x.year or ""), Text(short_title(x.title, x.year, 10)), str(x.paragraph),
                     Text(tail_cells(x.left, side), justify="right"), Text(x.hit, style="bold black on yellow"),
                     Text(head_cells(x.right, side))] for x in self.lines[:KWIC_ROWS]], most=max(side, 40))
        shown = f" (first {KWIC_ROWS} shown; export has all)" if len(self.lines) > KWIC_ROWS else ""
        self.status(f"{len(self.lines)} matches of {self.query_text}{shown} · sorted by {self.sort} (s)"
                    " · Enter opens the place", "kwic")

    @on(DataTable.RowSelected, "#kwic-table")
    def _open_kwic_line(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.lines):
            line = self.lines[event.cursor_row]
            self.dismiss((line.report, line.paragraph))

    # -- collocates ----------------------------------------------------------------

    def _show_collocates(self, found: list[Collocate]) -> None:
        self.collocates = found
        top = max((c.score for c in found), default=0.0)
        fill_table(self.query_one("#collocates-table", DataTable), ["word", "left", "right", "corpus", "G²", ""],
                   [[Text(c.word), str(c.left), str(c.right), str(c.corpus), f"{c.score:.1f}", bar(c.score, top, 12)]
                    for c in found])
        self.status(f"{len(found)} collocates of {self.query_text} (±5 words, at least 3 times, log-likelihood)", "collocates")

    # -- new expressions -------------------------------------------------------------

    def _show_new(self, novelty: Novelty) -> None:
        self.novelty = novelty
        self.year = novelty.year
        for table_id, items, title in (("#new-table", novelty.new, f"new in {novelty.year}"),
                                       ("#gone-table", novelty.gone, "gone")):
            fill_table(self.query_one(table_id, DataTable), [title, "×", "clause"],
                       [[Text(e.text, style="bold"), str(e.count), Text(e.example)] for e in items], most=200)
        earlier = novelty.compared
        against = str(earlier[0].year) if len(earlier) == 1 else f"{earlier[0].year}–{earlier[-1].year}"
        self.status(f"{novelty.year} national report ({novelty.lang}) against {against} · [ ] other years", "new")

    # -- targets ----------------------------------------------------------------------

    def _show_targets(self, rows: list[YearTargets]) -> None:
        from explorer.target_text import target_cell
        from index.analytics.targets import INDICATORS

        self.targets = rows
        table = self.query_one("#targets-table", DataTable)
        fill_table(table, ["year", "lang", *[i.short for i in INDICATORS]],
                   [[str(r.year), r.lang, *[target_cell(r.targets[i.id], compact=False) for i in INDICATORS]]
                    for r in reversed(rows)])  # newest first
        table.move_cursor(row=0, column=2)  # the newest GDP target, its clause shown below
        self.status(f"{len(rows)} national reports · — not stated · move to a value for its clause", "targets")

    @on(DataTable.CellHighlighted, "#targets-table")
    def _target_clause(self, event: DataTable.CellHighlighted) -> None:
        from index.analytics.targets import INDICATORS

        row, column = event.coordinate.row, event.coordinate.column
        rows = list(reversed(self.targets))
        clause = self.query_one("#targets-clause", Static)
        if not 0 <= row < len(rows) or column < 2:
            clause.update("")
            return
        target = rows[row].targets[INDICATORS[column - 2].id]
        head = Text(f"{rows[row].year} {INDICATORS[column - 2].label}: ", style="bold")
        clause.update(head + (Text(target.clause) if target.clause else Text("not stated", style="dim")))


def term_of(selected: str) -> tuple[str, bool]:
    """The query for text selected in the reader, and whether it is too long
    to be one term (then the user cuts it down first). Words with spaces
    between them are one phrase."""
    term = " ".join(selected.split()).strip(_EDGES).replace('"', " ").strip()
    if " " in term:
        term = f'"{term}"'
    return term, len(_UNITS.findall(term)) > TERM_MAX


def _spark_line(rows: list[TrendRow]) -> list[float]:
    """The rates of one line: one language, the national reports when split by kind."""
    if not rows:
        return []
    lang = next((r.lang for r in rows if r.count), rows[0].lang)
    kinds = {r.kind for r in rows}
    kind = "national" if "national" in kinds else rows[0].kind
    return [r.rate for r in rows if r.lang == lang and r.kind == kind]


def _compute(library: Library, tab: str, query: str, year: int | None, by_kind: bool = False) -> Any:
    if tab == "trend":
        from index.analytics.trend import series_for, trend

        terms = [t for t in re.split(r"[;；]", query) if t.strip()]
        return trend(library, series_for(library, terms), by_kind=by_kind)
    if tab == "kwic":
        from index.analytics.kwic import concordance

        return concordance(library, query)
    if tab == "collocates":
        from index.analytics.collocates import collocates

        return collocates(library, query)
    if tab == "new":
        from index.analytics.corpus import national_reports
        from index.analytics.hits import AnalyticsError
        from index.analytics.novelty import new_expressions

        years = [r.year for r in national_reports(library, "zh") if r.year]
        lang = "zh"
        if len(years) < 2:
            years, lang = [r.year for r in national_reports(library, "en") if r.year], "en"
        if len(years) < 2:
            raise AnalyticsError("new expressions need national reports of at least two years")
        return new_expressions(library, year if year in years else years[-1], lang=lang)
    from index.analytics.targets import targets_table

    return targets_table(library)
