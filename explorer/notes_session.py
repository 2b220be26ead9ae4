"""The app's side of the notes: the store, the open report's anchored notes, search.

No Textual here: the screen calls these methods (reading files in its workers)
and shows the results. Writes go through `NotesStore` (atomic, locked, never
over a file it could not read).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.notes_query import NotesQuery
from index.notes.model import Annotation
from index.notes.store import NotesError, NotesStore
from index.reader import ReadError, read_report

if TYPE_CHECKING:
    from index.model import Report


@dataclass
class OpenedNotes:
    """The notes of one report as anchored in its current text."""

    report_id: str
    report: Report | None
    anchored: list[Annotation]
    orphans: list[Annotation]
    read_only: str = ""
    """Why notes for this report cannot be changed ("" when they can)."""


class NotesSession:
    def __init__(self, notes_dir: Path):
        self.store = NotesStore(notes_dir)
        self.opened: OpenedNotes | None = None

    @property
    def notes_dir(self) -> Path:
        return self.store.notes_dir

    # -- loading (call from a worker thread) --------------------------------

    def open(self, report_id: str, path: str) -> OpenedNotes:
        """Read the report file and anchor its notes; problems make it read-only."""
        read_only = ""
        try:
            report: Report | None = read_report(Path(path))
        except (ReadError, OSError) as e:
            report = None
            read_only = f"the report file cannot be read ({e}); its notes are read-only"
        if report is not None and report.meta.id != report_id:
            report, read_only = None, f"{path} now holds another report; its notes are read-only"
        if report is not None:
            anchored, orphans = self.store.anchor_all(report)
        else:
            anchored, orphans = [], self.store.load(report_id)
        error = next((e for e in self.store.errors if e.path == self.store.path_for(report_id)), None)
        if error is not None:
            read_only = f"{error} -- notes for this report are read-only until the file is fixed"
        return OpenedNotes(report_id, report, anchored, orphans, read_only)

    # -- changes (quick writes of one small file) ----------------------------

    def _writable(self) -> OpenedNotes:
        opened = self.opened
        if opened is None or opened.report is None:
            raise NotesError(opened.read_only if opened and opened.read_only else "No report is open")
        if opened.read_only:
            raise NotesError(opened.read_only)
        return opened

    def add(self, start: int, end: int, kind: str, note: str = "", tags: list[str] | None = None,
            colour: str = "yellow") -> Annotation:
        opened = self._writable()
        ann = Annotation.from_selection(opened.report, start, end, kind, note, tags or [], colour)
        stored = self.store.add(ann)
        self.reload()
        return stored

    def update(self, ann: Annotation, note: str, tags: list[str], colour: str) -> Annotation:
        self._writable()
        ann.note, ann.tags, ann.colour = note, tags, colour
        if ann.kind != "bookmark":
            ann.kind = "note" if note.strip() else "highlight"
        stored = self.store.update(ann)
        self.reload()
        return stored

    def delete(self, ann: Annotation) -> Annotation:
        self._writable()
        removed = self.store.delete(ann.id, ann.report.id)
        self.reload()
        return removed

    def undo_delete(self) -> Annotation | None:
        self._writable()
        ann = self.store.undo_delete()
        self.reload()
        return ann

    def reload(self) -> None:
        opened = self.opened
        if opened is not None and opened.report is not None:
            opened.anchored, opened.orphans = self.store.anchor_all(opened.report)

    # -- across the library --------------------------------------------------

    def search(self, query: str) -> list[Annotation]:
        """Notes of the whole library whose note, tags or quote contain the query."""
        parsed = NotesQuery.parse(query)
        found = [a for a in self.store.all() if parsed.matches(a)]
        return sorted(found, key=lambda a: (-(a.report.year or 0), a.report.id, a.start))

    def annotated_paragraphs(self) -> set[tuple[str, int]]:
        """(report id, paragraph number) of every note (as last saved)."""
        return {(a.report.id, a.paragraph) for a in self.store.all() if a.paragraph is not None}
