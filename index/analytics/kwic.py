"""Concordance (keyword in context): every match with its left and right
context, aligned on the match.

Context is counted in characters for Chinese (a word window would swallow
whole clauses) and in words for English. Line breaks inside a paragraph
show as spaces, so each line stays one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from index.analytics.hits import all_hits
from index.library import Library
from index.search import Hit
from index.textnorm import has_cjk

Sort = Literal["year", "left", "right", "report"]
SORTS: tuple[Sort, ...] = ("year", "left", "right", "report")
DEFAULT_WIDTH = 20
"""Context on each side: characters for Chinese; English gets half as many words."""

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class KwicLine:
    report: str
    title: str
    year: int | None
    lang: str
    section: tuple[str, ...]
    paragraph: int
    start: int
    """Offset of the match in the paragraph text."""
    left: str
    hit: str
    right: str

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "report": self.report, "title": self.title, "lang": self.lang,
                "section": list(self.section), "paragraph": self.paragraph, "start": self.start,
                "left": self.left, "hit": self.hit, "right": self.right}


def concordance(library: Library, query: str, width: int = DEFAULT_WIDTH, sort: Sort = "year",
                themes: Sequence[str] = (), lang: str | None = None,
                years: tuple[int | None, int | None] | None = None) -> list[KwicLine]:
    """Every match of `query`, sorted."""
    lines = [line for hit in all_hits(library, query, themes, lang, years) for line in lines_of(hit, width)]
    return sort_lines(lines, sort)


def lines_of(hit: Hit, width: int) -> list[KwicLine]:
    text = hit.text
    out = []
    for start, end in hit.spans:
        if hit.lang == "zh" or has_cjk(text[start:end]):
            left, right = _chars_before(text, start, width), _chars_after(text, end, width)
        else:
            words = max(1, width // 2)
            left, right = _words_before(text, start, words).rstrip(), _words_after(text, end, words).lstrip()
        out.append(KwicLine(hit.report, hit.title, hit.year, hit.lang, tuple(hit.section), hit.paragraph,
                            start, left, _flat(text[start:end]), right))
    return out


def _place(line: KwicLine) -> tuple[str, int, int]:
    return line.report, line.paragraph, line.start


def sort_lines(lines: list[KwicLine], sort: Sort) -> list[KwicLine]:
    place = _place
    if sort == "left":  # nearest character (or word) to the match first
        return sorted(lines, key=lambda line: (_near_left(line), line.hit.lower(), place(line)))
    if sort == "right":
        return sorted(lines, key=lambda line: (line.right.lower().lstrip(), line.hit.lower(), place(line)))
    if sort == "report":
        return sorted(lines, key=lambda line: (line.title, line.year or 0, place(line)))
    return sorted(lines, key=lambda line: (line.year or 0, line.lang, line.title, place(line)))


def _near_left(line: KwicLine) -> tuple[str, ...] | str:
    left = line.left.lower().rstrip()
    if line.lang == "zh":
        return left[::-1]
    return tuple(reversed(left.split()))


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def _chars_before(text: str, at: int, n: int) -> str:
    return _flat(text[max(0, at - n):at])


def _chars_after(text: str, at: int, n: int) -> str:
    return _flat(text[at:at + n])


def _words_before(text: str, at: int, n: int) -> str:
    before = text[:at]
    words = list(_WORD.finditer(before))
    if not words:
        return _flat(before)
    begin = words[max(0, len(words) - n)].start()
    return _flat(before[begin:])


def _words_after(text: str, at: int, n: int) -> str:
    after = text[at:]
    words = list(_WORD.finditer(after))
    if not words:
        return _flat(after)
    return _flat(after[:words[min(len(words), n) - 1].end()])
