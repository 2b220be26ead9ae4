"""Collocates: the words that occur near a query's matches most, beyond chance.

Words are the index's own: jieba words for Chinese, stemmed words for English
(shown in their most frequent written form). Each is scored against its
frequency in the whole index with Dunning's log-likelihood (G²), or with
pointwise mutual information, which favours rarer words.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from whoosh.analysis import STOP_WORDS

from index.analysis import english_spans, stem
from index.analytics.hits import all_hits
from index.library import Library
from index.textnorm import cjk_run_pattern, fold

Score = Literal["ll", "mi"]
SCORES: tuple[Score, ...] = ("ll", "mi")
DEFAULT_WINDOW = 5
"""Words on each side of a match."""
DEFAULT_MIN_FREQ = 3


@dataclass(frozen=True)
class Collocate:
    word: str
    left: int
    right: int
    corpus: int
    """Occurrences of the word in the whole index."""
    score: float

    @property
    def total(self) -> int:
        return self.left + self.right

    def to_json(self) -> dict[str, object]:
        return {"word": self.word, "left": self.left, "right": self.right, "total": self.total,
                "corpus": self.corpus, "score": round(self.score, 3)}


def collocates(library: Library, query: str, window: int = DEFAULT_WINDOW, min_freq: int = DEFAULT_MIN_FREQ,
               score: Score = "ll", themes: Sequence[str] = (), lang: str | None = None,
               years: tuple[int | None, int | None] | None = None, limit: int = 50) -> list[Collocate]:
    hits = all_hits(library, query, themes, lang, years)
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for hit in hits:
        tokens = _tokens(hit.text)
        for start, end in hit.spans:
            matched = fold(hit.text[start:end])
            before = [t for t in tokens if t[3] <= start][-window:]
            after = [t for t in tokens if t[2] >= end][:window]
            for side, counter in ((before, left), (after, right)):
                for term, written, _, _ in side:
                    if term != matched:
                        counter[term] += 1
                        shown[term][written] += 1
    searcher = library.searcher()
    total_tokens = max(1, searcher.field_length("text"))
    window_tokens = max(1, sum(left.values()) + sum(right.values()))
    found = []
    for term in set(left) | set(right):
        observed = left[term] + right[term]
        if observed < min_freq:
            continue
        corpus = max(observed, searcher.frequency("text", term))
        value = _mi(observed, corpus, window_tokens, total_tokens) if score == "mi" \
            else _log_likelihood(observed, corpus, window_tokens, total_tokens)
        found.append(Collocate(shown[term].most_common(1)[0][0], left[term], right[term], int(corpus), value))
    found.sort(key=lambda c: (-c.score, -c.total, c.word))
    return found[:limit]


Token = tuple[str, str, int, int]  # (index term, as written, start, end)


def _tokens(text: str) -> list[Token]:
    """The words of a paragraph as the index has them, with their offsets;
    punctuation, numbers, stop words and single Chinese characters (mostly
    particles: 的, 和, 等) left out."""
    import rjieba  # loaded only when collocates are asked for

    out: list[Token] = []
    folded = fold(text)
    at = 0
    for m in cjk_run_pattern().finditer(folded):
        out += _english(text, folded, at, m.start())
        for word, s, e in rjieba.tokenize(m.group()):
            if len(word) > 1:
                out.append((word, text[m.start() + s:m.start() + e], m.start() + s, m.start() + e))
        at = m.end()
    return out + _english(text, folded, at, len(text))


def _english(text: str, folded: str, begin: int, end: int) -> list[Token]:
    return [(stem(word), text[begin + s:begin + e], begin + s, begin + e)
            for word, s, e in english_spans(folded[begin:end])
            if word.isalpha() and word not in STOP_WORDS and len(word) > 1]


def _log_likelihood(a: int, word_total: int, window_total: int, corpus_total: int) -> float:
    """G² of the word's count near the matches against its count elsewhere."""
    b = max(0, word_total - a)
    c = max(0, window_total - a)
    d = max(0, corpus_total - window_total - b)
    n = a + b + c + d
    g2 = 0.0
    for observed, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        expected = row * col / n if n else 0.0
        if observed > 0 and expected > 0:
            g2 += observed * math.log(observed / expected)
    g2 *= 2
    # Negative association (rarer near the match than elsewhere) scores below zero.
    return g2 if a * n >= (a + b) * (a + c) else -g2


def _mi(a: int, word_total: int, window_total: int, corpus_total: int) -> float:
    expected = word_total * window_total / corpus_total
    return math.log2(a / expected) if expected > 0 and a > 0 else 0.0
