"""Messages the app's widgets and workers post upwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # whoosh stays out of the app's start
    from index.library import ReportRecord, UpdateSummary
    from index.search import Hit as SearchHit
    from index.search import SearchResult


@dataclass
class LibraryOpened(Message):
    """The UI's Library is open (or could not be opened: `error`)."""

    notices: list[str]
    error: str | None = None


@dataclass
class ReportsLoaded(Message):
    reports: list[ReportRecord]


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
class SearchFinished(Message):
    result: SearchResult
    theme_counts: dict[str, int]
    """Hits per theme for the query, or paragraphs per theme with no query."""
    notes: list | None = None
    """Annotations matching the query (None when not searching notes)."""
    query: str = ""
    """The search box text the search was for."""
    spans_follow: bool = False
    """The open report's highlighted spans follow in a SpansLoaded message."""


@dataclass
class SpansLoaded(Message):
    """The highlighted spans of one report: (request, report id, {paragraph: spans})."""

    spans: tuple


@dataclass
class ReportLoaded(Message):
    report: ReportRecord
    paragraphs: list[dict]
    paragraph: int | None
    """Paragraph number to show, or None for the top."""
    spans: tuple | None = None
    """(request, report id, {paragraph: spans}) when a search was active."""


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
    mode: str = "any"


@dataclass
class QuerySubmitted(Message):
    query: str


@dataclass
class ReaderMoved(Message):
    """The reader's cursor moved to a paragraph (number) in a section (path)."""

    report: str
    paragraph: int
    section: list[str] = field(default_factory=list)


@dataclass
class AnnotateRequested(Message):
    """The reader asks for an annotation on report text `start:end` (a bookmark when kind says so)."""

    report: str
    start: int
    end: int
    kind: str
    paragraph: int


@dataclass
class AnnotationAction(Message):
    """The annotations panel asks for `action` ("jump", "edit", "delete", "undo") on an annotation."""

    action: str
    annotation: object | None = None


@dataclass
class NotesLoaded(Message):
    """The open report's notes, anchored in its current text (an `OpenedNotes`)."""

    opened: object
