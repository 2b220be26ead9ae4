"""The open report's annotations in reading order, and (toggle `o`) its orphans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.annotation_style import HIGHLIGHT_COLOURS, MARKS
from explorer.data import NoteAction
from explorer.messages import AnnotationAction
from explorer.text import shorten

if TYPE_CHECKING:  # notes modules load when notes are used
    from index.notes.model import Annotation


def annotation_prompt(ann: Annotation, width: int, where: str = "") -> Text:
    """Colour swatch, mark, place and quote; then the note's first line; then the tags."""
    head = Text(no_wrap=True, overflow="ellipsis")
    head.append("██ ", style=HIGHLIGHT_COLOURS.get(ann.colour, HIGHLIGHT_COLOURS["yellow"]))
    head.append(MARKS.get(ann.kind, "▌") + " ")
    place = where or (f"¶{ann.paragraph} " if ann.paragraph is not None else "")
    head.append(place, style="dim")
    quote = ann.quote or (ann.prefix[-20:] + "…" if ann.kind == "bookmark" else "")
    head.append(shorten(quote, max(8, width - 6 - len(place))))
    lines = [head]
    first = ann.note.strip().splitlines()[0] if ann.note.strip() else ""
    if first:
        lines.append(Text(shorten(first, width), style="italic", no_wrap=True, overflow="ellipsis"))
    if ann.tags:
        lines.append(Text(shorten(" ".join(f"#{t}" for t in ann.tags), width), style="dim", no_wrap=True))
    return Text("\n").join(lines)


class AnnotationsPanel(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("e", "edit", "Edit note"),
        Binding("d,delete", "delete", "Delete note"),
        Binding("u", "undo", "Undo delete"),
        Binding("o", "toggle_orphans", "Orphans"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.anchored: list[Annotation] = []
        self.orphans: list[Annotation] = []
        self.read_only = ""
        self.show_orphans = False

    @property
    def shown(self) -> list[Annotation]:
        return self.orphans if self.show_orphans else self.anchored

    def set_notes(self, anchored: list[Annotation], orphans: list[Annotation], read_only: str = "") -> None:
        keep = self.highlighted
        self.anchored = sorted(anchored, key=lambda a: (a.span[0] if a.span else a.start, a.end))
        self.orphans = list(orphans)
        self.read_only = read_only
        self._refill(keep)

    def set_view(self, orphans: bool) -> None:
        self.show_orphans = orphans
        self._refill(0)

    def _refill(self, keep: int | None) -> None:
        width = max(20, (self.scrollable_content_region.width or 40) - 2)
        notes = self.shown
        if self.show_orphans:
            prompts = [annotation_prompt(a, width, "orphan ") for a in notes]
            empty = "No orphans: every note is anchored in the current text."
        else:
            prompts = [annotation_prompt(a, width) for a in notes]
            empty = "No notes yet: a annotates the paragraph (v selects sentences), m bookmarks."
        options = [Option(p) for p in prompts] or [Option(Text(empty, style="dim"), disabled=True)]
        self.set_options(options)
        if notes:
            self.highlighted = min(keep or 0, len(notes) - 1)
        name = "Orphans" if self.show_orphans else "Annotations"
        self.border_title = f"{name} ({len(notes)})"
        other = "annotations" if self.show_orphans else f"orphans ({len(self.orphans)})"
        self.border_subtitle = ("read-only · " if self.read_only else "") + f"o {other}"

    def _chosen(self) -> Annotation | None:
        index = self.highlighted
        notes = self.shown
        return notes[index] if index is not None and 0 <= index < len(notes) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ann = self._chosen()
        if ann is not None:
            self.post_message(AnnotationAction(NoteAction.JUMP, ann))

    def action_edit(self) -> None:
        if (ann := self._chosen()) is not None:
            self.post_message(AnnotationAction(NoteAction.EDIT, ann))

    def action_delete(self) -> None:
        if (ann := self._chosen()) is not None:
            self.post_message(AnnotationAction(NoteAction.DELETE, ann))

    def action_undo(self) -> None:
        self.post_message(AnnotationAction(NoteAction.UNDO))

    def action_toggle_orphans(self) -> None:
        self.set_view(not self.show_orphans)


class NoteResults(OptionList):
    """Notes of the whole library matching the search box (text, #tags, quote)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes: list[Annotation] = []

    def show_notes(self, notes: list[Annotation] | None) -> None:
        shown = list(notes or [])[:200]
        if self.display == (notes is not None) and shown == self.notes and self.option_count:
            return  # unchanged: typing a query that finds no notes redraws nothing
        self.notes = shown
        self.display = notes is not None
        width = max(20, (self.scrollable_content_region.width or 40) - 2)
        options = []
        for a in self.notes:
            where = f"{a.report.year or ''} ¶{a.paragraph} " if a.paragraph is not None else f"{a.report.year or ''} "
            options.append(Option(annotation_prompt(a, width, where)))
        self.set_options(options or [Option(Text("No notes match", style="dim"), disabled=True)])
        self.border_title = f"Notes ({len(self.notes)})"
        if self.notes:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.notes):
            self.post_message(AnnotationAction(NoteAction.OPEN, self.notes[event.option_index]))
