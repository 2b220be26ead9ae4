"""Text folding for matching: full-width forms to ASCII, lower case.

`fold` keeps the length of the text (one character in, one character out), so
an offset found in the folded text is the same offset in the text as written.
The displayed text is never folded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK Unified Ideographs (+ Extension A, compatibility ideographs) — the
# characters that Chinese search matches as substrings.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_HAS_CJK = re.compile(f"[{CJK_CLASS}]")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char.lower() if len(char.lower()) == 1 else char


def fold(text: str) -> str:
    """Fold full-width digits/letters/punctuation and case, keeping the length."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def has_cjk(text: str) -> bool:
    return _HAS_CJK.search(text) is not None


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the letters of `text` (0.0 when none)."""
    cjk = sum(len(m) for m in CJK_RUN.findall(text))
    letters = sum(1 for c in text if c.isalpha())
    return cjk / letters if letters else 0.0
