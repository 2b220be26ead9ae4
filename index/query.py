"""From what the user typed to a Whoosh query, plus what to highlight.

Whoosh's parser gives the syntax (AND/OR/NOT, "phrases", wildcards,
field:value). Strings to match as written (Chinese, digits, symbols:
`index.textnorm.is_exact`) are then rewritten: each must occur in the match
text by the exact rule (`index.exact.ExactText`, exact recall), and its jieba
and English words in `text` only add to the score.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.qparser import FieldAliasPlugin, QueryParser

from index.analysis import cjk_runs, english_spans, stem
from index.exact import ExactText, WordPhrase
from index.querycheck import QueryProblem, check_text
from index.schema import build_schema
from index.textnorm import cjk_run_pattern, fold, is_exact, match_text

_ALIASES = {"themes": ["theme"], "report": ["id"], "lang": ["language"]}
_parser: QueryParser | None = None


class QueryError(ValueError):
    """A query that cannot be searched; str() tells the user why."""


@dataclass
class HighlightTerms:
    """What a paragraph must show as matched: stems, patterns and CJK strings."""

    stems: set[str] = field(default_factory=set)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    substrings: set[str] = field(default_factory=set)
    """Match texts found by the exact rule (`index.textnorm.find_exact`)."""
    phrases: set[tuple[str, ...]] = field(default_factory=set)
    """Stem sequences that only count where they stand together."""

    def __bool__(self) -> bool:
        return bool(self.stems or self.patterns or self.substrings or self.phrases)


@dataclass
class ParsedQuery:
    query: wq.Query
    highlight: HighlightTerms


def _get_parser() -> QueryParser:
    global _parser
    if _parser is None:
        _parser = QueryParser("text", build_schema())
        _parser.add_plugin(FieldAliasPlugin(_ALIASES))
    return _parser


def parse_query(text: str) -> ParsedQuery:
    """Parse user query syntax; raise QueryError for what cannot be searched."""
    if not text.strip():
        raise QueryError("Type a word or phrase to search.")
    try:
        check_text(text)
    except QueryProblem as e:
        raise QueryError(str(e)) from None
    if text.count('"') % 2:
        # Whoosh would silently drop the quote; closing it is what users mean.
        text = text + '"'
    try:
        parsed = _get_parser().parse(text)
    except Exception as e:  # the parser's own errors are not a public API
        raise QueryError(f"Cannot read this query: {e}") from None
    if parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)):
        raise QueryError("Nothing to search for: add a word, not only operators or wildcards.")
    highlight = HighlightTerms()
    rewritten = _rewrite(parsed, highlight, negated=False)
    if isinstance(rewritten, wq.Not):
        raise QueryError("A query cannot be only NOT …: add a word to search for.")
    return ParsedQuery(rewritten, highlight)


def _rewrite(q: wq.Query, hl: HighlightTerms, negated: bool) -> wq.Query:
    if isinstance(q, wq.Not):
        return wq.Not(_rewrite(q.query, hl, negated=True))
    if isinstance(q, wq.AndNot):
        return wq.AndNot(_rewrite(q.a, hl, negated), _rewrite(q.b, hl, True))
    if isinstance(q, wq.Term) and q.fieldname == "text":
        return _term(q, hl, negated)
    if isinstance(q, wq.Phrase) and q.fieldname == "text":
        return _phrase(q, hl, negated)
    if isinstance(q, (wq.Prefix, wq.Wildcard)) and q.fieldname == "text":
        return _wildcard(q, hl, negated)
    return q.apply(lambda sub: _rewrite(sub, hl, negated))


def _term(q: wq.Term, hl: HighlightTerms, negated: bool) -> wq.Query:
    if not is_exact(q.text):
        if not negated:
            hl.stems.add(q.text)
        return q
    return _exact_query(q.text, q.fieldname, hl, negated)


def _phrase(q: wq.Phrase, hl: HighlightTerms, negated: bool) -> wq.Query:
    if not any(is_exact(w) for w in q.words):
        if not negated:
            hl.phrases.add(tuple(q.words))
        if q.slop != 1 or len(q.words) < 2:  # "…"~N keeps Whoosh's proximity search
            return q
        return WordPhrase(q.fieldname, q.words, q.boost)
    # The analyzer keeps a phrase with anything exact whole: it is matched as written.
    return _exact_query(" ".join(q.words), q.fieldname, hl, negated)


def _wildcard(q: wq.Prefix | wq.Wildcard, hl: HighlightTerms, negated: bool) -> wq.Query:
    pattern = q.text + "*" if isinstance(q, wq.Prefix) else q.text
    runs = cjk_run_pattern().findall(pattern)
    if runs:
        # Chinese has no word boundaries to match a wildcard against: every
        # fixed run of the pattern must occur as a substring.
        parts = [_exact_query(run, q.fieldname, hl, negated) for run in runs]
        return parts[0] if len(parts) == 1 else wq.And(parts)
    if not negated:
        hl.patterns.append(re.compile(fnmatch.translate(pattern)))
    return q


def _exact_query(text: str, fieldname: str, hl: HighlightTerms, negated: bool) -> wq.Query:
    """`text` matched as written; its jieba and English words rank the matches."""
    needle = match_text(fold(text))
    required = _substring(needle)
    if not negated:
        hl.substrings.add(needle)
    if negated:
        return required
    import rjieba  # 0.15 s to load: not before a Chinese query needs it

    ranking: list[wq.Query] = [wq.Term(fieldname, w) for run, _ in cjk_runs(needle) for w in rjieba.cut(run)]
    ranking += [wq.Term(fieldname, stem(word)) for word, _, _ in english_spans(needle)]
    if not ranking:
        return wq.ConstantScoreQuery(required, 1.0)
    # The exact match decides recall at a flat score; BM25 over the words ranks.
    return wq.AndMaybe(wq.ConstantScoreQuery(required, 1.0), wq.Or(ranking))


def _substring(needle: str) -> wq.Query:
    """Paragraphs whose match text holds `needle` by the exact rule, like grep."""
    if cjk_run_pattern().fullmatch(needle) and len(needle) <= 2:
        if len(needle) == 1:
            return wq.Prefix("cjk", needle)  # bigrams starting with it, or itself at a run end
        return wq.Term("cjk", needle)
    return ExactText(needle)
