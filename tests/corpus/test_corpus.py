"""The real corpus: everything indexes, and Chinese search equals grep."""

import pytest

from index.library import Library
from index.reader import discover, read_report
from index.search import SearchRequest, search
from index.textnorm import fold, match_text
from index.themes import load_themes, resolve_themes_path

FOLDERS = ("national-zh", "national-en", "provincial-2025-zh", "hailar-gbk")
CHINESE_QUERIES = ["碳中和", "碳达峰", "具身智能", "新质生产力", "人工智能", "生态环境", "蓝天保卫战",
                   "海拉尔", "社会主义建设", "低空经济", "数字经济", "污染防治", "双碳", "煤炭", "改革开放"]


@pytest.fixture(scope="module")
def corpus_library(tmp_path_factory):
    from conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (set REPORTX_CORPUS)")
    library = Library(tmp_path_factory.mktemp("corpus-index"), load_themes(resolve_themes_path()))
    summary = library.update([CORPUS / f for f in FOLDERS])
    yield library, summary
    library.close()


@pytest.fixture(scope="module")
def paragraphs():
    from conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS}")
    found = {}
    for path in discover([CORPUS / f for f in FOLDERS]):
        report = read_report(path)
        for p in report.paragraphs():
            found[(report.meta.id, p.number)] = match_text(fold(p.text))
    return found


def test_whole_corpus_indexes(corpus_library):
    library, summary = corpus_library
    assert summary.skipped == []
    assert summary.indexed == len(library.reports()) >= 100
    assert {r.lang for r in library.reports()} == {"zh", "en"}


@pytest.mark.parametrize("query", CHINESE_QUERIES)
def test_chinese_recall_equals_substring_search(corpus_library, paragraphs, query):
    library, _ = corpus_library
    result = search(library, SearchRequest(query, limit=0))
    found = {(h.report, h.paragraph) for h in result.hits if not h.heading}  # headings: test_exact_corpus.py
    expected = {key for key, text in paragraphs.items() if query in text}
    assert found == expected
    assert result.total == len(result.hits) >= len(expected)


def test_english_search_on_corpus(corpus_library):
    library, _ = corpus_library
    result = search(library, SearchRequest('"new quality productive forces"', lang="en", limit=0))
    assert result.total > 0 and {h.year for h in result.hits} >= {2024, 2025}
    assert all("new quality productive forces" in h.text.lower() for h in result.hits)


def test_unchanged_library_is_not_reindexed(corpus_library):
    library, _ = corpus_library
    from conftest import CORPUS

    again = library.update([CORPUS / f for f in FOLDERS])
    assert again.indexed == 0 and again.unchanged == len(library.reports())
