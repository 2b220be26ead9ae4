"""How text becomes index terms.

English: words, lower-cased and stemmed (a search for "emission" finds
"emissions"). The unstemmed word is indexed at the same position too, so
wildcards such as `emission*` work on a stemmed field (Lucene's
KeywordRepeat idea). Stop words are kept so phrases stay exact.

Chinese: jieba words in the `text` field give word-level ranking. For exact
substring recall (the segmenter alone misses 碳中和 in 碳达峰碳中和), the `cjk`
field holds the character bigrams of every CJK run of the match text
(`index.textnorm.match_text`: spaces next to Chinese dropped), without
positions, and the `match_text` column that text itself: an exact query's
rarest bigrams and words give the candidates, its text checks them (see
`index.exact`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem

from index.textnorm import CJK_CLASS, fold, is_exact, match_text

# A word is a run of word characters that are not CJK ideographs, with inner
# dots kept ("5.2", "u.s") like Whoosh's default tokenizer.
_WORD = f"[^\\W{CJK_CLASS}]+"
_SEGMENT = re.compile(f"(?P<cjk>[{CJK_CLASS}]+)|(?P<word>{_WORD}(?:\\.{_WORD})*)")

# Analyzer versions are part of the index name: changing how text is
# analysed must rebuild the index.
ANALYSIS_VERSION = 2


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    stemmed: str = porter_stem(word)  # Whoosh is untyped; a typed name, not a cast: this is hot while indexing
    return stemmed


def english_spans(folded: str) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) for each non-CJK word of an already folded text."""
    for m in _SEGMENT.finditer(folded):
        if m.lastgroup == "word":
            yield m.group(), m.start(), m.end()


def english_terms(text: str) -> list[str]:
    """The stemmed, lower-cased word terms of `text` (full-width forms folded)."""
    return [stem(word) for word, _, _ in english_spans(fold(text))]


def cjk_runs(folded: str) -> Iterator[tuple[str, int]]:
    """(run, start) for each run of CJK ideographs (of a match text: runs that
    spaces interrupt in the text as written are whole here)."""
    for m in _SEGMENT.finditer(folded):
        if m.lastgroup == "cjk":
            yield m.group(), m.start()


def bigrams(run: str) -> list[str]:
    """Overlapping character pairs; a single character stays itself."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


class FoldingTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh ships no types
    """Whoosh's tokenizer protocol around `terms()`: folded text in, (term, pos, start, end) out.

    Untokenized text (wildcard and prefix patterns) is one folded token,
    matched against the unstemmed words kept in the index.
    """

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        t = Token(positions, chars, removestops=False, mode=mode, **kwargs)
        folded = fold(value)
        if not tokenize:
            yield _fill(t, folded, start_pos, start_char, start_char + len(value))
            return
        for text, pos, start, end in self.terms(folded, mode):
            yield _fill(t, text, start_pos + pos, start_char + start, start_char + end)

    def terms(self, folded: str, mode: str) -> Iterator[tuple[str, int, int, int]]:
        raise NotImplementedError


class MixedTokenizer(FoldingTokenizer):
    """Tokens of the `text` field: stemmed English words and jieba words.

    In query mode a string to match as written (`index.textnorm.is_exact`:
    Chinese, digits, symbols) stays whole, white space and all: the query
    layer matches it exactly, with jieba words and English words for ranking.
    """

    def terms(self, folded: str, mode: str) -> Iterator[tuple[str, int, int, int]]:
        if mode == "query" and is_exact(folded):
            yield " ".join(folded.split()), 0, 0, len(folded)
            return
        pos = 0
        for m in _SEGMENT.finditer(folded):
            if m.lastgroup == "word":
                word = m.group()
                for form in (stem(word),) if mode == "query" else _index_forms(word):
                    yield form, pos, m.start(), m.end()
                pos += 1
            else:
                import rjieba  # 0.15 s to load: only indexing needs it, not queries or the app's start

                for word, s, e in rjieba.tokenize(m.group()):
                    yield word, pos, m.start() + s, m.start() + e
                    pos += 1


class PairTokenizer(FoldingTokenizer):
    """Tokens of the `pairs` field: each two English words standing next to
    each other in the `text` field, stemmed (`word_pair`). A two-word phrase
    is then one term, and a longer one reads positions only where all its
    pairs occur. A CJK run between two words parts them (its words sit between)."""

    def terms(self, folded: str, mode: str) -> Iterator[tuple[str, int, int, int]]:
        previous = None
        for m in _SEGMENT.finditer(folded):
            if m.lastgroup == "word":
                stemmed = stem(m.group())
                if previous is not None:
                    yield word_pair(previous, stemmed), 0, m.start(), m.end()
                previous = stemmed
            else:
                previous = None


def word_pair(first: str, second: str) -> str:
    return f"{first} {second}"


class BigramTokenizer(FoldingTokenizer):
    """Tokens of the `cjk` field: the character bigrams of each CJK run.

    The last character of a run is also emitted alone, so a one-character
    query `X` is the prefix query `X*` with full recall. Positions are not
    kept (longer runs are checked against the `match_text` column).
    """

    def terms(self, folded: str, mode: str) -> Iterator[tuple[str, int, int, int]]:
        # Offsets are of the match text: the field keeps none.
        for run, start in cjk_runs(match_text(folded)):
            for i, gram in enumerate(bigrams(run)):
                yield gram, 0, start + i, start + i + len(gram)
            if len(run) > 1:
                yield run[-1], 0, start + len(run) - 1, start + len(run)


def match_text_bytes(text: str) -> bytes:
    """The match text of `text` in UTF-8: the `match_text` column, where exact
    queries are looked for (`index.exact`)."""
    return match_text(fold(text)).encode()


def _index_forms(word: str) -> tuple[str, ...]:
    stemmed = stem(word)
    return (stemmed,) if stemmed == word else (stemmed, word)


def _fill(t: Token, text: str, pos: int, startchar: int, endchar: int) -> Token:
    t.text = t.original = text
    t.boost = 1.0
    t.stopped = False
    t.pos = pos
    t.startchar = startchar
    t.endchar = endchar
    return t


def mixed_analyzer() -> MixedTokenizer:
    return MixedTokenizer()


def bigram_analyzer() -> BigramTokenizer:
    return BigramTokenizer()


def pair_analyzer() -> PairTokenizer:
    return PairTokenizer()
