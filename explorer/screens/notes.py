"""The explorer screen's notes: the open report's notes in the reader and the panel, and changes to them.

`ScreenNotes` is owned by `MainScreen` and works through it: its thread
workers run on the screen and post messages there, and the screen's handlers
pass them on here; opening another report is a message too (OpenLocation).
Reading a report file and anchoring its notes happens in a worker; writes
are one small atomic file each and happen on the spot, so a note is on disk
when the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.notifications import SeverityLevel
from textual.screen import Screen

from explorer.data import NoteAction, OpenedNotes
from explorer.messages import AnnotateRequested, AnnotationAction, NotesLoaded, NotesReload, Notice, OpenLocation
from explorer.widgets.annotations_panel import AnnotationsPanel
from explorer.widgets.reader import Reader

if TYPE_CHECKING:  # the notes machinery (~50 ms of imports) loads after the first frame
    from explorer.screens.annotate import AnnotateResult
    from explorer.services.notes import NotesSession
    from index.notes.model import Annotation


class ScreenNotes:
    def __init__(self, screen: Screen[None], notes_dir: Path | None) -> None:
        self.screen = screen
        """The explorer screen, whose reader and annotations panel show the notes."""
        self.notes_dir = notes_dir
        """The --notes-dir override (else found beside the reports or per user)."""
        self.session: NotesSession | None = None
        """None until the library is open and the notes folder known."""
        self.annotated_only = False
        """Search only annotated paragraphs (Ctrl+N)."""

    @property
    def reader(self) -> Reader:
        return self.screen.query_one(Reader)

    def start(self, report_roots: list[Path]) -> None:
        """Called once the library is open: find the notes folder."""
        from explorer.services.notes import NotesSession
        from index.notes.location import find_notes_dir

        self.session = NotesSession(find_notes_dir(report_roots, self.notes_dir))
        report = self.reader.report
        if report is not None:
            self._load(report.id, report.path)

    def _run(self, work: Callable[[], None], group: str) -> None:
        self.screen.run_worker(work, thread=True, exclusive=True, group=group, exit_on_error=False)

    def _notify(self, message: str, title: str = "", severity: SeverityLevel = "information",
                timeout: float | None = None) -> None:
        self.screen.notify(message, title=title, severity=severity, timeout=timeout)

    # -- loading -------------------------------------------------------------

    def report_opened(self, report_id: str, path: str) -> None:
        if self.session is not None:
            self.session.opened = None
            self.show()
            self._load(report_id, path)

    def _load(self, report_id: str, path: str) -> None:
        session = self.session
        if session is not None:
            def work() -> None:
                self.screen.post_message(NotesLoaded(session.open(report_id, path)))

            self._run(work, "notes")

    def loaded(self, opened: OpenedNotes) -> None:
        report = self.reader.report
        if self.session is None or report is None or report.id != opened.report_id:
            return
        self.session.opened = opened
        if opened.read_only:
            self._notify(opened.read_only, title="Notes read-only", severity="error", timeout=20)
        if opened.orphans and opened.report is not None:
            self._notify(f"{len(opened.orphans)} note(s) could not be placed in the current text; "
                         "they are kept: A then o lists them.", title="Orphaned notes", severity="warning", timeout=10)
        self.show()

    def show(self) -> None:
        """Put the open report's notes into the reader and the panel."""
        from explorer.services.notes import note_marks

        opened = self.session.opened if self.session else None
        reader = self.reader
        panel = self.screen.query_one(AnnotationsPanel)
        if opened is None:
            reader.set_notes({})
            panel.set_notes([], [])
            return
        reader.set_notes(note_marks(opened.anchored, reader.paragraphs))
        panel.set_notes(opened.anchored, opened.orphans, opened.read_only)

    def show_panel(self, orphans: bool) -> None:
        """A: show the annotations panel (or hide it when it has the focus); o in it: the orphans."""
        panel = self.screen.query_one(AnnotationsPanel)
        if panel.display and not orphans and self.screen.focused is panel:
            panel.display = False
            self.reader.focus()
            return
        panel.display = True
        panel.set_view(orphans)
        self.screen.query_one("#sidebar").display = True
        panel.focus()

    # -- adding and changing -------------------------------------------------

    def _writable(self) -> NotesSession | None:
        """The session when notes can be changed now, else None (and the user told why)."""
        opened = self.session.opened if self.session else None
        if self.session is None or opened is None:
            self._notify("Notes are still loading, or no report is open.", severity="warning")
            return None
        if opened.read_only or opened.report is None:
            self._notify(opened.read_only or "The report file cannot be read.", title="Cannot change notes",
                         severity="error", timeout=10)
            return None
        return self.session

    def annotate(self, message: AnnotateRequested) -> None:
        session = self._writable()
        if session is None or session.opened is None or session.opened.report is None:
            return
        if message.kind == "bookmark":
            self._save(lambda: session.add(message.start, message.end, "bookmark"), f"Bookmarked ¶{message.paragraph}")
            return
        quote = session.opened.report.text[message.start:message.end]
        from explorer.screens.annotate import AnnotateScreen  # loaded on first use

        def done(result: AnnotateResult | None) -> None:
            if result is None:
                return
            kind = "note" if result.note else "highlight"
            if self._save(lambda: session.add(message.start, message.end, kind, result.note, result.tags,
                                              result.colour), "Note saved" if result.note else "Highlighted"):
                self.reader.clear_selection()

        self.screen.app.push_screen(AnnotateScreen("Annotate", quote), done)

    def _save(self, change: Callable[[], Any], done_message: str) -> bool:
        from index.notes.store import NotesError

        try:
            change()
        except (NotesError, OSError, ValueError, KeyError) as e:
            self._notify(str(e), title="Notes not saved", severity="error", timeout=15)
            return False
        self._notify(done_message, timeout=3)
        self.show()
        return True

    def act(self, message: AnnotationAction) -> None:
        ann = message.annotation
        if message.action is NoteAction.UNDO:
            self._undo()
        elif ann is None:
            return
        elif message.action is NoteAction.OPEN:  # from the notes search results
            self.screen.post_message(OpenLocation(ann.report.id, ann.paragraph))
        elif message.action is NoteAction.JUMP:
            self._jump(ann)
        elif message.action is NoteAction.EDIT:
            self._edit(ann)
        elif message.action is NoteAction.DELETE:
            if (session := self._writable()) is not None:
                self._save(lambda: session.delete(ann), "Note deleted: u undoes")

    def _jump(self, ann: Annotation) -> None:
        from explorer.services.notes import paragraph_of

        number = paragraph_of(ann, self.reader.paragraphs)
        if number is None:
            self._notify("This note is an orphan: its quote is not in the current text.", severity="warning")
            return
        self.reader.go_to(number)
        self.reader.focus()

    def _edit(self, ann: Annotation) -> None:
        session = self._writable()
        if session is None:
            return
        from explorer.screens.annotate import AnnotateScreen

        def done(result: AnnotateResult | None) -> None:
            if result is not None:
                self._save(lambda: session.update(ann, result.note, result.tags, result.colour), "Note saved")

        self.screen.app.push_screen(AnnotateScreen("Edit note", ann.quote, ann.note, ann.tags, ann.colour), done)

    def _undo(self) -> None:
        session = self._writable()
        if session is None:
            return
        restored: list[Annotation | None] = []
        self._save(lambda: restored.append(session.undo_delete()), "Delete undone")
        if restored and restored[0] is None:
            self._notify("Nothing to undo.", timeout=3)

    # -- export and import ---------------------------------------------------

    def export(self, paths: dict[str, str]) -> None:
        """Every note as Markdown, to a new file in the exports folder (index/paths.py)."""
        session = self.session
        if session is None:
            return

        def work() -> None:
            from index.notes.store import NotesError

            try:
                path, count = session.export_markdown(paths)
            except NotesError as e:
                self.screen.post_message(Notice(str(e), severity="error"))
                return
            self.screen.post_message(Notice(f"{count} notes written to {path}", title="Notes exported", timeout=15))

        self._run(work, "notes-io")

    def ask_import(self, paths: dict[str, str]) -> None:
        """Ask for a W3C JSON export, then merge it (by id, the newer edit wins)."""
        from explorer.screens.annotate import PromptScreen

        def done(path: str | None) -> None:
            if path and self.session is not None:
                self._import(self.session, Path(path).expanduser(), paths)

        self.screen.app.push_screen(PromptScreen("Import notes (W3C JSON export)", "path to a .json file"), done)

    def _import(self, session: NotesSession, path: Path, paths: dict[str, str]) -> None:
        def work() -> None:
            from index.notes.transfer import TransferError

            try:
                result = session.import_file(path, paths)
            except TransferError as e:
                self.screen.post_message(Notice(str(e), title="Import failed", severity="error", timeout=15))
                return
            self.screen.post_message(Notice(
                f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
                f"{result.orphaned} orphaned", title="Notes imported", timeout=10))
            self.screen.post_message(NotesReload())

        self._run(work, "notes-io")

    def reload(self) -> None:
        report = self.reader.report
        if report is not None:
            self._load(report.id, report.path)
