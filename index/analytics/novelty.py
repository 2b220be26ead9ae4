"""First appearances of a term, and the expressions new in a year's report.

A new expression is a Chinese character sequence of 3-8 characters (or an
English phrase of 2-4 words) in one year's national report that no earlier
national report contains. Most new sequences are noise: any sequence around a
new word is new too. So only closed ones are kept (no one-character-longer new
sequence occurs as often: 新质生产 goes, 新质生产力 stays), only where their
ends fall on word boundaries of the segmented text (等化险 straddles words),
and they are ranked by how often they occur on such boundaries, whole words
first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from index.analytics.corpus import ReportInfo, national_reports, paragraph_texts
from index.analytics.hits import AnalyticsError, all_hits
from index.cache import cached
from index.library import Library
from index.search import Hit
from index.textnorm import cjk_run_pattern, fold

MIN_CHARS, MAX_CHARS = 3, 8
MIN_WORDS, MAX_WORDS = 2, 4
# Words that end no expression: particles, conjunctions, prepositions and
# measure-like characters jieba leaves on their own.
_EDGE_CHARS = frozenset("的了和与及等在是为对把被将从以于向并而或也都就要更不有这其之个各让使由给至且好第届万亿元")
"""Also 好 (of 做好, 抓好), 第 and 届 (ordinals), and units after a number (万, 亿, 元)."""
_LEAD_WORDS = frozenset(
    "加快 推进 实施 推动 加强 持续 坚持 深入 培育 优化 支持 促进 提高 扩大 完善 健全 深化 落实 着力 大力 "
    "积极 进一步 全面 高质量 统筹 强化 巩固 提升 做好 抓好 实现 开展 建设 发展 构建 加大 引导 鼓励 "
    "保持 稳步 有序 切实 不断 继续 更加 努力 重点 依法 扎实 稳妥".split())
"""Policy verbs and adverbs that lead many phrases (the commonest leading words of these reports)."""


# -- first appearance -------------------------------------------------------


@dataclass
class Appearance:
    term: str
    years: dict[int, int]
    """Matching paragraphs per year."""
    first: Hit | None
    """The earliest match (by year, then reading order)."""

    @property
    def first_year(self) -> int | None:
        return min(self.years) if self.years else None

    def to_json(self) -> dict[str, object]:
        first = None
        if self.first:
            first = {"report": self.first.report, "title": self.first.title, "year": self.first.year,
                     "paragraph": self.first.paragraph, "snippet": self.first.snippet}
        return {"term": self.term, "first_year": self.first_year,
                "years": {str(y): n for y, n in sorted(self.years.items())}, "first": first}


def first_appearance(library: Library, term: str, kind: str | None = "national",
                     lang: str | None = None) -> Appearance:
    """The years `term` appears in (reports of `kind`, all kinds when None)."""
    from index.analytics.corpus import report_infos

    kinds = {i.id: i.kind for i in report_infos(library)}
    hits = [h for h in all_hits(library, term, lang=lang)
            if h.year and (kind is None or kinds.get(h.report) == kind)]
    years = Counter(h.year for h in hits if h.year)
    first = min(hits, key=lambda h: (h.year or 0, h.report, h.paragraph), default=None)
    return Appearance(term, dict(sorted(years.items())), first)


# -- new expressions --------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    text: str
    count: int
    """Occurrences in the report."""
    aligned: int
    """Occurrences whose ends fall on word boundaries."""
    word: bool
    """The segmenter takes it as one word."""
    example: str = ""
    """The clause of its first occurrence."""

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "count": self.count, "aligned": self.aligned, "word": self.word,
                "example": self.example}


@dataclass
class Novelty:
    year: int
    lang: str
    report: ReportInfo
    compared: list[ReportInfo]
    new: list[Expression] = field(default_factory=list)
    gone: list[Expression] = field(default_factory=list)
    """Expressions of the previous report (or the --vs one) that this year's lacks."""

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "lang": self.lang, "report": self.report.title,
                "compared_with": [r.year for r in self.compared],
                "new": [e.to_json() for e in self.new], "gone": [e.to_json() for e in self.gone]}


def new_expressions(library: Library, year: int, vs: int | None = None, lang: str = "zh",
                    limit: int = 50) -> Novelty:
    """What the national report of `year` says that no earlier one (or the `vs` one) said."""
    reports = national_reports(library, lang)
    by_year = {r.year: r for r in reports}
    target = by_year.get(year)
    if target is None:
        have = ", ".join(str(r.year) for r in reports[-8:]) or "none"
        raise AnalyticsError(f"no national report of {year} in {lang} in the library (have: {have}…)")
    if vs is not None:
        if vs not in by_year:
            raise AnalyticsError(f"no national report of {vs} in {lang} in the library to compare with")
        compared = [by_year[vs]]
    else:
        compared = [r for r in reports if r.year and r.year < year]
    if not compared:
        raise AnalyticsError(f"no national report before {year} in {lang} to compare with")
    text = _text(library, target)
    earlier = [_text(library, r) for r in compared]
    finder = _chinese if lang == "zh" else _english
    result = Novelty(year, lang, target, compared)
    result.new = finder(text, earlier)[:limit]
    previous = compared[-1]
    result.gone = finder(_text(library, previous), [text])[:limit]
    return result


def _text(library: Library, report: ReportInfo) -> str:
    searcher = library.searcher()
    return cached(searcher, ("analytics:text", report.id),
                  lambda: "\n".join(paragraph_texts(library, report.id)))


def _chinese(text: str, others: Sequence[str]) -> list[Expression]:
    import ahocorasick
    import rjieba

    folded = fold(text)
    counts: Counter[str] = Counter()
    aligned: Counter[str] = Counter()
    whole: set[str] = set()
    first_at: dict[str, int] = {}
    parts: dict[str, tuple[str, str]] = {}
    neighbours: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    for run in cjk_run_pattern().finditer(folded):
        chars, base = run.group(), run.start()
        bounds = set()
        for _, s, e in rjieba.tokenize(chars):
            bounds.add(s)
            bounds.add(e)
        for size in range(MIN_CHARS, MAX_CHARS + 2):  # one longer: is an 8-character one cut short?
            for i in range(len(chars) - size + 1):
                seq = chars[i:i + size]
                counts[seq] += 1
                if size > MAX_CHARS:
                    continue
                first_at.setdefault(seq, base + i)
                neighbours[seq].add((chars[i - 1] if i else "", chars[i + size] if i + size < len(chars) else ""))
                if i in bounds and i + size in bounds:
                    aligned[seq] += 1
                    inner = [i + k for k in range(1, size) if i + k in bounds]
                    if not inner:
                        whole.add(seq)
                    elif seq not in parts:
                        parts[seq] = (chars[inner[0]:i + size], chars[i:inner[-1]])
    automaton = ahocorasick.Automaton()
    keys = [seq for seq in counts if len(seq) <= MAX_CHARS]
    for n, seq in enumerate(keys):
        automaton.add_word(seq, n)
    automaton.make_automaton()
    seen = bytearray(len(keys))
    for other in others:
        for _, n in automaton.iter(fold(other)):
            seen[n] = 1
    new = {seq for n, seq in enumerate(keys) if not seen[n]}
    cut_short = {g[1:] for g in counts if len(g) > MAX_CHARS and counts[g] == counts[g[1:]]}
    cut_short |= {g[:-1] for g in counts if len(g) > MAX_CHARS and counts[g] == counts[g[:-1]]}
    new -= cut_short
    fixed = {seq for seq in new if counts[seq] > 1 and _fixed(neighbours[seq])}
    return _ranked(new, counts, aligned, whole, first_at, text, lambda seq: (seq[0], seq[-1]),
                   lambda seq: parts.get(seq, ("", "")), fixed)


def _fixed(neighbours: set[tuple[str, str]]) -> bool:
    """Whether a sequence always has the same character on its left, or on its
    right: then it is likely a piece of something longer (民生保市场主体 of
    保民生保市场主体). A clause edge is no such character."""
    lefts = {left for left, _ in neighbours}
    rights = {right for _, right in neighbours}
    return (len(lefts) == 1 and "" not in lefts) or (len(rights) == 1 and "" not in rights)


def _english(text: str, others: Sequence[str]) -> list[Expression]:
    from whoosh.analysis import STOP_WORDS

    counts: Counter[str] = Counter()
    first_at: dict[str, int] = {}
    for clause, base in _clauses(text):
        words = [(m.lower(), s) for m, s in clause]
        for size in range(MIN_WORDS, MAX_WORDS + 1):
            for i in range(len(words) - size + 1):
                phrase = " ".join(w for w, _ in words[i:i + size])
                counts[phrase] += 1
                first_at.setdefault(phrase, base + words[i][1])
    known: set[str] = set()
    for other in others:
        for clause, _ in _clauses(other):
            lowered = [m.lower() for m, _ in clause]
            for size in range(MIN_WORDS, MAX_WORDS + 1):
                known.update(" ".join(lowered[i:i + size]) for i in range(len(lowered) - size + 1))
    new = {p for p in counts if p not in known}
    # English words are their own boundaries; a phrase edged by a stop word is a fragment.
    aligned = Counter({p: n for p, n in counts.items()
                       if p.split()[0] not in STOP_WORDS and p.split()[-1] not in STOP_WORDS})
    return _ranked(new, counts, aligned, set(), first_at, text, lambda p: ("", ""),
                   lambda p: (p.split(" ", 1)[1], p.rsplit(" ", 1)[0]), set())


def _clauses(text: str) -> Iterable[tuple[list[tuple[str, int]], int]]:
    """Runs of words between punctuation, with word offsets relative to the run."""
    import re

    for part in re.finditer(r"[^.,;:!?()\"“”\n]+", text):
        words = [(m.group(), m.start()) for m in re.finditer(r"[A-Za-z][A-Za-z'-]*", part.group())]
        if words:
            yield words, part.start()


def _ranked(new: set[str], counts: Counter[str], aligned: Counter[str], whole: set[str],
            first_at: dict[str, int], text: str, edges: Callable[[str], tuple[str, str]],
            parts: Callable[[str], tuple[str, str]], fixed: set[str]) -> list[Expression]:
    """The new sequences that are expressions, best first.

    A candidate sits on word boundaries and is not edged by a particle. Of a
    candidate and itself without its first or last word (when that is still
    new), one goes: the shorter when it never occurs without the longer
    (发展新质生产力 stays if 新质生产力 always follows 发展), else the longer,
    a particular use of a more general new expression.
    """
    keep = {seq for seq in new if aligned[seq]}
    dropped = set()
    for seq in keep:
        for part in parts(seq):
            if part in keep:
                dropped.add(part if aligned[part] <= aligned[seq] else seq)
    out = []
    for seq in keep - dropped:
        first, last = edges(seq)
        if first in _EDGE_CHARS or last in _EDGE_CHARS:
            continue
        out.append(Expression(seq, counts[seq], aligned[seq], seq in whole, _clause_at(text, first_at[seq])))
    def doubtful(e: Expression) -> bool:
        """A piece of something longer, or a common verb before an old phrase
        (推进 + 新型工业化): a new combination rather than a new expression."""
        rest = parts(e.text)[0]
        lead = e.text[:len(e.text) - len(rest)] if rest else ""
        return e.text in fixed or (lead in _LEAD_WORDS and rest not in keep)

    out.sort(key=lambda e: (-e.aligned * (0.5 if doubtful(e) else 1.0), doubtful(e), not e.word,
                            -len(e.text), e.text))
    return out


def _clause_at(text: str, at: int) -> str:
    """The clause around offset `at` (between commas, semicolons or stops)."""
    stops = "。；！？，\n;!?,"
    begin = max(text.rfind(c, 0, at) for c in stops) + 1
    ends = [i for i in (text.find(c, at) for c in stops) if i != -1]
    end = min(ends) + 1 if ends else len(text)
    return text[begin:end].strip()
