"""How annotations look and what the annotate dialog accepts: colours, marks, tags.

The one home of the annotation colours: the reader, the panels and the dialog
all read them here.
"""

from __future__ import annotations

import re

from rich.style import Style

HIGHLIGHT_COLOURS = {
    "yellow": "#f7e26b", "green": "#9be38f", "blue": "#9cc9f5", "pink": "#f5a8d0", "orange": "#f8bd7a",
}
"""Background of each annotation colour (with black text: readable on dark and light themes)."""

COLOURS = tuple(HIGHLIGHT_COLOURS)

MARKS = {"note": "✎", "bookmark": "⚑"}
"""The reader's gutter mark of each kind of annotation (highlights have none)."""


def highlight_style(colour: str) -> Style:
    return Style(bgcolor=HIGHLIGHT_COLOURS.get(colour, HIGHLIGHT_COLOURS["yellow"]), color="black")


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags (Chinese commas too), trimmed, without duplicates."""
    tags = [t.strip() for t in re.split(r"[,，、]", text)]
    return list(dict.fromkeys(t for t in tags if t))
