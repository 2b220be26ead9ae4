"""What the search box means for notes: `tag:`/`colour:` filters, and tag lists.

Plain text and regular expressions only, so the explorer's start can use it
without loading the notes machinery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.notes.model import Annotation

COLOURS = ("yellow", "green", "blue", "pink", "orange")

_FILTER = re.compile(r"(?<!\S)(tag|colour|color):(\S+)", re.IGNORECASE)


@dataclass
class NotesQuery:
    """A search-box query split into free text and `tag:` / `colour:` filters."""

    text: str = ""
    tags: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, query: str) -> NotesQuery:
        parsed = cls()
        for kind, value in _FILTER.findall(query):
            (parsed.tags if kind.lower() == "tag" else parsed.colours).append(value.lower())
        parsed.text = " ".join(_FILTER.sub(" ", query).split())
        return parsed

    @property
    def filters(self) -> bool:
        return bool(self.tags or self.colours)

    def matches(self, ann: Annotation) -> bool:
        if self.tags and not {t.lower() for t in ann.tags} & set(self.tags):
            return False
        if self.colours and ann.colour.lower() not in self.colours:
            return False
        needle = self.text.strip().lower()
        if not needle:
            return True
        haystack = "\n".join([ann.note, ann.quote, " ".join(ann.tags)]).lower()
        return needle in haystack


def strip_note_filters(query: str) -> str:
    """The query without `tag:`/`colour:` terms (they filter notes, not paragraphs)."""
    return " ".join(_FILTER.sub(" ", query).split())


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags (Chinese commas too), trimmed, without duplicates."""
    tags = [t.strip() for t in re.split(r"[,，、]", text)]
    return list(dict.fromkeys(t for t in tags if t))
