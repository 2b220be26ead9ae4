"""Where a paragraph matches a query, and a snippet around the best place.

Whoosh's highlighter works on one field's tokens and stops at 32K characters;
our matches come from several fields (stemmed words, exact strings), so the
spans are found here, over the whole paragraph, with the same analysis and
the same exact rule (`index.textnorm.find_exact`), then mapped back to the
text as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.analysis import english_spans, stem
from index.query import HighlightTerms
from index.textnorm import find_exact, fold, has_cjk, match_text_map

Span = tuple[int, int]


@dataclass
class Snippet:
    text: str
    spans: list[Span]
    """Highlighted (start, end) offsets into `text`."""


def match_spans(text: str, terms: HighlightTerms) -> list[Span]:
    """Sorted, merged (start, end) offsets of every match in `text`."""
    folded = fold(text)
    spans: list[Span] = []
    if terms.stems or terms.patterns or terms.phrases:
        words = list(english_spans(folded))
        stems = [stem(word) for word, _, _ in words]
        for (word, start, end), stemmed in zip(words, stems):
            if stemmed in terms.stems or word in terms.stems or any(p.match(word) for p in terms.patterns):
                spans.append((start, end))
        spans += _phrase_spans(words, stems, terms.phrases)
    if terms.substrings:
        spans += _exact_spans(folded, terms.substrings)
    return _merge(sorted(spans))


def _exact_spans(folded: str, needles: set[str]) -> list[Span]:
    """Every match of `needles` (overlapping ones too), as offsets of `folded`."""
    text, where = match_text_map(folded)
    found = []
    for needle in needles:
        at = find_exact(text, needle)
        while at != -1:
            found.append((where[at], where[at + len(needle) - 1] + 1))
            at = find_exact(text, needle, at + 1)
    return found


def _phrase_spans(words: list[tuple[str, int, int]], stems: list[str],
                  phrases: set[tuple[str, ...]]) -> list[Span]:
    """Where a stem sequence of `phrases` stands together; `words` are (word, start, end)."""
    found = []
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(stems) - n + 1):
            if tuple(stems[i : i + n]) == phrase:
                found.append((words[i][1], words[i + n - 1][2]))
    return found


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, spans: list[Span], width: int = 200) -> Snippet:
    """A window of about `width` cells holding the most matches.

    Chinese characters take two cells, so their window is half as many characters.
    """
    if has_cjk(text[:200]):
        width //= 2
    if len(text) <= width:
        return Snippet(text, spans)
    if not spans:
        return Snippet(text[:width].rstrip() + "…", [])
    best_start, best_count = spans[0][0], 0
    # Spans are sorted and do not overlap, so their ends rise with their starts:
    # the window's last span only moves forward (linear, not quadratic, in the spans).
    last = 0
    for i, (start, _) in enumerate(spans):
        last = max(last, i)
        while last < len(spans) and spans[last][1] <= start + width:
            last += 1
        if last - i > best_count:
            best_start, best_count = start, last - i
    lead = min(width // 4, best_start)
    begin = best_start - lead
    end = min(len(text), begin + width)
    begin = max(0, end - width)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - begin
    inside = [(max(s, begin) + shift, min(e, end) + shift) for s, e in spans if s < end and e > begin]
    return Snippet(prefix + text[begin:end] + suffix, inside)
