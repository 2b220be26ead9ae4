"""The difference inside a changed sentence: characters (Chinese) or words (English).

A figure is one token (2.5%, 1,200, 5.0, ３％), so a changed number is one
change, never a few digits inside one, and it is flagged: `2.5%左右` against
`3%左右` gives the figure pair ("2.5%", "3%").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Indel

from index.compare.model import Piece

# A figure: digits with decimal/thousands separators, full-width or not, with a
# trailing percent sign or Chinese magnitude (万, 亿) when there is one.
_NUMBER = r"[0-9０-９]+(?:[.,．，][0-9０-９]+)*(?:[%％‰]|万亿|万|亿)?"
_NUMBER_RE = re.compile(_NUMBER)
_ZH_TOKENS = re.compile(rf"{_NUMBER}|[A-Za-z]+|\s+|.", re.S)
_EN_TOKENS = re.compile(rf"{_NUMBER}|\w+(?:[-'’]\w+)*|\s+|.", re.S)


def tokens(text: str, lang: str) -> list[str]:
    return (_ZH_TOKENS if lang == "zh" else _EN_TOKENS).findall(text)


def is_number(token: str) -> bool:
    return _NUMBER_RE.fullmatch(token) is not None


def inline_diff(old: str, new: str, lang: str, year_shift: int | None = None
                ) -> tuple[list[Piece], list[Piece], list[tuple[str, str]]]:
    """(old pieces, new pieces, changed figures) for two versions of a sentence.

    With `year_shift` (the new report's year minus the old one's), a year moved
    on by exactly that much (2024年 -> 2025年 a year later) is an ordinary change,
    not a changed figure.
    """
    a, b = tokens(old, lang), tokens(new, lang)
    # rapidfuzz's LCS opcodes (C++): difflib's SequenceMatcher took ~85% of comparing two reports.
    raw = [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Indel.opcodes(a, b)]
    opcodes = _absorb_short_equals(raw, a, lang)
    old_pieces: list[Piece] = []
    new_pieces: list[Piece] = []
    numbers: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            text = "".join(a[i1:i2])
            old_pieces.append(Piece("equal", text))
            new_pieces.append(Piece("equal", text))
            continue
        gone = [t for t in a[i1:i2] if is_number(t)]
        came = [t for t in b[j1:j2] if is_number(t)]
        if year_shift is not None and len(gone) == len(came) and all(
                _year_moved(g, c, year_shift) for g, c in zip(gone, came, strict=False)):
            gone, came = [], []
        pairs = _pair(gone, came)
        numbers += pairs
        if i2 > i1:
            old_pieces.append(Piece("delete", "".join(a[i1:i2]), any(o for o, _ in pairs)))
        if j2 > j1:
            new_pieces.append(Piece("insert", "".join(b[j1:j2]), any(n for _, n in pairs)))
    return _merged(old_pieces), _merged(new_pieces), numbers


Opcode = tuple[str, int, int, int, int]


def _absorb_short_equals(opcodes: Sequence[Opcode], a: list[str], lang: str) -> list[Opcode]:
    """Merge changes separated only by a sliver of common text (a space, "the", one or two
    Chinese characters) into one change, so a rewritten phrase reads as old -> new rather than
    as interleaved fragments (diff-match-patch calls this semantic cleanup)."""
    merged: list[Opcode] = []
    for code in opcodes:
        if (code[0] != "equal" and len(merged) >= 2 and merged[-1][0] == "equal"
                and merged[-2][0] != "equal" and _sliver(a[merged[-1][1]:merged[-1][2]], lang)):
            first = merged[-2]
            merged[-2:] = [("replace", first[1], code[2], first[3], code[4])]
        elif code[0] != "equal" and merged and merged[-1][0] != "equal":
            first = merged[-1]
            merged[-1] = ("replace", first[1], code[2], first[3], code[4])
        else:
            merged.append(code)
    return merged


def _sliver(tokens: list[str], lang: str) -> bool:
    words = [t for t in tokens if not t.isspace()]
    if lang == "zh":
        return sum(len(w) for w in words) <= 2
    return not words or (len(words) == 1 and len(words[0]) <= 3)


def _year_moved(old: str, new: str, shift: int) -> bool:
    return _is_year(old) and _is_year(new) and int(new) - int(old) == shift


def _pair(gone: list[str], came: list[str]) -> list[tuple[str, str]]:
    """Figures replaced in one place, paired in order; the surplus stands alone, except a
    bare year (a date gone or added, not a figure that changed)."""
    pairs = list(zip(gone, came, strict=False))
    pairs += [(g, "") for g in gone[len(came):] if not _is_year(g)]
    pairs += [("", c) for c in came[len(gone):] if not _is_year(c)]
    return pairs


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Without empty pieces. Equal runs are left apart even where one side has them
    side by side: both sides then have the same equal runs, in the same order."""
    return [p for p in pieces if p.text]
