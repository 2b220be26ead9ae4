"""Splitting paragraphs into the units that are aligned: Chinese clauses, English sentences.

Chinese ends a clause with 。；！？ (full-width or not); closing quotes and
brackets stay with the clause they close. English ends a sentence with . ! ?
(and ;) before a space and a capital, digit or opening quote, unless the dot
belongs to a common abbreviation (U.S., e.g., No. 1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.compare.model import Sentence
from index.model import Paragraph

_ZH_END = re.compile(r"[。；！？;!?]+[”’」』）)]*")
_EN_END = re.compile(r"(?<=[.!?;])([”’\"')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:e\.g|i\.e|etc|vs|No|Nos|Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|approx|incl)\.)$"
)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace around it excluded."""
    if lang == "zh":
        cuts = [m.end() for m in _ZH_END.finditer(text)]
    else:
        cuts = [m.end(1) for m in _EN_END.finditer(text) if not _ABBREVIATIONS.search(text[max(0, m.start() - 12):m.start()])]
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in [*cuts, len(text)]:
        piece = text[begin:cut]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            spans.append((begin + lead, begin + lead + len(stripped)))
        begin = cut
    return spans


def sentences_of(paragraphs: Iterable[Paragraph], lang: str) -> list[Sentence]:
    """Every sentence of `paragraphs`, in reading order, with its place in the report."""
    found: list[Sentence] = []
    for p in paragraphs:
        for start, end in split_sentences(p.text, lang):
            found.append(Sentence(p.text[start:end], p.number, p.start + start))
    return found
