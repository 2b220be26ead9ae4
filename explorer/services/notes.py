"""The app's side of the notes: the store, the open report's anchored notes, search.

No Textual here: the screen calls these methods (reading files in its workers)
and shows the results. Writes go through `NotesStore` (atomic, locked, never
over a file it could not read).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.data import NoteMark, OpenedNotes
from index.notes.current import ReportCache
from index.notes.export import ImportResult
from index.notes.filter import NoteFilter
from index.notes.model import Annotation
from index.notes.store import NotesError, NotesStore
from index.notes.transfer import export_notes, import_notes
from index.offsets import index_at
from index.paths import data_dir, export_dir
from index.reader import ReadError, read_report

if TYPE_CHECKING:
    from index.model import Report
    from index.stored import StoredParagraph


class NotesSession:
    """The notes folder in use and the notes of the report open in the reader."""

    def __init__(self, notes_dir: Path) -> None:
        self.store = NotesStore(notes_dir)
        self.opened: OpenedNotes | None = None
        """The open report's notes; None while they load or when no report is open."""

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
        report = self._writable().report
        assert report is not None  # _writable says why there is none
        ann = Annotation.from_selection(report, start, end, kind, note, tags or [], colour)
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

    def search(self, query: str) -> list[Annotation] | None:
        """Notes of the whole library whose note, tags or quote contain the query; None
        when there are no notes at all (the search pane then has no Notes section)."""
        everything = list(self.store.all())
        if not everything:
            return None
        found = NoteFilter.parse(query).apply(everything)
        return sorted(found, key=lambda a: (-(a.report.year or 0), a.report.id, a.start))

    def annotated_paragraphs(self) -> set[tuple[str, int]]:
        """(report id, paragraph number) of every note (as last saved)."""
        return {(a.report.id, a.paragraph) for a in self.store.all() if a.paragraph is not None}

    # -- export and import (call from a worker thread) -----------------------

    def export_markdown(self, paths: dict[str, str]) -> tuple[Path, int]:
        """Every note as Markdown, in a new file in the exports folder (else the data folder)."""
        text, count = export_notes(self.store, ReportCache(paths), "md", title="reportx notes")
        name = f"reportx-notes-{datetime.now():%Y%m%d-%H%M%S}.md"
        for folder in (export_dir(), data_dir()):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(text, encoding="utf-8")
            except OSError:
                continue
            return folder / name, count
        raise NotesError("No writable folder for the export.")

    def import_file(self, path: Path, paths: dict[str, str]) -> ImportResult:
        """Merge a W3C JSON export (raises index.notes.transfer.TransferError)."""
        return import_notes(path, self.store, ReportCache(paths))


def note_marks(anns: Sequence[Annotation], paragraphs: Sequence[StoredParagraph]) -> dict[int, list[NoteMark]]:
    """Annotations (offsets in the report text) cut into per-paragraph ranges, by paragraph number."""
    starts = [p.start for p in paragraphs]
    marks: dict[int, list[NoteMark]] = {}
    for ann in anns:
        if ann.span is None:
            continue
        start, end = ann.span
        i = index_at(starts, start)
        while i < len(paragraphs):
            p = paragraphs[i]
            if p.start > end or (p.start == end and end > start):
                break
            local = (p.to_text(max(start, p.start)), p.to_text(min(end, p.end)))
            if local[1] >= local[0]:
                marks.setdefault(p.number, []).append(NoteMark(*local, ann.colour, ann.kind))
            if end <= p.end:
                break
            i += 1
    return marks


def paragraph_of(ann: Annotation, paragraphs: Sequence[StoredParagraph]) -> int | None:
    """The number of the paragraph where an anchored annotation starts now."""
    if ann.span is None or not paragraphs:
        return None
    return paragraphs[index_at([p.start for p in paragraphs], ann.span[0])].number
