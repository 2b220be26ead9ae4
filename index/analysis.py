"""How text becomes index terms.

English: words, lower-cased and stemmed (a search for "emission" finds
"emissions"); stop words are kept so phrases stay exact.
Chinese: jieba words for ranking, plus overlapping character bigrams of every
CJK run for exact substring recall (the way CJK search engines do it).
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import StemmingAnalyzer

from index.textnorm import fold

_english = StemmingAnalyzer(stoplist=None, minsize=1)


@lru_cache(maxsize=8192)
def _english_terms_cached(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in _english(text))


def english_terms(text: str) -> list[str]:
    """The stemmed, lower-cased word terms of `text` (full-width forms folded)."""
    return list(_english_terms_cached(fold(text)))
