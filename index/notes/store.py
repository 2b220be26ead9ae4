"""Notes on disk: one JSON file per report, safe against crashes and a second instance.

Notes are the one thing reportx cannot rebuild, so:
  - every write replaces the file atomically (index.atomic.atomic_write_text);
  - every change is made under an inter-process lock to the file as it is on
    disk *now*, merged by annotation id, never by writing a stale copy;
  - a file that cannot be read is never overwritten: its report is read-only
    until someone fixes the file;
  - annotations that no longer anchor (orphans) stay in the file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from index import safejson
from index.atomic import atomic_write_text
from index.model import Report
from index.notes.anchor import anchor_annotation
from index.notes.files import locked, remove_stale_temps
from index.notes.model import Annotation, ReportRef
from index.safefile import read_regular

SCHEMA_NAME = "reportx-notes"
SCHEMA_VERSION = 1
SCHEMA = f"{SCHEMA_NAME}/{SCHEMA_VERSION}"

T = TypeVar("T")
MAX_ID_BYTES = 200
"""A notes file is named by its report id: file names stop at 255 bytes."""


class NotesError(Exception):
    """A notes file cannot be read or must not be written."""


@dataclass(frozen=True)
class FileError:
    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def parse_notes(text: str, path: Path) -> tuple[dict[str, Any], list[Annotation]]:
    """The report header and annotations of a notes file; FileError-carrying NotesError if unusable."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise _unreadable(path, f"invalid JSON: {e.msg} (column {e.colno})", e.lineno) from e
    if not isinstance(doc, dict) or not isinstance(doc.get("schema"), str):
        raise _unreadable(path, "not a reportx notes file (no \"schema\")")
    name, _, version = doc["schema"].partition("/")
    if name != SCHEMA_NAME or not version.isdigit():
        raise _unreadable(path, f"unknown schema {doc['schema']!r}")
    if int(version) > SCHEMA_VERSION:
        raise _unreadable(path, f"written by a newer reportx (schema {doc['schema']}); this one reads {SCHEMA}")
    if int(version) < SCHEMA_VERSION or not isinstance(doc.get("annotations"), list):
        raise _unreadable(path, f"unsupported schema {doc['schema']!r} or no annotation list")
    anns = []
    for i, item in enumerate(doc["annotations"]):
        try:
            anns.append(Annotation.from_dict(item))
        except (TypeError, ValueError, KeyError, AttributeError) as e:
            raise _unreadable(path, f"annotation #{i + 1}: {e}") from e
    return doc.get("report") or {}, anns


def _unreadable(path: Path, message: str, line: int | None = None) -> NotesError:
    err = NotesError(str(FileError(path, message, line)))
    err.file_error = FileError(path, message, line)  # type: ignore[attr-defined]
    return err


def render_notes(report: dict[str, Any], anns: Iterable[Annotation]) -> str:
    # Stable order and sorted keys keep the file diffable.
    ordered = sorted(anns, key=lambda a: (a.start, a.end, a.created, a.id))
    doc = {"schema": SCHEMA, "report": report, "annotations": [a.to_dict() for a in ordered]}
    return safejson.dumps(doc, indent=2, sort_keys=True) + "\n"


class NotesStore:
    def __init__(self, notes_dir: Path):
        self.notes_dir = Path(notes_dir)
        self._errors: dict[Path, FileError] = {}
        self._deleted: list[Annotation] = []
        self._report_of: dict[str, str] = {}  # annotation id -> report id

    @property
    def errors(self) -> list[FileError]:
        """Notes files that could not be read (their reports are read-only)."""
        return list(self._errors.values())

    def path_for(self, report_id: str) -> Path:
        if (not isinstance(report_id, str) or not report_id or "/" in report_id or "\0" in report_id
                or report_id.startswith(".") or len(os.fsencode(report_id)) > MAX_ID_BYTES):
            raise ValueError(f"report id {report_id!r:.80} cannot name a notes file")
        return self.notes_dir / f"{report_id}.json"

    # -- reading ---------------------------------------------------------

    def _read(self, path: Path) -> tuple[dict[str, Any], list[Annotation]]:
        """Parse `path`, recording or clearing its error. Missing file = no notes."""
        try:
            text = read_regular(path).decode("utf-8")
        except FileNotFoundError:
            self._errors.pop(path, None)
            return {}, []
        except (OSError, UnicodeDecodeError) as e:
            err = _unreadable(path, f"cannot read: {e}")
        else:
            try:
                header, anns = parse_notes(text, path)
            except NotesError as e:
                err = e
            else:
                self._errors.pop(path, None)
                for a in anns:
                    self._report_of[a.id] = a.report.id
                return header, anns
        self._errors[path] = err.file_error  # type: ignore[attr-defined]
        raise err

    def load(self, report_id: str) -> list[Annotation]:
        """The report's annotations ([] and an entry in `errors` if its file is unreadable)."""
        try:
            return sorted(self._read(self.path_for(report_id))[1], key=lambda a: (a.start, a.end))
        except NotesError:
            return []

    def read_only(self, report_id: str) -> bool:
        try:
            self._read(self.path_for(report_id))
        except NotesError:
            return True
        return False

    def all(self) -> Iterator[Annotation]:
        """Every readable annotation in the notes folder, file by file."""
        if not self.notes_dir.is_dir():
            return
        for path in sorted(self.notes_dir.glob("*.json")):
            try:
                yield from self._read(path)[1]
            except NotesError:
                continue

    def anchor_all(self, report: Report) -> tuple[list[Annotation], list[Annotation]]:
        """Anchor the report's notes in its current text: (anchored, orphans).

        Nothing is written: orphans stay in the file as they are.
        """
        anchored: list[Annotation] = []
        orphans: list[Annotation] = []
        for ann in self.load(report.meta.id):
            (anchored if anchor_annotation(ann, report.text).ok else orphans).append(ann)
        return anchored, orphans

    # -- writing ---------------------------------------------------------

    def _change(self, report_id: str, change: Callable[[dict[str, Annotation]], T], ref: ReportRef | None) -> T:
        """Apply `change` to the annotations on disk, under the lock, and save."""
        path = self.path_for(report_id)
        try:
            self.notes_dir.mkdir(parents=True, exist_ok=True)
            with locked(path):
                try:
                    header, anns = self._read(path)
                except NotesError as e:
                    raise NotesError(f"{e} -- notes for this report are read-only until the file is fixed") from e
                by_id = {a.id: a for a in anns}
                result = change(by_id)
                if ref is not None:
                    header = ref.to_dict()
                remove_stale_temps(path)
                atomic_write_text(path, render_notes(header, by_id.values()))
        except OSError as e:
            # A read-only folder or a full disk: the file on disk is as it was (the write is atomic).
            raise NotesError(f"{path}: cannot save notes ({e.strerror or e}); the file is unchanged") from e
        return result

    def _upsert(self, ann: Annotation) -> Annotation:
        def change(by_id: dict[str, Annotation]) -> Annotation:
            disk = by_id.get(ann.id)
            if disk is not None and disk.newer_than(ann):
                return disk  # another instance saved a later edit: it wins
            by_id[ann.id] = ann
            return ann

        stored = self._change(ann.report.id, change, ann.report)
        self._report_of[ann.id] = ann.report.id
        return stored

    def add(self, ann: Annotation) -> Annotation:
        return self._upsert(ann)

    def update(self, ann: Annotation, touch: bool = True) -> Annotation:
        """Save an edited annotation; returns what is stored (a newer edit on disk wins)."""
        if touch:
            ann.touch()
        return self._upsert(ann)

    def merge(self, anns: Iterable[Annotation]) -> dict[str, str]:
        """Merge annotations by id, newer `modified` wins, one write per report.

        Returns {id: "added" | "updated" | "unchanged"}.
        """
        by_report: dict[str, list[Annotation]] = {}
        for a in anns:
            by_report.setdefault(a.report.id, []).append(a)
        outcome: dict[str, str] = {}

        def change_for(group: list[Annotation]) -> Callable[[dict[str, Annotation]], None]:
            def change(by_id: dict[str, Annotation]) -> None:
                for a in group:
                    disk = by_id.get(a.id)
                    if disk is None or a.newer_than(disk):
                        by_id[a.id] = a
                    outcome[a.id] = "added" if disk is None else "updated" if by_id[a.id] is a else "unchanged"
            return change

        for report_id, group in by_report.items():
            self._change(report_id, change_for(group), group[-1].report)
            for a in group:
                self._report_of[a.id] = report_id
        return outcome

    def delete(self, ann_id: str, report_id: str | None = None) -> Annotation:
        """Remove an annotation; it is kept in memory so `undo_delete` can restore it."""
        report_id = report_id or self._report_of.get(ann_id) or self._find_report(ann_id)

        def change(by_id: dict[str, Annotation]) -> Annotation:
            if ann_id not in by_id:
                raise KeyError(f"no annotation {ann_id} in notes for {report_id}")
            return by_id.pop(ann_id)

        removed = self._change(report_id, change, None)
        self._deleted.append(removed)
        return removed

    def undo_delete(self) -> Annotation | None:
        """Restore the most recently deleted annotation of this session, if any."""
        if not self._deleted:
            return None
        ann = self._deleted[-1]
        self._upsert(ann)
        self._deleted.pop()
        return ann

    def _find_report(self, ann_id: str) -> str:
        for ann in self.all():
            if ann.id == ann_id:
                return ann.report.id
        raise KeyError(f"no annotation {ann_id}")
