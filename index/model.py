"""Plain data: a report, its section tree and its paragraphs.

A paragraph is the unit that is indexed, shown and annotated. Offsets are in
Unicode code points into the report's text as read (line endings normalised to
LF, BOM removed), so a paragraph can always be found again in its report.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
    joins: tuple[tuple[int, int], ...] = ()
    """Where a paragraph broken over several lines of the file (a web copy's
    line fragments) was joined: (offset in `text`, offset in the report text)
    for each piece after the first. Empty when `text` is one slice of the file."""

    @property
    def end(self) -> int:
        return self.to_file(len(self.text))

    def to_file(self, i: int) -> int:
        """Offset in the report text of offset `i` in `text`."""
        return to_file(self.start, self.joins, i)

    def to_text(self, offset: int) -> int:
        """Offset in `text` of report-text `offset` (a join's gap maps to the join)."""
        return to_text(self.start, self.joins, offset)


def to_file(start: int, joins: Sequence[Sequence[int]], i: int) -> int:
    """Report-text offset of offset `i` in a paragraph starting at `start`.

    A standalone function so that paragraphs stored as plain dicts (the index)
    map offsets with the same rule."""
    base_text, base_file = 0, start
    for at_text, at_file in joins:
        if at_text > i:
            break
        base_text, base_file = at_text, at_file
    return base_file + i - base_text


def to_text(start: int, joins: Sequence[Sequence[int]], offset: int) -> int:
    """Offset in the paragraph text of report-text `offset` (inverse of `to_file`)."""
    base_text, base_file = 0, start
    for at_text, at_file in joins:
        if at_file > offset:
            # inside the gap before this piece: the join point itself
            return min(base_text + max(offset - base_file, 0), at_text)
        base_text, base_file = at_text, at_file
    return base_text + max(offset - base_file, 0)


@dataclass
class Section:
    title: str
    level: int
    """0 for the preamble, 1 for top-level sections, 2 below them, ..."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in reading order (no
        recursion: a tree may be as deep as a hostile file makes it)."""
        stack = [self]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def paragraph_count(self) -> int:
        return sum(len(s.paragraphs) for s in self.walk())


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
    problems: list[str] = field(default_factory=list)
    """What was wrong but did not stop the reading (a metadata field of the
    wrong type, ignored): one line each, naming the file and the field."""

    def paragraphs(self) -> list[Paragraph]:
        return [p for top in self.sections for s in top.walk() for p in s.paragraphs]
