"""`reportx notes export|import`: notes out as Markdown/CSV/W3C JSON, and back in."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.text import Text

from explorer.text import display_text as safe
from index.library import Library
from index.notes.current import ReportCache
from index.notes.filter import NoteFilter
from index.notes.location import find_notes_dir
from index.notes.store import NotesStore
from index.notes.transfer import TransferError, export_notes, import_notes

err = Console(stderr=True, highlight=False, soft_wrap=True)


def notes_store(args: argparse.Namespace, library: Library) -> NotesStore:
    return NotesStore(find_notes_dir(library.roots(), getattr(args, "notes_dir", None)))


def cmd_notes(args: argparse.Namespace, library: Library) -> int:
    store = notes_store(args, library)
    reports = ReportCache({r.id: r.path for r in library.reports()})
    if args.notes_command == "export":
        return _export(args, store, reports)
    return _import(args, store, reports)


def _export(args: argparse.Namespace, store: NotesStore, reports: ReportCache) -> int:
    keep = NoteFilter(reports=args.report, tags=args.tag, ignore_case=False)
    text, count = export_notes(store, reports, args.format, keep)
    if args.output:
        try:
            # A file keeps the notes exactly (a path that is not UTF-8 as its own bytes).
            args.output.write_text(text, encoding="utf-8", errors="surrogateescape")
        except OSError as e:
            err.print(Text(safe(f"reportx: cannot write {args.output}: {e.strerror or e}"), style="red"))
            return 1
        err.print(Text(safe(f"{count} notes written to {args.output}")))
    else:
        # The terminal gets nothing it would obey: JSON escapes, other formats show control pictures.
        shown = text if args.format == "json" else safe(text, lines=True)  # JSON is escaped already
        sys.stdout.write(shown if shown.endswith("\n") else shown + "\n")
    _warn(store, reports)
    return 0


def _import(args: argparse.Namespace, store: NotesStore, reports: ReportCache) -> int:
    try:
        result = import_notes(args.file, store, reports)
    except TransferError as e:
        err.print(Text(safe(f"reportx: {e}"), style="red"))
        return 1
    err.print(Text(safe(f"imported into {store.notes_dir}: {result.added} added, {result.updated} updated, "
                        f"{result.unchanged} unchanged; {result.orphaned} could not be placed in the current text "
                        "(kept as orphans)")))
    _warn(store, reports)
    return 0


def _warn(store: NotesStore, reports: ReportCache) -> None:
    for problem in [*map(str, store.errors), *reports.problems]:
        err.print(Text(safe(f"warning: {problem}"), style="yellow"))
