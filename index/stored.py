"""Typed views of what the index stores, for code outside the index (the app)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


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

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any]) -> StoredParagraph:
        themes = fields.get("themes") or ""
        return cls(
            number=int(fields["paragraph"]),
            text=str(fields.get("text") or ""),
            start=int(fields.get("start") or 0),
            section=tuple(fields.get("section") or ()),
            themes=tuple(t for t in str(themes).split(",") if t),
        )
