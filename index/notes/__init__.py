"""Annotations (highlights, notes, bookmarks): model, anchoring, storage, export. Never imports textual."""

from index.notes.anchor import anchor, anchor_annotation
from index.notes.location import default_notes_dir, find_notes_dir
from index.notes.model import Anchor, Annotation, ReportRef
from index.notes.store import SCHEMA, FileError, NotesError, NotesStore

__all__ = [
    "SCHEMA", "Anchor", "Annotation", "FileError", "NotesError", "NotesStore", "ReportRef",
    "anchor", "anchor_annotation", "default_notes_dir", "find_notes_dir",
]
