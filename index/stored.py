"""Typed views of what the index stores, for code outside the index (the app)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from index.model import to_file, to_text


@dataclass(frozen=True, slots=True)
class StoredParagraph:
    """One paragraph as `Library.paragraphs` stores it."""

    number: int
    """The paragraph's number in its report (¶), as shown and as search hits name it."""
    text: str
    start: int
    """Offset of the paragraph in the report text (notes anchor on these offsets)."""
    section: tuple[str, ...]
    """Section titles, outermost first."""
    themes: tuple[str, ...]
    joins: tuple[tuple[int, int], ...] = ()
    """Where a paragraph broken over lines was joined: (offset in text, offset in the report
    text) of each piece after the first (index.model.Paragraph.joins)."""

    @property
    def end(self) -> int:
        return self.to_file(len(self.text))

    def to_file(self, i: int) -> int:
        """Offset in the report text of offset `i` in `text`."""
        return to_file(self.start, self.joins, i)

    def to_text(self, offset: int) -> int:
        """Offset in `text` of report-text `offset` (a join's gap maps to the join)."""
        return to_text(self.start, self.joins, offset)

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any]) -> StoredParagraph:
        themes = fields.get("themes") or ""
        return cls(
            number=int(fields["paragraph"]),
            text=str(fields.get("text") or ""),
            start=int(fields.get("start") or 0),
            section=tuple(fields.get("section") or ()),
            themes=tuple(t for t in str(themes).split(",") if t),
            joins=tuple((int(a), int(b)) for a, b in fields.get("joins") or ()),
        )
