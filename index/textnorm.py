"""Text for matching: what a Chinese character is, folding, and the exact-match rule.

`fold` keeps the length of the text (one character in, one character out), so
an offset found in the folded text is the same offset in the text as written.
It folds full-width forms, case, compatibility ideographs and traditional
characters to simplified ones. The displayed text is never folded.

`match_text` then drops the spaces next to Chinese characters (web copies and
PDF extraction put them between characters: 龚 正, 2024 年) and makes every
other run of white space one space: this is the text exact queries are
matched against. `match_text_map` also gives the way back to offsets in the
text as written.

`find_exact` is the one rule for where an exact query string matches: as a
substring of the match text, with the letters and digits at its ends standing
for whole words and whole numbers (5% does not match inside 15% or 4.5%).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property

from index.tradsimp import SIMPLIFIED, TRADITIONAL

# CJK Unified Ideographs, Extension A, the compatibility ideographs, and the
# supplementary planes' Extensions B to I with the compatibility supplement.
# The one definition of "a Chinese character" in reportx.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"
WORD_CHAR = f"[^\\W{CJK_CLASS}]"
"""A character of an English word or a number (the word tokenizer's, index.analysis)."""

# Characters that make a query string exact (matched as written) besides
# Chinese characters and digits: units and operators analysts search for.
EXACT_SYMBOLS = "%‰‱+/&#@°℃$¥€£-"

_T2S = str.maketrans(TRADITIONAL, SIMPLIFIED)
_OTHER_SPACE = re.compile(r"\s{2,}|[^\S ]")
_SPACE_RUN = re.compile(r"\s+")


class _Lazy:
    """Patterns over CJK_CLASS, compiled on first use: ~2 ms each, and the
    app's start imports this module without needing them."""

    @cached_property
    def cjk_run(self) -> re.Pattern[str]:
        return re.compile(f"[{CJK_CLASS}]+")

    @cached_property
    def cjk(self) -> re.Pattern[str]:
        return re.compile(f"[{CJK_CLASS}]")

    @cached_property
    def exact_trigger(self) -> re.Pattern[str]:
        return re.compile(f"[{CJK_CLASS}\\d{re.escape(EXACT_SYMBOLS)}]")

    @cached_property
    def ignored_space(self) -> re.Pattern[str]:
        return re.compile(f"(?<=[{CJK_CLASS}])\\s+|\\s+(?=[{CJK_CLASS}])")


_lazy = _Lazy()


def cjk_run_pattern() -> re.Pattern[str]:
    """Runs of Chinese characters."""
    return _lazy.cjk_run


def _fold_char(char: str, scripts: bool) -> str:
    folded = unicodedata.normalize("NFKC", char).lower()
    if len(folded) != 1:
        folded = char.lower() if len(char.lower()) == 1 else char
    return folded.translate(_T2S) if scripts else folded


class _FoldTable(dict[int, str]):
    """str.translate's table for `fold`, filled one character at a time as text
    brings new ones (a lookup in C per character, ~10× a Python call per character)."""

    def __init__(self, scripts: bool) -> None:
        super().__init__()
        self.scripts = scripts

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code), self.scripts)
        return folded


_FOLD = {True: _FoldTable(True), False: _FoldTable(False)}


def fold(text: str, scripts: bool = True) -> str:
    """Fold full-width forms, case and (with `scripts`) traditional characters,
    keeping the length."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD[scripts])


def is_cjk(char: str) -> bool:
    """Whether `char` (one character) is a Chinese character."""
    return len(char) == 1 and _lazy.cjk.match(char) is not None


def has_cjk(text: str) -> bool:
    return _lazy.cjk.search(text) is not None


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the letters of `text` (0.0 when none)."""
    cjk = sum(len(m) for m in _lazy.cjk_run.findall(text))
    letters = sum(1 for c in text if c.isalpha())
    return cjk / letters if letters else 0.0


def is_exact(folded: str) -> bool:
    """Whether a query string is matched as written (`find_exact`) rather
    than as stemmed English words: it has a Chinese character, a digit or one
    of EXACT_SYMBOLS."""
    return _lazy.exact_trigger.search(folded) is not None


def match_text(folded: str) -> str:
    """`folded` without the white space next to Chinese characters, other white
    space runs made one space."""
    if folded.isascii() and "  " not in folded and folded.isprintable():
        return folded
    return _OTHER_SPACE.sub(" ", _lazy.ignored_space.sub("", folded))


def match_text_map(folded: str) -> tuple[str, list[int]]:
    """(`match_text(folded)`, where each of its offsets, and its end, lies in `folded`)."""
    pieces: list[str] = []
    where: list[int] = []
    at = 0
    for m in _SPACE_RUN.finditer(folded):
        pieces.append(folded[at : m.start()])
        where.extend(range(at, m.start()))
        before = folded[m.start() - 1] if m.start() else ""
        after = folded[m.end()] if m.end() < len(folded) else ""
        if not (is_cjk(before) or is_cjk(after)):
            pieces.append(" ")
            where.append(m.start())
        at = m.end()
    pieces.append(folded[at:])
    where.extend(range(at, len(folded) + 1))
    return "".join(pieces), where


def find_exact(text: str, needle: str, start: int = 0) -> int:
    """Where `needle` (a folded match text) first matches in the match text
    `text` at or after `start`, or -1: as a substring, and where it begins or
    ends with a letter or digit, that word or number is whole in the text too
    (not preceded or followed by a letter, a digit, or a dot joining a number:
    5% is not found in 15% or 4.5%, 2 not in 2.5). Chinese characters are no
    part of a word: 5g matches in 5g基站. (Plain string search and a look at the
    neighbours: a regex with these look-arounds takes milliseconds to compile.)"""
    head, tail = _word_char(needle[:1]), _word_char(needle[-1:])
    at = text.find(needle, start)
    while at != -1:
        if (not head or _whole_before(text, at)) and (not tail or _whole_after(text, at + len(needle))):
            return at
        at = text.find(needle, at + 1)
    return -1


def has_word_ends(needle: str) -> bool:
    """Whether `find_exact` checks more than the substring for `needle`."""
    return _word_char(needle[:1]) or _word_char(needle[-1:])


def _word_char(char: str) -> bool:
    """A character of an English word or a number (WORD_CHAR)."""
    return (char.isalnum() or char == "_") and not _is_cjk_code(ord(char))


def _is_cjk_code(code: int) -> bool:
    return (0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x2FA1F or 0x30000 <= code <= 0x323AF)


def _whole_before(text: str, at: int) -> bool:
    if at == 0:
        return True
    if _word_char(text[at - 1]):
        return False
    return not (text[at - 1] == "." and at >= 2 and _word_char(text[at - 2]))


def _whole_after(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    if _word_char(text[end]):
        return False
    return not (text[end] == "." and end + 1 < len(text) and _word_char(text[end + 1]))
