"""The difference inside a changed sentence: characters (Chinese) or words (English).

A figure is one token (2.5%, 1,200, 5.0, ３％), so a changed number is one
change, never a few digits inside one, and it is flagged: `2.5%左右` against
`3%左右` gives the figure pair ("2.5%", "3%").
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

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
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    old_pieces: list[Piece] = []
    new_pieces: list[Piece] = []
    numbers: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
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
        numbers += _pair(gone, came)
        if i2 > i1:
            old_pieces.append(Piece("delete", "".join(a[i1:i2]), bool(gone)))
        if j2 > j1:
            new_pieces.append(Piece("insert", "".join(b[j1:j2]), bool(came)))
    return _merged(old_pieces), _merged(new_pieces), numbers


def _year_moved(old: str, new: str, shift: int) -> bool:
    return (len(old) == len(new) == 4 and old.isdigit() and new.isdigit()
            and 1900 <= int(old) <= 2100 and int(new) - int(old) == shift)


def _pair(gone: list[str], came: list[str]) -> list[tuple[str, str]]:
    """Figures replaced in one place, paired in order; the surplus stands alone."""
    pairs = list(zip(gone, came, strict=False))
    pairs += [(g, "") for g in gone[len(came):]]
    pairs += [("", c) for c in came[len(gone):]]
    return pairs


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Without empty pieces. Equal runs are left apart even where one side has them
    side by side: both sides then have the same equal runs, in the same order."""
    return [p for p in pieces if p.text]
