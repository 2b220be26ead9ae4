"""Notes of a whole library, anchored against the reports as they are now."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from index.model import Report
from index.notes.anchor import anchor_annotation
from index.notes.model import Annotation, paragraph_at
from index.notes.store import NotesStore
from index.reader import ReadError, read_report


class ReportCache:
    """Reads each report file once; a file that cannot be read gives None."""

    def __init__(self, paths_by_id: dict[str, str]):
        self._paths = paths_by_id
        self._reports: dict[str, Report | None] = {}
        self.problems: list[str] = []

    def get(self, report_id: str, fallback_path: str = "") -> Report | None:
        if report_id not in self._reports:
            path = self._paths.get(report_id) or fallback_path
            self._reports[report_id] = self._read(path) if path else None
        return self._reports[report_id]

    def _read(self, path: str) -> Report | None:
        try:
            return read_report(Path(path))
        except ReadError as e:
            self.problems.append(str(e))
            return None

    def by_id_and_path(self) -> dict[str, Report]:
        """Every known report, keyed by id and by path (what import needs)."""
        found: dict[str, Report] = {}
        for report_id in self._paths:
            report = self.get(report_id)
            if report is not None:
                found[report.meta.id] = found[report.meta.path] = report
        return found


def anchored_notes(store: NotesStore, reports: ReportCache) -> list[Annotation]:
    """Every readable note, each anchored (or marked orphan) in its report's current text,
    and placed in it: see `placed`."""
    notes = list(store.all())
    for k, ann in enumerate(notes):
        report = reports.get(ann.report.id, ann.report.path)
        if report is not None:
            anchor_annotation(ann, report.text)
            notes[k] = placed(ann, report)
    return notes


def placed(ann: Annotation, report: Report) -> Annotation:
    """A copy of `ann` that says where it is now: the report's current title, year and
    path, and the section path and paragraph at its anchor. A note imported from
    another tool (or another reportx) may carry none of these; an orphan keeps
    the place it was made in."""
    meta = report.meta
    ref = replace(ann.report, title=meta.title or ann.report.title, year=meta.year or ann.report.year,
                  path=meta.path or ann.report.path)
    if not (ann.anchor is not None and ann.anchor.ok and ann.anchor.start is not None):
        return replace(ann, report=ref)
    para = paragraph_at(report, ann.anchor.start)
    if para is None:
        return replace(ann, report=ref)
    return replace(ann, report=ref, section_path=list(para.section_path), paragraph=para.number)
