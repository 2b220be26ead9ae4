"""Notes out of and into a store: the one flow behind `reportx notes export|import` and the app's commands.

Problems come back as `TransferError` with one line that names the file and the
reason; nothing is written to the store unless the whole file could be read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from index.notes.current import ReportCache, anchored_notes
from index.notes.export import ImportResult, export_csv, export_json, export_markdown, import_json
from index.notes.filter import NoteFilter
from index.notes.store import NotesError, NotesStore
from index.safefile import read_regular

ExportFormat = Literal["md", "csv", "json"]

FORMATS: tuple[ExportFormat, ...] = ("md", "csv", "json")


class TransferError(Exception):
    """A notes file that cannot be imported, in one line."""


def export_notes(store: NotesStore, reports: ReportCache, fmt: ExportFormat = "md",
                 keep: NoteFilter | None = None, title: str = "Notes") -> tuple[str, int]:
    """The notes, anchored against the current reports and filtered, as text in `fmt`; and how many."""
    notes = anchored_notes(store, reports)
    if keep is not None:
        notes = keep.apply(notes)
    if fmt == "csv":
        return export_csv(notes), len(notes)
    if fmt == "json":
        return export_json(notes), len(notes)
    return export_markdown(notes, title=title), len(notes)


def import_notes(path: Path, store: NotesStore, reports: ReportCache) -> ImportResult:
    """Merge a W3C JSON export into `store` (by id, the newer edit wins)."""
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise TransferError(f"cannot read {path}: {e}") from e
    except json.JSONDecodeError as e:
        raise TransferError(f"{path}, line {e.lineno}: not valid JSON ({e.msg})") from e
    try:
        return import_json(data, store, reports.by_id_and_path())
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise TransferError(f"{path}: not a reportx notes export ({e})") from e
    except (NotesError, OSError) as e:
        raise TransferError(f"{path}: {e}") from e
