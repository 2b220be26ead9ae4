"""Help generated from the bindings in force, so it never lies."""

from __future__ import annotations

from typing import NamedTuple

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "slash": "/", "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
    "space": "Space", "escape": "Esc", "pagedown": "PgDn", "pageup": "PgUp", "ctrl+p": "Ctrl+P",
    "ctrl+n": "Ctrl+N", "ctrl+s": "Ctrl+S", "delete": "Del",
}


def key_label(keys: str) -> str:
    labels = []
    for key in keys.split(","):
        key = key.strip()
        labels.append(KEY_NAMES.get(key, key.upper() if key.startswith("f") and key[1:].isdigit() else key))
    return " ".join(labels)


def bindings_table(groups: list[tuple[str, list[Binding]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in groups:
        if not bindings:
            continue
        table.add_row(Text(title, style="bold underline"), "")
        rows: dict[str, tuple[list[str], str]] = {}
        for b in bindings:  # one row per action, with all its keys
            keys, description = rows.setdefault(b.action, ([], b.description or b.action))
            keys.append(key_label(b.key))
        for keys, description in rows.values():
            table.add_row(" ".join(keys), Text(description))
        table.add_row("", "")
    return table


class KeyGroup(NamedTuple):
    """The keys of one widget or screen class (its BINDINGS), under a title."""

    title: str
    owner: type[DOMNode]
    palette: str | None = None
    """Prefix of its entries in the command palette; None keeps them out of it."""


def collect(groups: list[KeyGroup]) -> list[tuple[str, list[Binding]]]:
    """(title, bindings) of each group."""
    return [(g.title, [b for b in g.owner.BINDINGS if isinstance(b, Binding)]) for g in groups]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups
        self.table = bindings_table(groups)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "reportx keys"
            body.border_subtitle = "Esc to close · Ctrl+P: every command"
            yield Static(self.table, id="help-table")
