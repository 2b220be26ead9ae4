"""Plain typed data the app's screens, services and widgets pass each other (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # whoosh and the notes machinery stay out of the app's start
    from index.model import Report
    from index.notes.model import Annotation
    from index.search import SearchRequest

Span = tuple[int, int]
"""(start, end) in a paragraph's text."""


class NoteMark(NamedTuple):
    """One annotation's part in one paragraph, as the reader draws it."""

    start: int
    end: int
    colour: str
    kind: str


class ReportSpans(NamedTuple):
    """The highlighted spans of one report's hits for one search."""

    request: SearchRequest
    report_id: str
    by_paragraph: dict[int, list[Span]]

    def is_for(self, request: SearchRequest, report_id: str) -> bool:
        return self.request == request and self.report_id == report_id


class NoteAction(Enum):
    """What the annotation lists ask the screen to do with a note."""

    OPEN = "open"
    """Open the note's report at its paragraph (from the library-wide notes results)."""
    JUMP = "jump"
    """Move the reader to the note in the open report."""
    EDIT = "edit"
    DELETE = "delete"
    UNDO = "undo"
    """Bring back the last deleted note."""


@dataclass
class OpenedNotes:
    """The notes of one report as anchored in its current text."""

    report_id: str
    report: Report | None
    anchored: list[Annotation]
    orphans: list[Annotation]
    read_only: str = ""
    """Why notes for this report cannot be changed ("" when they can)."""


def outline_sections(outline: list[dict]) -> list[tuple[str, int]]:
    """(title path, first paragraph) of every section of an outline (`index.library.outline_of`)."""
    found: list[tuple[str, int]] = []

    def walk(nodes: list[dict], path: list[str]) -> None:
        for s in nodes:
            here = path + [s["title"]]
            if s.get("first") is not None:
                found.append((" › ".join(here), s["first"]))
            walk(s.get("children") or [], here)

    walk(outline, [])
    return found
