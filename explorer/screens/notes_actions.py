"""The explorer screen's notes: load them per report, add/edit/delete, export and import.

A mixin of `MainScreen` (which owns `reader`, `notes_dir`, `library`...). The
report file is read and notes anchored in a thread worker; writes are one small
atomic file each and happen on the spot, so a note is on disk when the modal closes.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from textual import work

from explorer.messages import AnnotateRequested, AnnotationAction, NotesLoaded
from explorer.widgets.annotations_panel import AnnotationsPanel

if TYPE_CHECKING:  # the notes machinery (~50 ms of imports) loads after the first frame
    from explorer.notes_session import NotesSession, OpenedNotes
    from explorer.screens.annotate import AnnotateResult
    from index.notes.model import Annotation


class NotesActions:
    notes: NotesSession | None = None
    annotated_only: bool = False

    def start_notes(self) -> None:
        """Called once the library is open: find the notes folder."""
        from explorer.notes_session import NotesSession
        from index.notes.location import find_notes_dir

        roots = [*self.paths, *(self.library.roots() if self.library else [])]
        self.notes = NotesSession(find_notes_dir(roots, self.notes_dir))
        if self.reader.report is not None:
            self.load_notes(self.reader.report.id, self.reader.report.path)

    # -- loading -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="notes", exit_on_error=False)
    def load_notes(self, report_id: str, path: str) -> None:
        if self.notes is None:
            return
        self.post_message(NotesLoaded(self.notes.open(report_id, path)))

    def on_notes_loaded(self, message: NotesLoaded) -> None:
        opened: OpenedNotes = message.opened
        report = self.reader.report
        if self.notes is None or report is None or report.id != opened.report_id:
            return
        self.notes.opened = opened
        if opened.read_only:
            self.notify(opened.read_only, title="Notes read-only", severity="error", timeout=20)
        if opened.orphans and opened.report is not None:
            self.notify(f"{len(opened.orphans)} note(s) could not be placed in the current text; "
                        "they are kept: A then o lists them.", title="Orphaned notes", severity="warning", timeout=10)
        self.show_notes()

    def show_notes(self) -> None:
        """Put the open report's notes into the reader and the panel."""
        opened = self.notes.opened if self.notes else None
        panel = self.query_one(AnnotationsPanel)
        if opened is None:
            self.reader.set_notes({})
            panel.set_notes([], [])
            return
        self.reader.set_notes(self._marks(opened.anchored))
        panel.set_notes(opened.anchored, opened.orphans, opened.read_only)

    def _marks(self, anns: list[Annotation]) -> dict[int, list[tuple[int, int, str, str]]]:
        """Annotations (offsets in the report text) cut into per-paragraph ranges."""
        paragraphs = self.reader.paragraphs
        starts = [p.get("start", 0) for p in paragraphs]
        marks: dict[int, list[tuple[int, int, str, str]]] = {}
        for ann in anns:
            start, end = ann.anchor.start, ann.anchor.end
            i = max(0, bisect_right(starts, start) - 1)
            while i < len(paragraphs):
                p_start = starts[i]
                p_end = p_start + len(paragraphs[i]["text"])
                if p_start > end or (p_start == end and end > start):
                    break
                local = (max(start, p_start) - p_start, min(end, p_end) - p_start)
                if local[1] >= local[0]:
                    marks.setdefault(paragraphs[i]["paragraph"], []).append((*local, ann.colour, ann.kind))
                if end <= p_end:
                    break
                i += 1
        return marks

    def paragraph_of(self, ann: Annotation) -> int | None:
        """The paragraph number where an anchored annotation starts now."""
        if not ann.anchored:
            return None
        starts = [p.get("start", 0) for p in self.reader.paragraphs]
        i = max(0, bisect_right(starts, ann.anchor.start) - 1)
        return self.reader.paragraphs[i]["paragraph"] if self.reader.paragraphs else None

    # -- adding and changing -------------------------------------------------

    def _refuse(self) -> bool:
        """Say why notes cannot be changed now (True), or nothing (False)."""
        opened = self.notes.opened if self.notes else None
        if opened is None:
            self.notify("Notes are still loading, or no report is open.", severity="warning")
            return True
        if opened.read_only or opened.report is None:
            self.notify(opened.read_only or "The report file cannot be read.", title="Cannot change notes",
                        severity="error", timeout=10)
            return True
        return False

    def on_annotate_requested(self, message: AnnotateRequested) -> None:
        if self._refuse():
            return
        opened = self.notes.opened
        if message.kind == "bookmark":
            self._save(lambda: self.notes.add(message.start, message.end, "bookmark"), f"Bookmarked ¶{message.paragraph}")
            return
        quote = opened.report.text[message.start:message.end]
        from explorer.screens.annotate import AnnotateScreen  # loaded on first use

        def done(result: AnnotateResult | None) -> None:
            if result is None:
                return
            kind = "note" if result.note else "highlight"
            if self._save(lambda: self.notes.add(message.start, message.end, kind, result.note, result.tags,
                                                 result.colour), "Note saved" if result.note else "Highlighted"):
                self.reader.clear_selection()

        self.app.push_screen(AnnotateScreen("Annotate", quote), done)

    def _save(self, change, done_message: str) -> bool:
        from index.notes.store import NotesError

        try:
            change()
        except (NotesError, OSError, ValueError, KeyError) as e:
            self.notify(str(e), title="Notes not saved", severity="error", timeout=15)
            return False
        self.notify(done_message, timeout=3)
        self.show_notes()
        return True

    def on_annotation_action(self, message: AnnotationAction) -> None:
        ann: Annotation | None = message.annotation  # type: ignore[assignment]
        if message.action == "open" and ann is not None:  # from the notes search results
            self.open_report(ann.report.id, ann.paragraph)
            self.reader.focus()
        elif message.action == "jump" and ann is not None:
            number = self.paragraph_of(ann)
            if number is None:
                self.notify("This note is an orphan: its quote is not in the current text.", severity="warning")
                return
            self.reader.go_to(number)
            self.reader.focus()
        elif message.action == "edit" and ann is not None:
            if self._refuse():
                return
            from explorer.screens.annotate import AnnotateScreen

            def done(result: AnnotateResult | None) -> None:
                if result is not None:
                    self._save(lambda: self.notes.update(ann, result.note, result.tags, result.colour), "Note saved")

            self.app.push_screen(AnnotateScreen("Edit note", ann.quote, ann.note, ann.tags, ann.colour), done)
        elif message.action == "delete" and ann is not None:
            if not self._refuse():
                self._save(lambda: self.notes.delete(ann), "Note deleted: u undoes")
        elif message.action == "undo" and not self._refuse():
            restored = []
            self._save(lambda: restored.append(self.notes.undo_delete()), "Delete undone")
            if restored and restored[0] is None:
                self.notify("Nothing to undo.", timeout=3)

    # -- panel ---------------------------------------------------------------

    def action_toggle_annotations(self, orphans: bool = False) -> None:
        panel = self.query_one(AnnotationsPanel)
        if panel.display and not orphans and self.focused is panel:
            panel.display = False
            self.reader.focus()
            return
        panel.display = True
        panel.set_view(orphans)
        self.query_one("#sidebar").display = True
        panel.focus()

    def action_show_orphans(self) -> None:
        self.action_toggle_annotations(orphans=True)

    def action_toggle_annotated_only(self) -> None:
        self.annotated_only = not self.annotated_only
        self.notify("Search: annotated paragraphs only" if self.annotated_only else "Search: all paragraphs", timeout=3)
        self.run_search()

    # -- export and import ---------------------------------------------------

    def export_notes(self) -> None:
        if self.notes is None:
            return
        self._export(self.notes, {r.id: r.path for r in self.reports})

    @work(thread=True, exclusive=True, group="notes-io", exit_on_error=False)
    def _export(self, session: NotesSession, paths: dict[str, str]) -> None:
        from index.notes.current import ReportCache, anchored_notes
        from index.notes.export import export_markdown

        notes = anchored_notes(session.store, ReportCache(paths))
        text = export_markdown(notes, title="reportx notes")
        name = f"reportx-notes-{datetime.now():%Y%m%d-%H%M%S}.md"
        for folder in (Path.cwd(), platformdirs.user_data_path("reportx")):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(text, encoding="utf-8")
            except OSError:
                continue
            self.app.call_from_thread(self.notify, f"{len(notes)} notes written to {folder / name}",
                                      title="Notes exported", timeout=15)
            return
        self.app.call_from_thread(self.notify, "No writable folder for the export.", severity="error")

    def import_notes(self) -> None:
        from explorer.screens.annotate import PromptScreen

        def done(path: str | None) -> None:
            if path and self.notes is not None:
                self._import(self.notes, Path(path).expanduser(), {r.id: r.path for r in self.reports})

        self.app.push_screen(PromptScreen("Import notes (W3C JSON export)", "path to a .json file"), done)

    @work(thread=True, exclusive=True, group="notes-io", exit_on_error=False)
    def _import(self, session: NotesSession, path: Path, paths: dict[str, str]) -> None:
        from index.notes.current import ReportCache
        from index.notes.export import import_json
        from index.notes.store import NotesError

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            result = import_json(data, session.store, ReportCache(paths).by_id_and_path())
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, KeyError, TypeError, NotesError) as e:
            self.app.call_from_thread(self.notify, f"{path}: {e}", title="Import failed", severity="error", timeout=15)
            return
        self.app.call_from_thread(
            self.notify, f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
            f"{result.orphaned} orphaned", title="Notes imported", timeout=10)
        if self.reader.report is not None:
            self.load_notes(self.reader.report.id, self.reader.report.path)
