"""Messages the app's widgets and workers post upwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.message import Message

from explorer.data import NoteAction, OpenedNotes, ReportSpans

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from index.library import ReportRecord, UpdateSummary
    from index.notes.model import Annotation
    from index.search import Hit as SearchHit
    from index.search import SearchResult
    from index.stored import StoredParagraph


@dataclass
class LibraryOpened(Message):
    """The UI's Library is open (or could not be opened: `error`)."""

    notices: list[str]
    error: str | None = None


@dataclass
class ReportsLoaded(Message):
    reports: list[ReportRecord]
    first: bool = False
    """The first list after the library opened: restore the last report, index what is new."""
    index_after: list[Path] = field(default_factory=list)
    """Paths to index once the list is shown (on the first list)."""
    rerun_search: bool = False
    """Indexing finished: search again, the library changed."""


@dataclass
class IndexProgress(Message):
    """One file handled by the background indexer; newer ticks replace older ones."""

    done: int
    total: int
    path: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexFinished(Message):
    summary: UpdateSummary | None
    error: str | None = None


@dataclass
class IndexDamaged(Message):
    """A search found the index damaged (`damage` says how): the screen rebuilds it."""

    damage: str


@dataclass
class SearchFinished(Message):
    result: SearchResult
    theme_counts: dict[str, int]
    """Hits per theme for the query, or paragraphs per theme with no query."""
    notes: list[Annotation] | None = None
    """Annotations matching the query (None when not searching notes)."""
    query: str = ""
    """The search box text the search was for."""
    spans_follow: bool = False
    """The open report's highlighted spans follow in a SpansLoaded message."""


@dataclass
class ResultsShown(Message):
    """The results list shows what the search box text `query` finds (posted after the refresh)."""

    query: str


@dataclass
class SpansLoaded(Message):
    """The highlighted spans of one report."""

    spans: ReportSpans


@dataclass
class ReportLoaded(Message):
    report: ReportRecord
    paragraphs: list[StoredParagraph]
    paragraph: int | None
    """Paragraph number to show, or None for the top."""
    spans: ReportSpans | None = None
    """The report's highlighted spans when a search was active."""


@dataclass
class Notice(Message):
    """Something a worker wants the user to see."""

    message: str
    title: str = ""
    severity: Literal["information", "warning", "error"] = "information"
    timeout: float | None = None


@dataclass
class OpenLocation(Message):
    """Open a report (at a paragraph number, or the top)."""

    report: str
    paragraph: int | None = None


@dataclass
class OpenHit(Message):
    hit: SearchHit


@dataclass
class ThemeFilterChanged(Message):
    themes: tuple[str, ...]
    mode: Literal["any", "all"] = "any"


@dataclass
class QuerySubmitted(Message):
    query: str


@dataclass
class ReaderMoved(Message):
    """The reader's cursor moved to a paragraph (number) in a section (path)."""

    report: str
    paragraph: int
    section: tuple[str, ...] = ()


@dataclass
class AnnotateRequested(Message):
    """The reader asks for an annotation on report text `start:end` (a bookmark when kind says so)."""

    report: str
    start: int
    end: int
    kind: Literal["highlight", "bookmark"]
    paragraph: int


@dataclass
class AnnotationAction(Message):
    """The annotation lists ask for `action` on an annotation (none for UNDO)."""

    action: NoteAction
    annotation: Annotation | None = None


@dataclass
class NotesReload(Message):
    """The notes on disk changed (an import): load the open report's again."""


@dataclass
class NotesLoaded(Message):
    """The open report's notes, anchored in its current text."""

    opened: OpenedNotes
