"""Which notes a filter keeps: the one rule behind `notes export --report/--tag`, the
exporters' `report_id`/`tag`, and the search box's `tag:`/`colour:` terms.

Plain data and regular expressions only (no rapidfuzz, no YAML), so the app's start
can use `strip_note_filters` without loading the notes machinery.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.notes.model import Annotation

_FILTER_TERM = re.compile(r"(?<!\S)(tag|colour|color):(\S+)", re.IGNORECASE)


@dataclass
class NoteFilter:
    """Keep notes of any of `reports` (id, or words of the title), with any of `tags`,
    of any of `colours`, whose note, quote or tags contain `text`. Empty parts keep all."""

    reports: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    text: str = ""
    ignore_case: bool = True
    """Tags and colours compared without case (the search box); exact for the command line."""

    @classmethod
    def parse(cls, query: str) -> NoteFilter:
        """A search-box query: `tag:X` and `colour:Y` terms, the rest is free text."""
        parsed = cls()
        for kind, value in _FILTER_TERM.findall(query):
            (parsed.tags if kind.lower() == "tag" else parsed.colours).append(value.lower())
        parsed.text = strip_note_filters(query)
        return parsed

    @property
    def filters(self) -> bool:
        return bool(self.reports or self.tags or self.colours)

    def matches(self, ann: Annotation) -> bool:
        if self.reports and not any(self._report_is(r, ann) for r in self.reports):
            return False
        if self.tags:
            tags = {t.lower() for t in ann.tags} if self.ignore_case else set(ann.tags)
            if not tags & set(self.tags):
                return False
        if self.colours and ann.colour.lower() not in self.colours:
            return False
        needle = self.text.strip().lower()
        if not needle:
            return True
        return needle in "\n".join([ann.note, ann.quote, " ".join(ann.tags)]).lower()

    @staticmethod
    def _report_is(wanted: str, ann: Annotation) -> bool:
        wanted = wanted.lower()
        return wanted == ann.report.id.lower() or wanted in ann.report.title.lower()

    def apply(self, anns: Iterable[Annotation]) -> list[Annotation]:
        return [a for a in anns if self.matches(a)]


def strip_note_filters(query: str) -> str:
    """The query without `tag:`/`colour:` terms (they filter notes, not paragraphs)."""
    return " ".join(_FILTER_TERM.sub(" ", query).split())
