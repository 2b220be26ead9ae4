"""Aligning the sentences of two versions of a section.

Identical sentences are anchored first (difflib on the sentence lists); in each
stretch between anchors the remaining sentences are paired by similarity
(rapidfuzz), keeping their order, so a reworded sentence is a change and not a
removal plus an addition. A sentence removed in one place and added verbatim
in another is a move.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from index.compare.fuzzy import ratios
from index.compare.inline import inline_diff
from index.compare.model import Piece, Row, Sentence
from index.compare.section_align import strip_numbering

SIMILAR = 55.0
"""Least similarity (rapidfuzz ratio, 0-100) for two sentences to be one changed sentence."""


def align_sentences(old: list[Sentence], new: list[Sentence], lang: str,
                    year_shift: int | None = None) -> list[Row]:
    a = [_key(s.text) for s in old]
    b = [_key(s.text) for s in new]
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [Row("same", o, n, [Piece("equal", o.text)], [Piece("equal", n.text)])
                     for o, n in zip(old[i1:i2], new[j1:j2], strict=False)]
        else:
            rows += _pair_block(old[i1:i2], new[j1:j2], lang, year_shift)
    _mark_moves(rows)
    return rows


def _key(text: str) -> str:
    """What must be equal for two sentences to be the same: a heading renumbered is not a change."""
    return " ".join(strip_numbering(text).split())


def _pair_block(old: list[Sentence], new: list[Sentence], lang: str, year_shift: int | None) -> list[Row]:
    """Rows for a stretch of differing sentences: changed pairs in order, the rest one-sided."""
    pairs = _monotone_pairs([s.text for s in old], [s.text for s in new]) if old and new else []
    rows: list[Row] = []
    i = j = 0
    for pi, pj in [*pairs, (len(old), len(new))]:
        rows += [Row("removed", o, None, old_pieces=[Piece("delete", o.text)]) for o in old[i:pi]]
        rows += [Row("added", None, n, new_pieces=[Piece("insert", n.text)]) for n in new[j:pj]]
        if pi < len(old) and pj < len(new):
            o, n = old[pi], new[pj]
            old_pieces, new_pieces, numbers = inline_diff(o.text, n.text, lang, year_shift)
            rows.append(Row("changed", o, n, old_pieces, new_pieces, numbers))
        i, j = pi + 1, pj + 1
    return rows


def _monotone_pairs(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """The in-order pairs (i, j) of similar sentences with the greatest total similarity."""
    scores = ratios(old, new, SIMILAR)
    m, n = len(old), len(new)
    # best[i][j]: best total over old[i:], new[j:]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(n - 1, -1, -1):
            take = below[j + 1] + scores[i][j] if scores[i][j] >= SIMILAR else -1.0
            row[j] = max(take, below[j], row[j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < m and j < n:
        if scores[i][j] >= SIMILAR and best[i][j] == best[i + 1][j + 1] + scores[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _mark_moves(rows: list[Row]) -> None:
    """A removed sentence that comes back verbatim elsewhere: one "moved" row, where it now is."""
    removed: dict[str, list[int]] = {}
    for k, row in enumerate(rows):
        if row.kind == "removed" and row.old is not None:
            removed.setdefault(_key(row.old.text), []).append(k)
    gone: set[int] = set()
    for row in rows:
        if row.kind == "added" and row.new is not None:
            places = removed.get(_key(row.new.text))
            if places:
                k = places.pop(0)
                row.kind, row.old = "moved", rows[k].old
                row.old_pieces = [Piece("equal", row.new.text)]
                row.new_pieces = [Piece("equal", row.new.text)]
                gone.add(k)
    rows[:] = [r for k, r in enumerate(rows) if k not in gone]
