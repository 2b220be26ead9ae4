"""The UI's Library: one Whoosh searcher, used by one thread at a time, and what the screen asks of it.

Every method blocks (it reads the index); call them from thread workers. The
lock keeps the searcher to one thread; the background indexer has its own
Library on the same index folder.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.data import ReportSpans

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from explorer.services.notes import NotesSession
    from index.digest import Digest
    from index.library import Library, ReportRecord, UpdateSummary
    from index.notes.model import Annotation
    from index.search import SearchRequest, SearchResult
    from index.stored import StoredParagraph
    from index.themes import ReportTheme


class LibraryUnavailable(Exception):
    """The index cannot be opened (one line for the user)."""


class IndexDamagedError(Exception):
    """A search found the index damaged; `damage` says how (one line for the user)."""

    def __init__(self, damage: str) -> None:
        super().__init__(damage)
        self.damage = damage


class LibraryService:
    def __init__(self, index_dir: Path | None, themes: list[ReportTheme]) -> None:
        self.index_dir = index_dir
        self.themes = themes
        self.library: Library | None = None
        """None until `open` succeeds."""
        self.lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self.library is not None

    # -- opening -------------------------------------------------------------

    def open(self) -> list[str]:
        """Open the index; its notices come back."""
        from index.library import Library, LibraryError

        try:
            library = Library(self.index_dir, self.themes)
        except LibraryError as e:
            raise LibraryUnavailable(str(e)) from e
        except Exception as e:  # a damaged folder we cannot even create an index in
            raise LibraryUnavailable(f"Cannot open the index: {e}") from e
        with self.lock:
            self.library = library
        return list(library.notices)

    def warm_up(self) -> None:
        """Pay off the UI thread, once, what the first search would otherwise pay for."""
        from index.query import parse_query

        with self.lock:
            if self.themes:
                self._paragraphs_per_theme()  # the per-theme paragraph sets
            parse_query("发展")  # the Chinese word segmenter (loaded on first use)
        # What is alive now (modules, the app, the index's caches) lives as long as the
        # app: keep it out of the collector's full passes, which otherwise walk it all
        # and stop the screen for 20-100 ms at random keystrokes.
        gc.collect()
        gc.freeze()

    def roots(self) -> list[Path]:
        return self.library.roots() if self.library else []

    def needs_rebuild(self) -> bool:
        return self.library.needs_rebuild() if self.library else False

    def reports(self) -> list[ReportRecord]:
        with self.lock:
            return self.library.reports() if self.library else []

    # -- reading -------------------------------------------------------------

    def load_report(self, report_id: str, request: SearchRequest | None, known: ReportSpans | None
                    ) -> tuple[ReportRecord, list[StoredParagraph], ReportSpans | None] | None:
        """A report, its paragraphs, and its highlighted spans for `request` unless `known` has them."""
        from index.stored import StoredParagraph

        with self.lock:
            record = self.library.report(report_id) if self.library else None
            if record is None or self.library is None:
                return None
            paragraphs = [StoredParagraph.from_fields(p) for p in self.library.paragraphs(report_id)]
            spans = None
            if request is not None and not (known is not None and known.is_for(request, report_id)):
                spans = self._report_spans(request, report_id)
        return record, paragraphs, spans

    def report_spans(self, request: SearchRequest, report_id: str) -> ReportSpans | None:
        with self.lock:
            return self._report_spans(request, report_id) if self.library else None

    # -- searching -----------------------------------------------------------

    def search(self, request: SearchRequest, cancelled: Callable[[], bool], *, query: str = "",
               notes: NotesSession | None = None, annotated_only: bool = False, results_shown: int = 0,
               ) -> tuple[SearchResult, dict[str, int], list[Annotation] | None] | None:
        """Results, theme counts and matching notes for a search; None when cancelled.

        A newer keystroke cancels a search still waiting for the lock or under way,
        so typing fast never queues stale searches. Raises IndexDamagedError when
        the index turns out to be damaged.
        """
        from index.search import SearchCancelled, search

        if cancelled() or self.library is None:
            return None
        with self.lock:
            if cancelled():
                return None
            try:
                result = search(self.library, request, cancelled=cancelled)
            except SearchCancelled:
                return None
            except Exception as e:
                damage = self.library.damaged(e)
                if damage is None:
                    raise
                raise IndexDamagedError(damage) from e
            counts = result.theme_counts
            if not request.query.strip() and self.themes:
                counts = self._paragraphs_per_theme()
            found: list[Annotation] | None = None
            if notes is not None and (query.strip() or annotated_only):
                found = notes.search(query)
                if annotated_only and not result.error:
                    result = self._annotated_only(result, notes.annotated_paragraphs(), results_shown)
        return result, counts, found

    def _report_spans(self, request: SearchRequest, report_id: str) -> ReportSpans:
        """Highlighted spans of one report's hits (under the lock): every hit there, however many."""
        from index.search import search

        assert self.library is not None
        result = search(self.library, replace(request, reports=(report_id,), limit=0))
        return ReportSpans(request, report_id, {h.paragraph: h.spans for h in result.hits if h.spans and not h.heading})

    def _paragraphs_per_theme(self) -> dict[str, int]:
        """Paragraphs of each theme (under the lock). Theme counts do not depend on the
        filter; mode "all" keeps the paragraphs it lists (and orders) to the few with every theme."""
        from index.search import SearchRequest, search

        assert self.library is not None
        request = SearchRequest("", themes=tuple(t.id for t in self.themes), theme_mode="all", limit=1)
        return search(self.library, request).theme_counts

    def _annotated_only(self, result: SearchResult, marked: set[tuple[str, int]], shown: int) -> SearchResult:
        """`result` cut to annotated paragraphs (under the lock)."""
        locations = [loc for loc in result.locations if loc in marked]
        hits = [h for h in result.hits if (h.report, h.paragraph) in marked]
        if len(hits) < min(len(locations), shown):  # top hits were not annotated: list them all
            from index.search import search

            assert self.library is not None
            everything = search(self.library, replace(result.request, limit=0))
            hits = [h for h in everything.hits if (h.report, h.paragraph) in marked][:shown]
        return replace(result, hits=hits, total=len(locations), locations=locations)

    def digest(self, request: SearchRequest, notes: list[Annotation]) -> Digest | None:
        """Every paragraph `request` finds, with `notes` beside them (None before the index is open)."""
        from index.digest import build_digest

        with self.lock:
            return build_digest(self.library, request, notes) if self.library else None

    # -- indexing ------------------------------------------------------------

    def index(self, paths: list[Path], progress: Callable[[int, int, str], None]) -> UpdateSummary:
        """Index `paths` with a Library of its own (the UI's stays free for searches)."""
        from index.library import Library
        from index.processes import start_worker_server

        start_worker_server()  # big updates use worker processes
        library = Library(self.index_dir, self.themes)
        try:
            return library.update(paths, progress=progress)
        finally:
            library.close()
