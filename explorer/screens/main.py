"""The explorer screen: section tree, reader, search and theme filter, with their workers.

All Whoosh access happens in thread workers, under one lock, so the UI's
Library searcher is never used by two threads at once; the background indexer
has its own Library on the same index folder.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from explorer.messages import (
    OpenHit,
    OpenLocation,
    QuerySubmitted,
    ReaderMoved,
    ReportLoaded,
    SearchFinished,
    SpansLoaded,
    ThemeFilterChanged,
)
from explorer.notes_query import strip_note_filters
from explorer.screens.library_workers import LibraryWorkers
from explorer.screens.notes_actions import NotesActions
from explorer.state import AppState, save_state
from explorer.widgets import search_pane
from explorer.widgets.annotations_panel import AnnotationsPanel
from explorer.widgets.reader import Reader
from explorer.widgets.search_pane import ResultsList, SearchBox, SearchPane
from explorer.widgets.section_tree import SectionTree
from explorer.widgets.status_bar import StatusBar
from explorer.widgets.theme_panel import ThemePanel

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from index.library import Library, ReportRecord
    from index.search import SearchRequest, SearchResult
    from index.themes import ReportTheme

SEARCH_DEBOUNCE = 0.0
"""Seconds to wait after a keystroke before searching. A search now takes a few
ms (top hits only), and a newer keystroke cancels a search still waiting for the
lock, so typing fast never queues stale searches: no wait is needed."""
TREE_MARKS_DELAY = 0.1
"""Seconds without a new result before the section tree's hit counts are redrawn."""
NARROW_WIDTH = 140  # below this the side pane comes on demand (/, t, r), so the reader keeps its width


class MainScreen(LibraryWorkers, NotesActions, Screen):
    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("n", "next_hit", "Next hit"),
        Binding("N", "previous_hit", "Prev hit"),
        Binding("t", "toggle_themes", "Themes"),
        Binding("b", "toggle_tree", "Tree"),
        Binding("r", "toggle_results", "Results"),
        Binding("A", "toggle_annotations", "Notes"),
        Binding("ctrl+n", "toggle_annotated_only", "Annotated only"),
        Binding("o", "focus_reader", "Reader", show=False),
        Binding("escape", "focus_reader", "Back to reader", show=False),
    ]

    def __init__(self, *, index_dir: Path | None, themes: list[ReportTheme], paths: list[Path],
                 samples: Path | None, state: AppState, notes_dir: Path | None = None) -> None:
        super().__init__()
        self.index_dir, self.themes, self.paths, self.samples = index_dir, themes, paths, samples
        self.notes_dir = notes_dir
        self.state = state
        self.library: Library | None = None
        self.lock = threading.Lock()
        self.reports: list[ReportRecord] = []
        self.query_text = ""
        self.theme_filter: tuple[str, ...] = ()
        self.theme_mode = "any"
        self.result: SearchResult | None = None
        self.hits_by_report: dict[str, list[int]] = {}
        """Paragraph numbers (sorted) of every match, by report: n/N, tree marks, theme dimming."""
        self.spans: tuple[SearchRequest, str, dict[int, list[tuple[int, int]]]] | None = None
        """The highlighted spans of the open report only: (request, report id, spans by paragraph)."""
        self._submit_pending = False
        self._spans_pending: tuple[SearchRequest, str] | None = None
        self.indexing = False
        self._last_tree_refresh = 0.0
        self._restored = False

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield SectionTree(id="tree")
            yield Reader(self.themes, id="reader")
            with Vertical(id="sidebar"):
                yield SearchPane(self.state.recent_queries, id="search")
                yield ThemePanel(self.themes, id="themes")
                yield AnnotationsPanel(id="annotations")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ThemePanel).display = False
        self.query_one(AnnotationsPanel).display = False
        if self.narrow:  # reading comes first on a small terminal: / and t bring the side pane
            self.query_one("#sidebar").display = False
        self.query_one(Reader).focus()
        # After the first frame: the worker's imports (whoosh, jieba) would hold the
        # GIL while the screen is being drawn.
        self.call_after_refresh(self.open_library)

    @property
    def narrow(self) -> bool:
        return self.app.size.width < NARROW_WIDTH

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    # -- reports -----------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def open_report(self, report_id: str, paragraph: int | None) -> None:
        request = self._highlight_request()
        with self.lock:
            record = self.library.report(report_id) if self.library else None
            paragraphs = self.library.paragraphs(report_id) if record else []
            spans = None
            if record and request and not (self.spans and self.spans[:2] == (request, report_id)):
                spans = self._report_spans(request, report_id)
        if record is None:
            self.app.call_from_thread(self.notify, "That report is no longer in the library.", severity="warning")
            return
        self.post_message(ReportLoaded(record, paragraphs, paragraph, spans))

    def on_report_loaded(self, message: ReportLoaded) -> None:
        if message.spans is not None:
            self.spans = message.spans
        reader = self.reader
        if reader.report and reader.report.id == message.report.id and reader.paragraphs:
            if message.paragraph is not None:
                reader.go_to(message.paragraph)
            return
        reader.show_report(message.report, message.paragraphs, message.paragraph)
        self._mark_reader()
        if self.notes is not None:
            self.notes.opened = None
            self.show_notes()
            self.load_notes(message.report.id, message.report.path)
        self.query_one(SectionTree).reveal(message.report.id, message.paragraph)

    @on(OpenLocation)
    def _open_location(self, message: OpenLocation) -> None:
        self.open_report(message.report, message.paragraph)
        self.reader.focus()

    @on(OpenHit)
    def _open_hit(self, message: OpenHit) -> None:
        self.open_report(message.hit.report, message.hit.paragraph)
        if self.narrow and not self.query_one(ThemePanel).display:
            self.query_one("#sidebar").display = False  # n/N go on; / brings the results back
        self.reader.focus()

    def on_reader_moved(self, message: ReaderMoved) -> None:
        title = self.reader.report.title if self.reader.report else ""
        section = " › ".join(s for s in message.section if s != "Preamble")
        self.status.location = f"{title} › {section} ¶{message.paragraph}" if section else f"{title} ¶{message.paragraph}"
        self.state.report, self.state.paragraph = message.report, message.paragraph
        self._save_state_soon()

    def _save_state_soon(self) -> None:
        timer = getattr(self, "_state_timer", None)
        if timer is not None:
            timer.stop()
        self._state_timer = self.set_timer(0.5, self.save_state)

    def save_state(self) -> None:
        try:
            save_state(self.state)
        except OSError as e:
            self.notify(f"Could not save the reading position: {e}", severity="warning")

    # -- search ------------------------------------------------------------

    @on(Input.Changed, "#search-box")
    def _query_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if is_single_cjk(strip_note_filters(event.value)):
            # one character expands to hundreds of terms (~1 s on a full library): wait for the next
            self.workers.cancel_group(self, "search")
            self.query_one(SearchPane).show_hint("Type another character, or Enter to search")
            self.app.results_query = event.value  # bench hook: the hint is what this query shows
            return
        self.run_search(debounce=True)

    @on(QuerySubmitted)
    def _query_submitted(self, message: QuerySubmitted) -> None:
        self.state.remember_query(message.query)
        self._save_state_soon()
        if is_single_cjk(strip_note_filters(message.query)) and (
                self.result is None or self.result.request.query != strip_note_filters(message.query)):
            self._submit_pending = True  # Enter searches it; the results get the focus when shown
            self.run_search()
            return
        results = self.query_one(ResultsList)
        if results.hits:
            results.focus()

    @on(ThemeFilterChanged)
    def _themes_changed(self, message: ThemeFilterChanged) -> None:
        self.theme_filter, self.theme_mode = message.themes, message.mode
        self.run_search()

    def run_search(self, debounce: bool = False) -> None:
        from index.search import SearchRequest  # loaded by the library worker by now

        request = SearchRequest(strip_note_filters(self.query_text), themes=self.theme_filter,
                                theme_mode=self.theme_mode,  # type: ignore[arg-type]
                                limit=search_pane.RESULTS_SHOWN, locations=True)
        self._search_request = request
        open_report = self.reader.report.id if self.reader.report else None
        self._search(request, debounce, self.query_text, self.annotated_only, open_report)

    def _highlight_request(self) -> SearchRequest | None:
        """The latest search request when it has words to highlight (else None)."""
        request = getattr(self, "_search_request", None)
        return request if request is not None and request.query.strip() else None

    def _report_spans(self, request: SearchRequest, report_id: str):
        """Highlighted spans of one report's hits (under the lock): every hit there, however many."""
        from index.search import search

        result = search(self.library, replace(request, reports=(report_id,), limit=0))
        return request, report_id, {h.paragraph: h.spans for h in result.hits if h.spans}

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, request: SearchRequest, debounce: bool, query: str = "", annotated_only: bool = False,
                open_report: str | None = None) -> None:
        from index.search import search

        worker = get_current_worker()
        if debounce and SEARCH_DEBOUNCE:
            time.sleep(SEARCH_DEBOUNCE)
        if worker.is_cancelled or self.library is None:
            return
        with self.lock:
            if worker.is_cancelled:
                return
            result = search(self.library, request)
            counts = result.theme_counts
            if not request.query.strip() and self.themes:
                counts = self._paragraphs_per_theme()
            notes = None
            if self.notes is not None and (query.strip() or annotated_only):
                notes = self.notes.search(query)
                if annotated_only and not result.error:
                    result = self._annotated_only(result, self.notes.annotated_paragraphs())
        if worker.is_cancelled:
            return
        spans_follow = bool(open_report and request.query.strip() and _has_report(result.locations, open_report))
        self.post_message(SearchFinished(result, counts, notes, query, spans_follow=spans_follow))
        if spans_follow:  # the results first, then the open report's highlights
            with self.lock:
                spans = self._report_spans(request, open_report)
            self.post_message(SpansLoaded(spans))

    def _paragraphs_per_theme(self) -> dict[str, int]:
        """Paragraphs of each theme (under the lock). Theme counts do not depend on the
        filter; mode "all" keeps the paragraphs it lists (and orders) to the few with every theme."""
        from index.search import SearchRequest, search

        request = SearchRequest("", themes=tuple(t.id for t in self.themes), theme_mode="all", limit=1)
        return search(self.library, request).theme_counts

    def _annotated_only(self, result: SearchResult, marked: set[tuple[str, int]]) -> SearchResult:
        """`result` cut to annotated paragraphs (under the lock)."""
        locations = [loc for loc in result.locations if loc in marked]
        hits = [h for h in result.hits if (h.report, h.paragraph) in marked]
        if len(hits) < min(len(locations), search_pane.RESULTS_SHOWN):  # top hits were not annotated: list them all
            from index.search import search

            everything = search(self.library, replace(result.request, limit=0))
            hits = [h for h in everything.hits if (h.report, h.paragraph) in marked][:search_pane.RESULTS_SHOWN]
        return replace(result, hits=hits, total=len(locations), locations=locations)

    def on_search_finished(self, message: SearchFinished) -> None:
        result = message.result
        self.result = result
        self._spans_pending = (result.request, self.reader.report.id) if message.spans_follow and self.reader.report else None
        searching = not result.error and bool(result.request.query.strip() or result.request.themes)
        self.hits_by_report = {
            report: [p for _, p in group] for report, group in groupby(result.locations, key=lambda loc: loc[0])
        } if searching else {}
        filters = self.query_one(ThemePanel).describe()
        self.query_one(SearchPane).show_result(result, "annotated only" if self.annotated_only else "")
        self.query_one(SearchPane).show_notes(message.notes)
        self.query_one(ThemePanel).set_counts(message.theme_counts)
        self._mark_tree_soon()
        self.status.results = f"{result.total:,} hits" if searching else ""
        self.status.filters = f"{filters} ({self.theme_mode})" if filters else ""
        self._mark_reader()
        self.call_after_refresh(setattr, self.app, "results_query", message.query)  # bench hook (bench/apps.py)
        if self._submit_pending:
            self._submit_pending = False
            results = self.query_one(ResultsList)
            if results.hits and self.focused is self.query_one(SearchBox):
                results.focus()

    def on_spans_loaded(self, message: SpansLoaded) -> None:
        self.spans = message.spans
        self._mark_reader(fetch=False)

    def _mark_tree_soon(self) -> None:
        """The tree's hit counts follow once typing pauses: the results come first."""
        timer = getattr(self, "_tree_timer", None)
        if timer is not None:
            timer.stop()
        self._tree_timer = self.set_timer(TREE_MARKS_DELAY, self._mark_tree)

    def _mark_tree(self) -> None:
        self._tree_timer = None
        self.query_one(SectionTree).set_hits(self._tree_hits(), bool(self.theme_filter))

    def _tree_hits(self) -> dict[str, list[int]] | None:
        if self.result is None or self.result.error:
            return None
        if not (self.result.request.query.strip() or self.result.request.themes):
            return None
        return self.hits_by_report

    def _mark_reader(self, fetch: bool = True) -> None:
        reader = self.reader
        if reader.report is None:
            return
        rid = reader.report.id
        spans: dict[int, list[tuple[int, int]]] = {}
        result = self.result
        if result is not None and not result.error and result.request.query.strip() and rid in self.hits_by_report:
            if self.spans is not None and self.spans[:2] == (result.request, rid):
                spans = self.spans[2]
            elif self._spans_pending == (result.request, rid):
                return  # on their way (SpansLoaded)
            elif fetch:  # the report opened, or the search ran, while the other was under way
                self._load_spans(result.request, rid)
        allowed = set(self.hits_by_report.get(rid, ())) if self.theme_filter and result and not result.error else None
        reader.set_marks(spans, allowed)

    @work(thread=True, exclusive=True, group="spans", exit_on_error=False)
    def _load_spans(self, request: SearchRequest, report_id: str) -> None:
        if self.library is None:
            return
        with self.lock:
            spans = self._report_spans(request, report_id)
        if not get_current_worker().is_cancelled:
            self.post_message(SpansLoaded(spans))

    # -- actions -----------------------------------------------------------

    def _report_order(self) -> list[str]:
        """Reports with hits, in the tree's (reading) order; any the tree lacks yet come last."""
        hits = self.hits_by_report
        ordered = [r.id for r in self.reports if r.id in hits]
        if len(ordered) < len(hits):
            known = set(ordered)
            ordered += sorted(r for r in hits if r not in known)
        return ordered

    @property
    def ordered_locations(self) -> list[tuple[str, int]]:
        """Every hit (report id, paragraph) in library reading order: what n/N walk through."""
        return [(r, p) for r in self._report_order() for p in self.hits_by_report[r]]

    def _jump_hit(self, step: int) -> None:
        reports = self._report_order()
        if not reports:
            self.notify("No search hits. Press / to search.", timeout=3)
            return
        counts = [len(self.hits_by_report[r]) for r in reports]
        total = sum(counts)
        current = self.reader.current
        rid = self.reader.report.id if self.reader.report else None
        if rid is not None and current:
            # position of the reader among the hits: hits before it in earlier reports, then in its own
            position = {r: i for i, r in enumerate(reports)}.get(rid)
            if position is None:  # a report without hits: where it sits in the tree
                tree_order = {r.id: i for i, r in enumerate(self.reports)}
                mine = tree_order.get(rid, -1)
                before = sum(c for r, c in zip(reports, counts) if tree_order.get(r, len(tree_order)) < mine)
                index = before if step > 0 else before - 1
            else:
                before = sum(counts[:position])
                numbers = self.hits_by_report[rid]
                paragraph = current["paragraph"]
                index = before + (bisect_right(numbers, paragraph) if step > 0 else bisect_left(numbers, paragraph) - 1)
        else:
            index = 0 if step > 0 else total - 1
        index %= total  # wrap around at the ends of the library
        for r, c in zip(reports, counts):
            if index < c:
                report, paragraph = r, self.hits_by_report[r][index]
                break
            index -= c
        self.status.results = f"hit {sum(counts[:reports.index(report)]) + index + 1:,}/{total:,}"
        self.open_report(report, paragraph)

    def action_next_hit(self) -> None:
        self._jump_hit(1)

    def action_previous_hit(self) -> None:
        self._jump_hit(-1)

    def action_focus_search(self) -> None:
        self.query_one("#sidebar").display = True
        self.query_one(SearchBox).focus()

    def action_focus_reader(self) -> None:
        self.reader.focus()

    def action_toggle_themes(self) -> None:
        panel = self.query_one(ThemePanel)
        panel.display = not panel.display
        if panel.display:
            self.query_one("#sidebar").display = True
            panel.focus()
        elif self.focused is None or self.focused is panel:
            self.reader.focus()

    def action_toggle_tree(self) -> None:
        tree = self.query_one(SectionTree)
        tree.display = not tree.display
        if tree.display:
            tree.focus()
        elif self.focused is None:
            self.reader.focus()

    def action_toggle_results(self) -> None:
        sidebar = self.query_one("#sidebar")
        sidebar.display = not sidebar.display
        if not sidebar.display:
            self.reader.focus()

    # -- for the command palette ---------------------------------------------

    def toggle_theme(self, theme_id: str) -> None:
        self.query_one(ThemePanel).toggle(theme_id)

    def search_for(self, query: str) -> None:
        box = self.query_one(SearchBox)
        box.value = query
        self.action_focus_search()

    def sections_of_open_report(self) -> list[tuple[str, int]]:
        """(title path, first paragraph) of every section of the open report."""
        report = self.reader.report
        found: list[tuple[str, int]] = []

        def walk(outline: list[dict], path: list[str]) -> None:
            for s in outline:
                here = path + [s["title"]]
                if s.get("first") is not None:
                    found.append((" › ".join(here), s["first"]))
                walk(s.get("children") or [], here)

        if report:
            walk(report.outline, [])
        return found

    def status_text(self) -> Text:
        return self.status.render()


def is_single_cjk(query: str) -> bool:
    """One Chinese character (and nothing else): a search too broad to run on every keystroke."""
    text = query.strip()
    return len(text) == 1 and ("\u3400" <= text <= "\u9fff" or "\uf900" <= text <= "\ufaff"
                               or "\U00020000" <= text <= "\U0003134f")


def _has_report(locations: list[tuple[str, int]], report_id: str) -> bool:
    """Whether `locations` (sorted) hold a paragraph of `report_id`."""
    i = bisect_left(locations, (report_id, -1))
    return i < len(locations) and locations[i][0] == report_id
