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

if TYPE_CHECKING:
    from explorer.screens.main import MainScreen
    from index.search import SearchRequest

FORMAT_OF_SUFFIX = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}


def suggested_path(request: SearchRequest) -> Path:
    words = re.sub(r"[^\w]+", "-", " ".join([request.query, *request.themes])).strip("-").lower()[:40]
    return Path.cwd() / f"reportx-digest-{words or 'all'}.md"


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


def export_digest(screen: MainScreen) -> None:
    """`D`: the paragraphs the current search finds, all of them, as a digest file."""
    result = screen.result
    if result is None or result.error or not (result.request.query.strip() or result.request.themes) or not result.total:
        screen.notify("Search first (/ or a theme filter): the digest holds what the search finds.",
                      severity="warning")
        return
    request = result.request

    def chosen(answer: tuple[Path, bool] | None) -> None:
        if answer is not None:
            path, with_notes = answer
            screen.run_worker(lambda: _write(screen, request, path, with_notes), thread=True,
                              group="digest", exit_on_error=False)

    screen.app.push_screen(DigestExportScreen(suggested_path(request), result.total), chosen)


def _write(screen: MainScreen, request: SearchRequest, path: Path, with_notes: bool) -> None:
    from index.atomic import atomic_write_text
    from index.digest import FORMATS, build_digest
    from index.notes.current import ReportCache, anchored_notes

    notes = []
    if with_notes and screen.notes is not None:
        notes = anchored_notes(screen.notes.store, ReportCache({r.id: r.path for r in screen.reports}))
    with screen.lock:
        digest = build_digest(screen.library, request, notes) if screen.library else None
    if digest is None:
        return
    try:
        atomic_write_text(path, FORMATS[FORMAT_OF_SUFFIX[path.suffix.lower()]](digest))
    except OSError as e:
        screen.app.call_from_thread(screen.notify, f"{path}: {e.strerror or e}", title="Digest not written",
                                    severity="error", timeout=15)
        return
    screen.app.call_from_thread(screen.notify, f"{len(digest.entries)} paragraphs written to {path}",
                                title="Digest exported", timeout=15)
