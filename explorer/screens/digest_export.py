"""Export the current search results as a digest (Markdown, HTML or CSV) from the explorer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Static

from explorer.messages import Notice

if TYPE_CHECKING:
    from explorer.services.library import LibraryService
    from explorer.services.notes import NotesSession
    from index.search import SearchRequest

FORMAT_OF_SUFFIX = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}


def suggested_path(request: SearchRequest) -> Path:
    """A file named after the search, in the exports folder (index/paths.py), for the user to change."""
    from index.paths import export_dir

    words = re.sub(r"[^\w]+", "-", " ".join([request.query, *request.themes])).strip("-").lower()[:40]
    return export_dir() / f"reportx-digest-{words or 'all'}.md"


class DigestExportScreen(ModalScreen[tuple[Path, bool] | None]):
    """Where to write the digest (the suffix picks the format) and whether notes go with it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True)]

    def __init__(self, path: Path, total: int) -> None:
        super().__init__()
        self.path, self.total = path, total

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-body") as body:
            body.border_title = f"Export a digest of {self.total} paragraphs"
            body.border_subtitle = "Enter write · Esc cancel"
            yield Static("File (.md, .html or .csv):")
            yield Input(str(self.path), id="digest-path")
            yield Checkbox("Include my notes on these paragraphs", True, id="digest-notes")

    @on(Input.Submitted, "#digest-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.dismiss(None)
            return
        path = Path(value).expanduser()
        if path.suffix.lower() not in FORMAT_OF_SUFFIX:
            self.notify("End the file name with .md, .html or .csv.", severity="warning")
            return
        self.dismiss((path, self.query_one(Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


def write_digest(library: LibraryService, session: NotesSession | None, report_paths: dict[str, str],
                 request: SearchRequest, path: Path, with_notes: bool) -> Notice:
    """Write what `request` finds (and the notes on it) to `path`; what to tell the user."""
    from index.atomic import atomic_write_text
    from index.digest import FORMATS
    from index.notes.current import ReportCache, anchored_notes

    anchored = anchored_notes(session.store, ReportCache(report_paths)) if with_notes and session else []
    digest = library.digest(request, anchored)
    if digest is None:
        return Notice("The library is still opening; try again in a moment.", title="Digest not written",
                      severity="warning")
    try:
        atomic_write_text(path, FORMATS[FORMAT_OF_SUFFIX[path.suffix.lower()]](digest))
    except OSError as e:
        return Notice(f"{path}: {e.strerror or e}", title="Digest not written", severity="error", timeout=15)
    return Notice(f"{len(digest.entries)} paragraphs written to {path}", title="Digest exported", timeout=15)
