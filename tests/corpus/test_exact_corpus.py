"""Exact search on the real corpus and on variations of it made here: reportx
finds exactly the paragraphs and headings a plain substring search finds.

The reference below is written independently of index/: it folds with
`index.textnorm.fold` (full-width forms, case, traditional to simplified),
drops white space next to Chinese characters, and looks for the query as a
substring, with one rule on top, stated here as a regex: the whole-number
(and whole-word) rule. Where the query begins or ends with a letter or digit,
the text must not go on with a letter or digit, nor with a dot and a digit or
letter (5%左右 is not found in 15%左右 or 4.5%左右; PM2.5 not in PM2.56).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.library import Library
from index.model import Report, Section
from index.reader import discover, read_report
from index.search import SearchRequest, search
from index.textnorm import fold
from index.tradsimp import SIMPLIFIED, TRADITIONAL

FOLDERS = ("national-zh", "national-en", "provincial-2025-zh", "hailar-gbk")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"
WORD = f"[^\\W{HAN}]"

CURATED = [
    "5%左右", "3%", "1.3万亿元", "8000亿元", "人工智能+", "PM2.5", "5G基站", "C919", "2024年", "GDP",
    "6%以上", "2%", "4.5%", "7.5%左右", "１．３万亿元", "５％左右", "人工智能＋", "ＰＭ２．５", "pm2.5浓度",
    "5G", "2035年", "CPI", "3.8%", "1.5万亿元", "万亿元", "14亿", "R&D", "COVID-19", "2025 年", "3 %",
    "“人工智能+”", "30%", "10%以上", "150万", "二〇二四年",
]
NAMES = ["李强", "龚正", "李克强", "温家宝", "习近平", "周恩来", "朱镕基"]
"""Names the variations write with spaces between their characters."""


def reference_text(text: str) -> str:
    folded = fold(text)
    return re.sub(r"\s+", lambda m: _space(folded, m), folded)


def _space(folded: str, m: re.Match[str]) -> str:
    before = folded[m.start() - 1] if m.start() else ""
    after = folded[m.end()] if m.end() < len(folded) else ""
    return "" if re.fullmatch(f"[{HAN}]", before) or re.fullmatch(f"[{HAN}]", after) else " "


def reference_needle(query: str) -> str:
    return reference_text(" ".join(query.strip('"').split()))


def reference_pattern(query: str) -> re.Pattern[str]:
    needle = reference_needle(query)
    head = f"(?<!{WORD})(?<!{WORD}\\.)" if re.match(WORD, needle) else ""
    tail = f"(?!{WORD})(?!\\.{WORD})" if re.search(f"{WORD}$", needle) else ""
    return re.compile(head + re.escape(needle) + tail)


def units(report: Report) -> Iterator[tuple[tuple, str]]:
    """(key, text) of every paragraph and every section title of `report`."""
    for p in report.paragraphs():
        yield (report.meta.id, "p", p.number), p.text

    def walk(sections: list[Section], path: tuple[str, ...]) -> Iterator[tuple[tuple, str]]:
        for s in sections:
            here = (*path, s.title) if s.level > 0 else path
            if s.level > 0 and s.title.strip():
                yield (report.meta.id, "h", here), s.title
            yield from walk(s.children, here)

    yield from walk(report.sections, ())


# -- variations of the corpus ---------------------------------------------------

_TO_TRADITIONAL = {s: t for t, s in sorted(zip(TRADITIONAL, SIMPLIFIED), reverse=True)}
_FULL_WIDTH = str.maketrans("0123456789%+.", "０１２３４５６７８９％＋．")


def traditional(text: str) -> str:
    return "".join(_TO_TRADITIONAL.get(c, c) for c in text)


def spaced(text: str) -> str:
    """Spaces as web copies and PDF extraction leave them: inside names, between a number and 年."""
    for i, name in enumerate(NAMES):
        text = text.replace(name, ("\u3000" if i % 2 else " ").join(name))
    return re.sub(r"(\d)(年|月|亿|万)", r"\1 \2", text)


def full_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)


VARIATIONS = {"繁": traditional, "空格": spaced, "全角": full_width}


def write_variations(corpus: Path, into: Path) -> Path:
    """Every fifth Chinese report of the corpus, once per variation."""
    into.mkdir(parents=True)
    sources = [p for p in discover([corpus / "national-zh", corpus / "provincial-2025-zh"])][::5]
    for n, path in enumerate(sources):
        text = read_report(path).text
        for tag, change in VARIATIONS.items():
            (into / f"{path.stem}-{tag}{n}.txt").write_text(change(text), encoding="utf-8")
    return into


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    from conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (set REPORTX_CORPUS)")
    variations = write_variations(CORPUS, tmp_path_factory.mktemp("variations") / "reports")
    folders = [CORPUS / f for f in FOLDERS] + [variations]
    reports = [read_report(p) for p in discover(folders)]
    texts = {key: reference_text(text) for r in reports for key, text in units(r)}
    library = Library(tmp_path_factory.mktemp("exact-index"))
    summary = library.update(folders)
    assert summary.skipped == []
    yield library, reports, texts
    library.close()


def generated_queries(reports: list[Report]) -> dict[str, list[str]]:
    """Queries of each kind taken from the corpus text itself, deterministically."""
    originals = [r for r in reports if not re.search("-(繁|空格|全角)\\d+$", Path(r.meta.path).stem)]
    body = "\n".join(p.text for r in originals for p in r.paragraphs())
    titles = [t for r in originals for key, t in units(r) if key[1] == "h"]
    folded_body = reference_text(body)

    def sample(pattern: str, n: int, text: str = body) -> list[str]:
        found = sorted(set(re.findall(pattern, text)))
        return found[:: max(1, len(found) // n)][:n]

    heading_only = []
    for title in titles:
        for run in re.findall(f"[{HAN}]{{5,}}", title):
            piece = run[1:5]
            if reference_text(piece) not in folded_body and piece not in heading_only:
                heading_only.append(piece)
    chinese = sample(f"[{HAN}]{{4}}", 15)
    return {
        "numbers with units": sample(r"\d+(?:\.\d+)?(?:万亿元|亿元|万人|万吨|公里|个百分点|万户)", 20),
        "percentages": sample(r"\d+(?:\.\d+)?%(?:左右|以上)?", 20),
        "symbols": sample(f"[{HAN}]{{2,4}}[+＋/]", 6) + sample(f"[{HAN}]{{2}}“[{HAN}]{{2,4}}”", 6),
        "latin and digits in chinese": sample(f"(?<=[{HAN}])[A-Za-z]+\\d+[A-Za-z\\d.]*", 8)
        + sample(f"\\d+[A-Za-z]+(?=[{HAN}])", 6),
        "heading only": heading_only[:: max(1, len(heading_only) // 15)][:15],
        "traditional": [traditional(q) for q in chinese],
        "space-broken names": [*NAMES, "李 强", "2024 年"],
    }


def test_search_equals_substring_search_on_every_paragraph_and_heading(setup):
    library, reports, texts = setup
    kinds = generated_queries(reports)
    kinds["curated"] = CURATED
    queries = list(dict.fromkeys(q for qs in kinds.values() for q in qs))
    assert len(queries) >= 100, {k: len(v) for k, v in kinds.items()}
    assert all(kinds.values()), {k: len(v) for k, v in kinds.items()}
    wrong = []
    for query in queries:
        pattern, needle = reference_pattern(query), reference_needle(query)
        expected = {key for key, text in texts.items() if needle in text and pattern.search(text)}
        result = search(library, SearchRequest(f'"{query}"' if " " in query else query, limit=0))
        assert result.error is None, (query, result.error)
        found = {(h.report, "h", tuple(h.section)) if h.heading else (h.report, "p", h.paragraph)
                 for h in result.hits}
        if found != expected or result.total != len(expected):
            wrong.append((query, sorted(found - expected)[:3], sorted(expected - found)[:3]))
    assert wrong == []


def test_heading_only_phrases_are_found_as_headings(setup):
    library, _, _ = setup
    result = search(library, SearchRequest("共同富裕", limit=0))
    shanxi = [h for h in result.hits if "山西" in h.title and "繁" not in h.path and h.heading]
    assert shanxi and all(h.section[-1] == h.text for h in shanxi)
    assert result.to_json()["hits"][0].keys() >= {"heading"}


def test_whole_number_rule_on_the_corpus(setup):
    library, _, texts = setup
    hits = search(library, SearchRequest("5%左右", limit=0)).hits
    assert hits
    for h in hits:
        text = reference_text(h.text)
        assert any(not re.search(r"\d\.?$", text[: m.start()]) for m in re.finditer("5%左右", text))
    plain = {key for key, text in texts.items() if "5%左右" in text}
    assert len(plain) > len(hits)  # 15%左右, 4.5%左右 hold the string but not the number
