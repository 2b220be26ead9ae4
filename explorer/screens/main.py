"""The explorer screen: section tree, reader, search and theme filter.

The screen owns a `LibraryService` (the index, used by one thread at a time)
and a `ScreenNotes` (the notes of the open report). Blocking work runs in
thread workers that post messages; the message handlers here own and change
the screen's state.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Callable
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from explorer.data import ReportSpans, Span, outline_sections
from explorer.hits import step_walk, walk_order
from explorer.layout import side_pane_on_demand
from explorer.messages import (
    AnnotateRequested,
    AnnotationAction,
    IndexDamaged,
    IndexFinished,
    IndexProgress,
    LibraryOpened,
    NotesLoaded,
    NotesReload,
    Notice,
    OpenHit,
    OpenLocation,
    QuerySubmitted,
    ReaderMoved,
    ReportLoaded,
    ReportsLoaded,
    ResultsShown,
    SearchFinished,
    SpansLoaded,
    ThemeFilterChanged,
)
from explorer.screens.notes import ScreenNotes
from explorer.services.library import LibraryService, LibraryUnavailable
from explorer.state import AppState, save_state
from explorer.widgets import search_pane
from explorer.widgets.annotations_panel import AnnotationsPanel
from explorer.widgets.reader import Reader
from explorer.widgets.search_pane import ResultsList, SearchBox, SearchPane
from explorer.widgets.section_tree import SectionTree
from explorer.widgets.status_bar import StatusBar
from explorer.widgets.theme_panel import ThemePanel
from index.notes.filter import strip_note_filters
from index.textnorm import is_cjk

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from index.library import ReportRecord
    from index.search import SearchRequest, SearchResult
    from index.themes import ReportTheme

TYPING_PAUSE = 0.1
"""Seconds without a new result before the results past the first screenful are listed
and the section tree's hit counts and the status bar's count are redrawn: between
keystrokes only the side pane's first results are drawn."""
TREE_REFRESH_SECONDS = 1.0
"""While indexing, how often the tree takes in the reports committed so far."""


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#reader"
    BINDINGS = [
        # They act on the reader from every pane, so no pane may bind v, a or m for itself.
        Binding("v", "select", "Select"),
        Binding("a", "annotate", "Annotate"),
        Binding("m", "bookmark", "Bookmark"),
        Binding("slash", "focus_search", "Search"),
        Binding("n", "next_hit", "Next hit"),
        Binding("N", "previous_hit", "Prev hit"),
        Binding("t", "toggle_themes", "Themes"),
        Binding("b", "toggle_tree", "Tree"),
        Binding("r", "toggle_results", "Results"),
        Binding("A", "toggle_annotations", "Notes"),
        Binding("ctrl+n", "toggle_annotated_only", "Annotated only"),
        Binding("c", "compare", "Compare", show=False),
        Binding("D", "export_digest", "Export digest", show=False),
        # Of the reader's selection when there is one, else of the query. Not in the footer: full at 120 columns.
        Binding("y", "analysis('trend')", "Analysis (trend)", show=False),
        Binding("Y", "analysis('kwic')", "Concordance", show=False),
        Binding("o", "focus_reader", "Reader", show=False),
        Binding("escape", "focus_reader", "Back to reader", show=False),
    ]

    def __init__(self, *, index_dir: Path | None, themes: list[ReportTheme], paths: list[Path],
                 samples: Path | None, state: AppState, notes_dir: Path | None = None) -> None:
        super().__init__()
        self.themes, self.paths, self.samples = themes, paths, samples
        self.state = state
        self.library = LibraryService(index_dir, themes)
        self.notes = ScreenNotes(self, notes_dir)
        self.reports: list[ReportRecord] = []
        self.query_text = ""
        self.theme_filter: tuple[str, ...] = ()
        self.theme_mode: Literal["any", "all"] = "any"
        self.result: SearchResult | None = None
        self.hits_by_report: dict[str, list[int]] = {}
        """Paragraph numbers (sorted) of every match, by report: n/N, tree marks, theme dimming."""
        self.spans: ReportSpans | None = None
        """The highlighted spans of the open report only."""
        self._walk: list[tuple[str, int]] | None = None
        """n/N's order of the current result's hits (built on the first n)."""
        self._walked: tuple[str, int] | None = None
        """The hit n/N (or the results list) last went to; None since a new search: n starts at the top."""
        self._walk_search: tuple[str, bool, SearchRequest] | None = None
        self.indexing = False
        self._search_request: SearchRequest | None = None
        self._submit_pending = False
        self._spans_pending: tuple[SearchRequest, str] | None = None
        self._last_tree_refresh = 0.0
        self._restored = False
        self._user_has_acted = False
        self._opened_by_default: str | None = None
        """The report the screen opened by itself (nothing remembered); until the user searches,
        filters, opens, moves or selects anything, a newer report committed by the indexer takes its place."""
        self._state_timer: Timer | None = None
        self._pause_timer: Timer | None = None

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield SectionTree(id="tree")
            yield Reader(self.themes, id="reader")
            with Vertical(id="sidebar") as sidebar:
                # Reading comes first on a small terminal: / and t bring the side pane.
                sidebar.display = not self.narrow
                yield SearchPane(self.state.recent_queries, id="search")
                yield ThemePanel(self.themes, id="themes")
                yield AnnotationsPanel(id="annotations")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        # After the first frame: the worker's imports (whoosh, jieba) would hold the
        # GIL while the screen is being drawn.
        self.call_after_refresh(self.open_library)

    @property
    def narrow(self) -> bool:
        return side_pane_on_demand(self.app.size.width)

    @property
    def tree_marks_pending(self) -> bool:
        """The section tree's hit counts are waiting for typing to pause."""
        return self._pause_timer is not None

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_notice(self, message: Notice) -> None:
        self.notify(message.message, title=message.title, severity=message.severity, timeout=message.timeout)

    # -- notes (ScreenNotes does the work) -------------------------------------

    def on_notes_loaded(self, message: NotesLoaded) -> None:
        self.notes.loaded(message.opened)

    def on_notes_reload(self, message: NotesReload) -> None:
        self.notes.reload()

    def on_annotate_requested(self, message: AnnotateRequested) -> None:
        self.notes.annotate(message)

    def on_annotation_action(self, message: AnnotationAction) -> None:
        self.notes.act(message)

    # -- library and indexing ------------------------------------------------

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_library(self) -> None:
        try:
            notices = self.library.open()
        except LibraryUnavailable as e:
            self.post_message(LibraryOpened([], str(e)))
            return
        self.post_message(LibraryOpened(notices))
        self.library.warm_up()

    def on_library_opened(self, message: LibraryOpened) -> None:
        for notice in message.notices:
            self.notify(notice, title="Index", severity="warning", timeout=10)
        if message.error or not self.library.is_open:
            self.notify(message.error or "No index", title="Index unavailable", severity="error", timeout=15)
            self.status.location = "The index could not be opened"
            return
        self.notes.start([*self.paths, *self.library.roots()])
        targets: list[Path] = list(self.paths)
        if not targets and self.library.needs_rebuild():
            targets = self.library.roots()
        self.load_reports(first=True, index_after=targets)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def index_paths(self, paths: list[Path]) -> None:
        from index.library import LibraryError

        worker = get_current_worker()

        def progress(done: int, total: int, path: str) -> None:
            if not worker.is_cancelled:
                self.post_message(IndexProgress(done, total, path))

        try:
            summary = self.library.index(paths, progress)
        except LibraryError as e:
            self.post_message(IndexFinished(None, str(e)))
        except Exception as e:  # never let indexing take the app down
            self.post_message(IndexFinished(None, f"Indexing failed: {type(e).__name__}: {e}"))
        else:
            self.post_message(IndexFinished(summary))

    def start_indexing(self, paths: list[Path]) -> None:
        self.indexing = True
        self.status.progress = "indexing…"
        self.index_paths(paths)

    def on_index_damaged(self, message: IndexDamaged) -> None:
        """The index was found damaged while searching: rebuild it from the library folders."""
        self.notify(f"The index is damaged ({message.damage}); rebuilding it", title="Index", severity="warning",
                    timeout=10)
        if not self.indexing and self.library.is_open:
            self.start_indexing(self.library.roots())

    def on_index_progress(self, message: IndexProgress) -> None:
        self.status.progress = f"indexing {message.done}/{message.total}"
        self.status.progress_item = Path(message.path).name
        if time.monotonic() - self._last_tree_refresh > TREE_REFRESH_SECONDS:
            self.load_reports()

    def on_index_finished(self, message: IndexFinished) -> None:
        self.indexing = False
        self.status.progress = self.status.progress_item = ""
        if message.error:
            self.notify(message.error, title="Indexing", severity="error", timeout=15)
        summary = message.summary
        if summary:
            if summary.skipped:
                from index.formats.discover import skipped_notice  # not on the start path: it loads yaml

                self.notify(skipped_notice(summary.skipped), title="Skipped", severity="warning", timeout=15)
            if summary.indexed:
                self.notify(f"{summary.indexed} report(s) indexed, {summary.paragraphs} paragraphs "
                            f"in {summary.seconds:.1f} s", title="Library")
        self.load_reports(rerun_search=True)

    @work(thread=True, exclusive=True, group="reports", exit_on_error=False)
    def load_reports(self, first: bool = False, index_after: list[Path] | None = None,
                     rerun_search: bool = False) -> None:
        self.post_message(ReportsLoaded(self.library.reports(), first, index_after or [], rerun_search))

    def on_reports_loaded(self, message: ReportsLoaded) -> None:
        self._last_tree_refresh = time.monotonic()
        reports = message.reports
        grew = len(reports) != len(self.reports)
        self.reports = reports
        self._walk = None  # n/N's order follows the tree's
        if grew and self.indexing and (self.query_text.strip() or self.theme_filter):
            self.run_search()  # newly committed reports join the results
        tree = self.query_one(SectionTree)
        current = self.reader.report.id if self.reader.report else None
        tree.set_reports(self.reports, current or self.state.report)
        if self.result is not None:
            tree.set_hits(self._tree_hits(), bool(self.theme_filter))
        if message.first:
            targets = message.index_after
            if not targets and not reports and not self.library.roots() and self.samples:
                targets = [self.samples]
            if targets:
                self.start_indexing(targets)
            elif not reports:
                self.notify("No reports in the library. Run `reportx PATH` with report files or folders.",
                            title="Empty library", severity="warning", timeout=15)
            self.run_search()
        elif message.rerun_search:
            self.run_search()
            if not reports:
                self.notify("No reports found: nothing readable in the given paths.",
                            title="Empty library", severity="warning", timeout=15)
        if not self._restored and self.reports:
            self._restored = True
            known = {r.id for r in self.reports}
            if self.state.report in known:
                self.open_report(self.state.report, self.state.paragraph)
            else:
                self._open_by_default(self.reports[0].id)
        elif self._opened_by_default is not None and self.reports and self.reports[0].id != self._opened_by_default:
            reader = self.reader
            if reader.report is not None and reader.report.id == self._opened_by_default and reader.cursor == 0 \
                    and reader.selection is None:
                self._open_by_default(self.reports[0].id)  # the newest, now that it is searchable

    def _open_by_default(self, report_id: str) -> None:
        """Show a report the user did not ask for; replaceable only until the user acts
        (they may have searched before the indexer committed the first report)."""
        self._load_report(report_id, None, self._highlight_request(), self.spans)
        self._opened_by_default = None if self._user_has_acted else report_id

    # -- reports -----------------------------------------------------------

    def _user_acted(self) -> None:
        """The user searched, filtered, opened or selected something: what the reader shows is
        theirs now, and the indexer's newer reports no longer replace it."""
        self._user_has_acted = True
        self._opened_by_default = None

    def open_report(self, report_id: str, paragraph: int | None) -> None:
        """Show a report (at paragraph number `paragraph`, or the top)."""
        self._user_acted()
        self._load_report(report_id, paragraph, self._highlight_request(), self.spans)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_report(self, report_id: str, paragraph: int | None, request: SearchRequest | None,
                     known: ReportSpans | None) -> None:
        loaded = self.library.load_report(report_id, request, known)
        if loaded is None:
            self.post_message(Notice("That report is no longer in the library.", severity="warning"))
            return
        record, paragraphs, spans = loaded
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
        self.notes.report_opened(message.report.id, message.report.path)
        self.query_one(SectionTree).reveal(message.report.id, message.paragraph)

    @on(OpenLocation)
    def _open_location(self, message: OpenLocation) -> None:
        self.open_report(message.report, message.paragraph)
        self.reader.focus()

    @on(OpenHit)
    def _open_hit(self, message: OpenHit) -> None:
        self._walked = (message.hit.report, message.hit.paragraph)  # n goes on from the hit opened
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
        if self._state_timer is not None:
            self._state_timer.stop()
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
        self._user_acted()
        if is_single_cjk(strip_note_filters(event.value)):
            # one character expands to hundreds of terms (~1 s on a full library): wait for the next
            self.workers.cancel_group(self, "search")
            self.query_one(SearchPane).show_hint("Type another character, or Enter to search")
            self.post_message(ResultsShown(event.value))
            return
        self.run_search()

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
        self._user_acted()
        self.run_search()

    def run_search(self) -> None:
        from index.search import SearchRequest  # loaded by the library worker by now

        request = SearchRequest(strip_note_filters(self.query_text), themes=self.theme_filter,
                                theme_mode=self.theme_mode, limit=search_pane.RESULTS_SHOWN, locations=True)
        self._search_request = request
        open_report = self.reader.report.id if self.reader.report else None
        self._search(request, self.query_text, self.notes.annotated_only, open_report)

    def _highlight_request(self) -> SearchRequest | None:
        """The latest search request when it has words to highlight (else None)."""
        request = self._search_request
        return request if request is not None and request.query.strip() else None

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, request: SearchRequest, query: str, annotated_only: bool, open_report: str | None) -> None:
        from explorer.services.library import IndexDamagedError

        worker = get_current_worker()
        try:
            found = self.library.search(request, lambda: worker.is_cancelled, query=query, notes=self.notes.session,
                                        annotated_only=annotated_only, results_shown=search_pane.RESULTS_SHOWN)
        except IndexDamagedError as e:
            self.post_message(IndexDamaged(e.damage))
            return
        if found is None or worker.is_cancelled:
            return
        result, counts, notes = found
        spans_follow = bool(open_report and request.query.strip() and _has_report(result.locations, open_report))
        self.post_message(SearchFinished(result, counts, notes, query, spans_follow=spans_follow))
        if spans_follow and open_report is not None:  # the results first, then the open report's highlights
            spans = self.library.report_spans(request, open_report)
            if spans is not None:
                self.post_message(SpansLoaded(spans))

    def on_search_finished(self, message: SearchFinished) -> None:
        result = message.result
        self.result = result
        search = (message.query, self.notes.annotated_only, result.request)
        if search != self._walk_search:  # a new search, not the same one over more reports
            self._walk_search, self._walked = search, None
        self._walk = None
        report = self.reader.report
        self._spans_pending = (result.request, report.id) if message.spans_follow and report else None
        searching = self._searched() is not None
        self.hits_by_report = {
            report: [p for _, p in group] for report, group in groupby(result.locations, key=lambda loc: loc[0])
        } if searching else {}
        self.query_one(SearchPane).show_result(result, "annotated only" if self.notes.annotated_only else "")
        self.query_one(SearchPane).show_notes(message.notes)
        self.query_one(ThemePanel).set_counts(message.theme_counts)
        self._when_typing_pauses()
        self._mark_reader()
        self.call_after_refresh(self.post_message, ResultsShown(message.query))
        if self._submit_pending:
            self._submit_pending = False
            results = self.query_one(ResultsList)
            if results.hits and self.focused is self.query_one(SearchBox):
                results.focus()

    def on_spans_loaded(self, message: SpansLoaded) -> None:
        self.spans = message.spans
        self._mark_reader(fetch=False)

    def _when_typing_pauses(self) -> None:
        """The results beyond the first screenful, the tree's hit counts and the status bar
        follow once typing pauses: the first results come first, and a redraw of the tree
        or the status line would have the whole screen drawn on every keystroke."""
        if self._pause_timer is not None:
            self._pause_timer.stop()
        self._pause_timer = self.set_timer(TYPING_PAUSE, self._typing_paused)

    def _typing_paused(self) -> None:
        self._pause_timer = None
        self.query_one(ResultsList).list_rest()
        self.query_one(SectionTree).set_hits(self._tree_hits(), bool(self.theme_filter))
        result = self._searched()
        self.status.results = results_label(result.total, len(self.reports), self.indexing) if result else ""
        filters = self.query_one(ThemePanel).describe()
        self.status.filters = f"{filters} ({self.theme_mode})" if filters else ""

    def _searched(self) -> SearchResult | None:
        """The current result when it is a search's (words or themes) without error."""
        result = self.result
        if result is None or result.error or not (result.request.query.strip() or result.request.themes):
            return None
        return result

    def _tree_hits(self) -> dict[str, list[int]] | None:
        return self.hits_by_report if self._searched() else None

    def _mark_reader(self, fetch: bool = True) -> None:
        reader = self.reader
        if reader.report is None:
            return
        rid = reader.report.id
        spans: dict[int, list[Span]] = {}
        result = self.result
        if result is not None and not result.error and result.request.query.strip() and rid in self.hits_by_report:
            if self.spans is not None and self.spans.is_for(result.request, rid):
                spans = self.spans.by_paragraph
            elif self._spans_pending == (result.request, rid):
                return  # on their way (SpansLoaded)
            elif fetch:  # the report opened, or the search ran, while the other was under way
                self._load_spans(result.request, rid)
        allowed = set(self.hits_by_report.get(rid, ())) if self.theme_filter and result and not result.error else None
        reader.set_marks(spans, allowed)

    @work(thread=True, exclusive=True, group="spans", exit_on_error=False)
    def _load_spans(self, request: SearchRequest, report_id: str) -> None:
        spans = self.library.report_spans(request, report_id)
        if spans is not None and not get_current_worker().is_cancelled:
            self.post_message(SpansLoaded(spans))

    # -- hits ----------------------------------------------------------------

    @property
    def ordered_locations(self) -> list[tuple[str, int]]:
        """Every hit (report id, paragraph) as n/N walk them: the results list's order, then
        the hits it does not show in library reading order."""
        if self._walk is None:
            result = self.result
            listed = [(h.report, h.paragraph) for h in result.hits[:search_pane.RESULTS_SHOWN]] if result else []
            self._walk = walk_order(listed, self.hits_by_report, [r.id for r in self.reports])
        return self._walk

    def _jump_hit(self, step: int) -> None:
        """From a new search, n goes to the top of the results; then on from the hit the
        reader is at, or else from the last one it went to."""
        order = self.ordered_locations
        anchor = None
        if self._walked is not None:
            reader = self.reader
            here = (reader.report.id, reader.current.number) if reader.report and reader.current else None
            anchor = here if here is not None and _is_hit(self.hits_by_report, here) else self._walked
        found = step_walk(order, anchor, step)
        if found is None:
            self.notify("No search hits. Press / to search.", timeout=3)
            return
        self._walked = (found.report, found.paragraph)
        self.status.results = f"¶ {found.ordinal:,}/{found.total:,} with hits"
        self.open_report(found.report, found.paragraph)

    # -- actions -----------------------------------------------------------

    def action_next_hit(self) -> None:
        self._jump_hit(1)

    def action_previous_hit(self) -> None:
        self._jump_hit(-1)

    def action_select(self) -> None:
        """A sentence in the reader; l/h and j/k there extend it."""
        self.reader.focus()
        self.reader.select()
        self._user_acted()

    def action_annotate(self) -> None:
        self._user_acted()
        self.reader.annotate()

    def action_bookmark(self) -> None:
        self._user_acted()
        self.reader.bookmark()

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

    def action_toggle_annotations(self) -> None:
        self.notes.show_panel(orphans=False)

    def action_show_orphans(self) -> None:
        self.notes.show_panel(orphans=True)

    def action_toggle_annotated_only(self) -> None:
        self.notes.annotated_only = not self.notes.annotated_only
        self._user_acted()
        self.notify("Search: annotated paragraphs only" if self.notes.annotated_only else "Search: all paragraphs",
                    timeout=3)
        self.run_search()

    def action_export_notes(self) -> None:
        self.notes.export({r.id: r.path for r in self.reports})

    def action_import_notes(self) -> None:
        self.notes.ask_import({r.id: r.path for r in self.reports})

    def action_compare(self) -> None:
        from explorer.screens.compare_actions import with_previous

        self._open_comparison(partial(with_previous, self.reader.report, self.reports))

    def compare_with(self, report_id: str) -> None:
        from explorer.screens.compare_actions import with_report

        self._open_comparison(partial(with_report, self.reader.report, self.reports, report_id))

    def _open_comparison(self, comparison: Callable[[], Screen[None]]) -> None:
        from explorer.screens.compare_actions import ComparisonRefused

        try:
            self.app.push_screen(comparison())
        except ComparisonRefused as e:
            self.notify(e.message, title=e.title, severity="warning")

    def action_export_digest(self) -> None:
        """`D`: the paragraphs the current search finds, all of them, as a digest file."""
        from explorer.screens.digest_export import DigestExportScreen, suggested_path, write_digest

        result = self.result
        if result is None or result.error or not (result.request.query.strip() or result.request.themes) \
                or not result.total:
            self.notify("Search first (/ or a theme filter): the digest holds what the search finds.",
                        severity="warning")
            return
        request = result.request
        report_paths = {r.id: r.path for r in self.reports}

        def write(answer: tuple[Path, bool] | None) -> None:
            if answer is not None:
                path, with_notes = answer
                self.run_worker(lambda: self.post_message(write_digest(self.library, self.notes.session, report_paths,
                                                                       request, path, with_notes)),
                                thread=True, group="digest", exit_on_error=False)

        self.app.push_screen(DigestExportScreen(suggested_path(request), result.total), write)

    def action_analysis(self, tab: str = "trend") -> None:
        """Trend, concordance, collocates, new expressions and targets of the current
        query, or of text selected in the reader."""
        from explorer.screens.analysis import AnalysisScreen, term_of

        library = self.library.library
        if library is None:
            self.notify("The library is still opening.", severity="warning")
            return
        selection = self.reader.selected_text()
        if selection:
            query, edit = term_of(selection)
        else:
            query, edit = strip_note_filters(self.query_text) if self.query_text else "", False

        def opened(place: tuple[str, int] | None) -> None:
            if place:
                self.open_report(*place)

        self.app.push_screen(AnalysisScreen(library, self.library.lock, query, tab, edit=edit), opened)

    # -- for the command palette ---------------------------------------------

    def toggle_theme(self, theme_id: str) -> None:
        self.query_one(ThemePanel).toggle(theme_id)

    def search_for(self, query: str) -> None:
        box = self.query_one(SearchBox)
        box.value = query
        self.action_focus_search()

    def sections_of_open_report(self) -> list[tuple[str, int]]:
        """(title path, first paragraph) of every section of the open report."""
        return outline_sections(self.reader.report.outline) if self.reader.report else []

    def status_text(self) -> Text:
        return self.status.render()


def results_label(hits: int, reports: int, indexing: bool) -> str:
    """The status bar's count of hits; while indexing, how much of the library they cover
    (the progress beside it says how much is left)."""
    label = f"{hits:,} hits"
    if indexing:
        label += f" in the {reports:,} report{'' if reports == 1 else 's'} searchable so far"
    return label


def is_single_cjk(query: str) -> bool:
    """One Chinese character (and nothing else): a search too broad to run on every keystroke."""
    return is_cjk(query.strip())


def _has_report(locations: list[tuple[str, int]], report_id: str) -> bool:
    """Whether `locations` (sorted) hold a paragraph of `report_id`."""
    i = bisect_left(locations, (report_id, -1))
    return i < len(locations) and locations[i][0] == report_id


def _is_hit(hits: dict[str, list[int]], place: tuple[str, int]) -> bool:
    """Whether `place` (report id, paragraph) is one of `hits` (paragraph numbers sorted by report)."""
    numbers = hits.get(place[0], [])
    i = bisect_left(numbers, place[1])
    return i < len(numbers) and numbers[i] == place[1]
