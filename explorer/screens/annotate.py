"""Modal screens for notes: write or edit an annotation, and ask for a path."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from explorer.annotation_style import COLOURS, highlight_style, parse_tags
from explorer.text import shorten


@dataclass
class AnnotateResult:
    note: str
    tags: list[str]
    colour: str


class AnnotateScreen(ModalScreen[AnnotateResult | None]):
    """A note (multi-line), tags (comma separated) and a colour; Ctrl+S saves, Esc cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, title: str, quote: str, note: str = "", tags: list[str] | None = None,
                 colour: str = "yellow") -> None:
        super().__init__()
        self.title_text, self.quote = title, quote
        self.note, self.tags, self.colour = note, tags or [], colour if colour in COLOURS else "yellow"

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-body") as body:
            body.border_title = self.title_text
            body.border_subtitle = "Ctrl+S save · Esc cancel"
            yield Static(Text(shorten(self.quote, 300)), id="annotate-quote")
            yield Label("Note (empty: a highlight)")
            yield TextArea(self.note, id="annotate-note", soft_wrap=True)
            yield Label("Tags (comma separated)")
            yield Input(", ".join(self.tags), id="annotate-tags", placeholder="e.g. economy, 2025 targets")
            with RadioSet(id="annotate-colour"):
                for colour in COLOURS:
                    label = Text(colour, style=highlight_style(colour))  # no swatch: five fit in 56 columns
                    yield RadioButton(label, value=colour == self.colour, id=f"colour-{colour}")
            with Horizontal(id="annotate-buttons"):
                yield Button("Cancel", id="annotate-cancel")
                yield Button("Save", id="annotate-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def result(self) -> AnnotateResult:
        pressed = self.query_one(RadioSet).pressed_button
        colour = pressed.id.removeprefix("colour-") if pressed is not None and pressed.id else self.colour
        return AnnotateResult(self.query_one(TextArea).text.strip(), parse_tags(self.query_one(Input).value), colour)

    def action_save(self) -> None:
        self.dismiss(self.result())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "annotate-save":
            self.action_save()
        else:
            self.action_cancel()


class PromptScreen(ModalScreen[str | None]):
    """One line of input (a path): Enter accepts, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True)]

    def __init__(self, title: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.placeholder = title, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-body") as body:
            body.border_title = self.title_text
            body.border_subtitle = "Enter accept · Esc cancel"
            yield Input(placeholder=self.placeholder, id="prompt-input")
            with Horizontal(id="prompt-buttons"):
                yield Button("Cancel", id="prompt-cancel")
                yield Button("OK", id="prompt-ok", variant="primary")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.query_one(Input).value.strip() or None if event.button.id == "prompt-ok" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
