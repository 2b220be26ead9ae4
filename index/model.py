"""Plain data: a report, its section tree and its paragraphs.

A paragraph is the unit that is indexed, shown and annotated. Offsets are in
Unicode code points into the report's text as read (line endings normalised to
LF, BOM removed), so a paragraph can always be found again in its report.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    """The paragraph as written (displayed literally)."""
    number: int = 0
    """Position of the paragraph in its report, from 0."""
    start: int = 0
    """Offset of the paragraph's first character in the report text."""
    section_path: tuple[str, ...] = ()
    """Titles of the enclosing sections, outermost first."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Section:
    title: str
    level: int
    """0 for the preamble, 1 for top-level sections, 2 below them, ..."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def paragraph_count(self) -> int:
        return len(self.paragraphs) + sum(c.paragraph_count() for c in self.children)


@dataclass
class ReportMeta:
    id: str
    title: str
    year: int | None
    lang: str
    """"zh" or "en"."""
    path: str
    content_hash: str


@dataclass
class Report:
    meta: ReportMeta
    text: str
    sections: list[Section]

    def paragraphs(self) -> list[Paragraph]:
        return [p for top in self.sections for s in top.walk() for p in s.paragraphs]
