"""Aligning the sections of two reports: by title first, then by content.

Titles are compared without their numbering (一、 （三） III. 2.) and with years
blanked (2023年工作回顾 and 2024年工作回顾 are the same section a year on), by
rapidfuzz similarity. Sections whose titles were rewritten are then paired by
what they say (cosine of character bigrams for Chinese, of words for English).
Pairs are taken best first, so each section has at most one counterpart; a
pair out of order with the others is a moved section.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from index.compare.fuzzy import ratios
from index.compare.model import MatchHow
from index.model import Paragraph, Section

TITLE_MATCH = 72.0
"""Least title similarity (0-100) for two sections to be the same section."""
CONTENT_MATCH = 0.45
"""Least content similarity (cosine, 0-1) for sections whose titles differ."""
CONTENT_TITLE_FLOOR = 20.0
"""Below this title similarity, sections are paired by content only when their
levels agree: a subsection's text resembles its parent's."""

# Full-width forms are spelled out so that sentences need no NFKC pass (a third of the time).
_NUMBERING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百零〇\d０-９]+[）)][、.．]?|[一二三四五六七八九十百零〇]+[、.．]|"
    r"[\d０-９]+(?:[.．、)）]|\s)(?![\d０-９])|[IVXLCⅠ-Ⅻ]+[.．、]|第[一二三四五六七八九十百]+[部分章节条]*[、，:：]?)\s*"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_WORD = re.compile(r"[a-z]+")


def strip_numbering(text: str) -> str:
    """`text` without a leading heading number (一、 （三） III. 2.)."""
    return _NUMBERING.sub("", text, count=1)


def title_key(title: str) -> str:
    """A section title as compared: no numbering, years blanked, folded, no spaces or end punctuation."""
    text = strip_numbering(unicodedata.normalize("NFKC", title)).lower()
    text = _YEAR.sub("#", text)
    return re.sub(r"[\s。.，,：:；;]+", " ", text).strip()


@dataclass
class Node:
    """A section flattened out of its tree, with what is needed to pair it."""

    index: int
    path: tuple[str, ...]
    level: int
    section: Section
    parent: int | None
    key: str = ""
    own: list[Paragraph] = field(default_factory=list)
    """The section's own paragraphs, not those of its subsections."""


def flatten(sections: list[Section]) -> list[Node]:
    nodes: list[Node] = []

    def visit(section: Section, path: tuple[str, ...], parent: int | None) -> None:
        node = Node(len(nodes), (*path, section.title), section.level, section, parent,
                    title_key(section.title), list(section.paragraphs))
        nodes.append(node)
        for child in section.children:
            visit(child, node.path, node.index)

    for top in sections:
        visit(top, (), None)
    return nodes


@dataclass(frozen=True)
class Pair:
    old: int
    new: int
    how: MatchHow
    score: float


def align_sections(old: list[Node], new: list[Node], lang: str) -> list[Pair]:
    """Pairs of (old node, new node) that are the same section, in old order."""
    if not old or not new:
        return []
    titles = ratios([n.key for n in old], [n.key for n in new], CONTENT_TITLE_FLOOR)
    candidates = [
        (float(titles[i][j]) + _level_bonus(o, n), i, j)
        for i, o in enumerate(old) for j, n in enumerate(new)
        if titles[i][j] >= TITLE_MATCH or (o.level == 0 and n.level == 0)
    ]
    pairs = _best_first(candidates, "title", {}, {})
    taken_old = {p.old: p for p in pairs}
    taken_new = {p.new: p for p in pairs}
    left_old = [o for o in old if o.index not in taken_old]
    left_new = [n for n in new if n.index not in taken_new]
    if left_old and left_new:
        vectors_old = {o.index: _Vector(o.section, lang) for o in left_old}
        vectors_new = {n.index: _Vector(n.section, lang) for n in left_new}
        content = []
        for o in left_old:
            for n in left_new:
                if o.level != n.level and titles[o.index][n.index] < CONTENT_TITLE_FLOOR:
                    continue
                score = vectors_old[o.index].cosine(vectors_new[n.index])
                if score >= CONTENT_MATCH:
                    content.append((100 * score, o.index, n.index))
        pairs += _best_first(content, "content", taken_old, taken_new)
    return sorted(pairs, key=lambda p: p.old)


def _level_bonus(old: Node, new: Node) -> float:
    return 0.5 if old.level == new.level else 0.0


def _best_first(candidates: list[tuple[float, int, int]], how: MatchHow,
                taken_old: dict[int, Pair], taken_new: dict[int, Pair]) -> list[Pair]:
    used_old, used_new = set(taken_old), set(taken_new)
    pairs: list[Pair] = []
    # Ties go to the pair nearest the diagonal, then to the earlier section.
    for score, i, j in sorted(candidates, key=lambda c: (-c[0], abs(c[1] - c[2]), c[1])):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append(Pair(i, j, how, min(score, 100.0)))
    return pairs


class _Vector:
    """What a section says, as counts of character bigrams (Chinese) or words (English)."""

    def __init__(self, section: Section, lang: str) -> None:
        text = "".join(p.text for p in _all_paragraphs(section))
        if lang == "zh":
            chars = [c for c in text if not c.isspace()]
            self.counts: Counter[str] = Counter(a + b for a, b in zip(chars, chars[1:], strict=False))
        else:
            self.counts = Counter(_WORD.findall(text.lower()))
        self.norm = math.sqrt(sum(v * v for v in self.counts.values()))

    def cosine(self, other: _Vector) -> float:
        if not self.norm or not other.norm:
            return 0.0
        small, large = (self.counts, other.counts) if len(self.counts) < len(other.counts) else (other.counts, self.counts)
        dot = sum(v * large[k] for k, v in small.items() if k in large)
        return dot / (self.norm * other.norm)


def _all_paragraphs(section: Section) -> list[Paragraph]:
    return [*section.paragraphs, *(p for child in section.children for p in _all_paragraphs(child))]


def moved(pairs: list[Pair]) -> set[int]:
    """Old indexes of pairs out of order: those not on a longest in-order chain."""
    ordered = sorted(pairs, key=lambda p: p.old)
    news = [p.new for p in ordered]
    # Longest increasing subsequence with back-pointers (patience sorting).
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(news)
    for k, value in enumerate(news):
        at = bisect.bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[at] = value
            tail_at[at] = k
        back[k] = tail_at[at - 1] if at else -1
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k != -1:
        keep.add(ordered[k].old)
        k = back[k]
    return {p.old for p in ordered if p.old not in keep}
