"""The explorer screen's library workers: open the index, index paths, list reports.

A mixin of `MainScreen` (which owns `library`, `lock`, `reports`, `status`...);
kept apart so the screen module stays readable.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from explorer.messages import IndexFinished, IndexProgress, LibraryOpened, ReportsLoaded
from explorer.widgets.section_tree import SectionTree

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from index.library import ReportRecord

TREE_REFRESH_SECONDS = 1.0


class LibraryWorkers:
    # -- library and indexing ---------------------------------------------

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_library(self) -> None:
        from index.library import Library, LibraryError
        from index.query import parse_query

        try:
            library = Library(self.index_dir, self.themes)
        except LibraryError as e:
            self.post_message(LibraryOpened([], str(e)))
            return
        except Exception as e:  # a damaged folder we cannot even create an index in
            self.post_message(LibraryOpened([], f"Cannot open the index: {e}"))
            return
        with self.lock:
            self.library = library
        self.post_message(LibraryOpened(list(library.notices)))
        with self.lock:  # warm up off the UI thread what the first search would otherwise pay for
            if self.themes:
                self._paragraphs_per_theme()  # the per-theme paragraph sets
            parse_query("发展")  # the Chinese word segmenter (loaded on first use)
        # What is alive now (modules, the app, the index's caches) lives as long as the
        # app: keep it out of the collector's full passes, which otherwise walk it all
        # and stop the screen for 20-100 ms at random keystrokes.
        gc.collect()
        gc.freeze()

    def on_library_opened(self, message: LibraryOpened) -> None:
        for notice in message.notices:
            self.notify(notice, title="Index", severity="warning", timeout=10)
        if message.error or self.library is None:
            self.notify(message.error or "No index", title="Index unavailable", severity="error", timeout=15)
            self.status.location = "The index could not be opened"
            return
        self.start_notes()
        targets: list[Path] = list(self.paths)
        if not targets and self.library.needs_rebuild():
            targets = self.library.roots()
        self.load_reports(first=True, index_after=targets)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def index_paths(self, paths: list[Path]) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, path: str) -> None:
            if not worker.is_cancelled:
                self.post_message(IndexProgress(done, total, path))

        from index.library import Library, LibraryError
        from index.processes import start_worker_server

        library = None
        try:
            start_worker_server()  # big updates use worker processes
            library = Library(self.index_dir, self.themes)
            summary = library.update(paths, progress=progress)
        except LibraryError as e:
            self.post_message(IndexFinished(None, str(e)))
        except Exception as e:  # never let indexing take the app down
            self.post_message(IndexFinished(None, f"Indexing failed: {type(e).__name__}: {e}"))
        else:
            self.post_message(IndexFinished(summary))
        finally:
            if library is not None:
                library.close()

    def repair_index(self, damage: str) -> None:
        """The index was found damaged while searching: rebuild it from the library folders."""
        self.notify(f"The index is damaged ({damage}); rebuilding it", title="Index", severity="warning", timeout=10)
        if not self.indexing and self.library is not None:
            self.start_indexing(self.library.roots())

    def start_indexing(self, paths: list[Path]) -> None:
        self.indexing = True
        self.status.progress = "indexing…"
        self.index_paths(paths)

    def on_index_progress(self, message: IndexProgress) -> None:
        self.status.progress = f"indexing {message.done}/{message.total} {Path(message.path).name}"
        if time.monotonic() - self._last_tree_refresh > TREE_REFRESH_SECONDS:
            self.load_reports()

    def on_index_finished(self, message: IndexFinished) -> None:
        self.indexing = False
        self.status.progress = ""
        if message.error:
            self.notify(message.error, title="Indexing", severity="error", timeout=15)
        summary = message.summary
        if summary:
            if summary.skipped:
                from index.formats.discover import skipped_notice  # not on the start path: it loads yaml

                self.notify(skipped_notice(summary.skipped), title="Skipped", severity="warning", timeout=15,
                            markup=False)
            if summary.indexed:
                self.notify(f"{summary.indexed} report(s) indexed, {summary.paragraphs} paragraphs "
                            f"in {summary.seconds:.1f} s", title="Library")
        self.load_reports(rerun_search=True)

    @work(thread=True, exclusive=True, group="reports", exit_on_error=False)
    def load_reports(self, first: bool = False, index_after: list[Path] | None = None,
                     rerun_search: bool = False) -> None:
        with self.lock:
            reports = self.library.reports() if self.library else []
        self.app.call_from_thread(self._reports_ready, reports, first, index_after, rerun_search)

    def _reports_ready(self, reports: list[ReportRecord], first: bool, index_after: list[Path] | None,
                       rerun_search: bool) -> None:
        self._last_tree_refresh = time.monotonic()
        self.post_message(ReportsLoaded(reports))
        if first:
            targets = index_after or []
            if not targets and not reports and self.library and not self.library.roots() and self.samples:
                targets = [self.samples]
            if targets:
                self.start_indexing(targets)
            elif not reports:
                self.notify("No reports in the library. Run `reportx PATH` with report files or folders.",
                            title="Empty library", severity="warning", timeout=15)
            self.run_search()
        elif rerun_search:
            self.run_search()
            if not reports:
                self.notify("No reports found: nothing readable in the given paths.",
                            title="Empty library", severity="warning", timeout=15)

    def on_reports_loaded(self, message: ReportsLoaded) -> None:
        grew = len(message.reports) != len(self.reports)
        self.reports = message.reports
        if grew and self.indexing and (self.query_text.strip() or self.theme_filter):
            self.run_search()  # newly committed reports join the results
        tree = self.query_one(SectionTree)
        current = self.reader.report.id if self.reader.report else None
        tree.set_reports(self.reports, current or self.state.report)
        if self.result is not None:
            tree.set_hits(self._tree_hits(), bool(self.theme_filter))
        if not self._restored and self.reports:
            self._restored = True
            known = {r.id for r in self.reports}
            if self.state.report in known:
                self.open_report(self.state.report, self.state.paragraph)
            else:
                self.open_report(self.reports[0].id, None)
