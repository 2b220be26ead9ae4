"""Exact matches (index/exact.py): Chinese substrings (rare bigrams, then the text), English phrases."""

import pytest
from helpers import make_library, write_reports

from index.search import SearchRequest, search

# Each paragraph is a trap for a check that is not exact: the query's bigrams
# all occur, but not together, or across punctuation, or only in part.
PARAGRAPHS = [
    "推进基础设施建设。",        # 基础设施: the match
    "夯实基础，完善设施。",      # 基础 … 设施, apart
    "基础设，施工队进场。",      # 基础设 then 施 across a comma
    "低碳中国，酸碱中和。",      # 碳中 and 中和, each in another word
    "发展发展再发展。",          # a repeated bigram: 发展发展 needs 发展 twice, two apart
    "发展与发展。",
    "碳中和目标。",
    "高质量。量发展。",          # 高质量 … 量发展 two positions apart, but across a full stop
    "高质量，质量发展。",        # every trigram of 高质量发展 but 质量发, across a comma
    "推动高质量发展。",
]


def one_report_library(tmp_path_factory, name: str, title: str, paragraphs: list[str]):
    """A library of one report: the title, then each paragraph."""
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    lib = make_library(tmp_path_factory.mktemp("exact"), reports={name: text})
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    yield from one_report_library(tmp_path_factory, "2024年测试报告.txt", "测试报告", PARAGRAPHS)


def found(library, query: str) -> list[str]:
    result = search(library, SearchRequest(query, limit=0))
    assert result.error is None, result.error
    return sorted(h.text for h in result.hits)


@pytest.mark.parametrize("run", ["基础设施", "碳中和", "发展发展", "础设施", "设施建设", "中和", "展发展", "施工队",
                                 "高质量发展", "量发展", "质量", "质"])
def test_search_equals_substring_search(library, run):
    assert found(library, run) == sorted(p for p in PARAGRAPHS if run in p)


def test_a_run_removed_by_reindexing_is_not_found(tmp_path):
    """Re-indexing a changed report leaves its old paragraphs deleted in their segment."""
    lib = make_library(tmp_path, reports={"2024年测试报告.txt": "测试报告\n\n推进基础设施建设。\n\n碳中和目标。\n"})
    write_reports(tmp_path / "reports", {"2024年测试报告.txt": "测试报告\n\n碳中和目标。\n\n完善设施。\n"})
    lib.update([tmp_path / "reports"])
    try:
        assert found(lib, "基础设施") == []
        assert found(lib, "碳中和") == ["碳中和目标。"]
    finally:
        lib.close()


ENGLISH = [
    "We will promote green development across the board.",
    "Green and low-carbon development of industry.",   # both words, not together
    "Development that is green.",                       # both words, the wrong order
    "We promote green developments in cities.",        # stems in a row: a match, like Whoosh's phrases
    "Green 绿色 development.",                          # Chinese words between
    "New quality productive forces grow.",
    "A new quality. Quality productive work. Productive forces.",  # every pair, never all in a row
]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    yield from one_report_library(tmp_path_factory, "GR2024_en.txt", "REPORT ON THE WORK OF THE GOVERNMENT", ENGLISH)


def test_english_phrase_needs_its_words_in_a_row(english):
    assert found(english, '"green development"') == sorted([ENGLISH[0], ENGLISH[3]])
    assert found(english, '"development green"') == []
    assert found(english, '"green development"~5') == sorted([ENGLISH[0], ENGLISH[1], ENGLISH[3], ENGLISH[4]])


def test_longer_phrase_needs_all_its_words_in_a_row(english):
    assert found(english, '"new quality productive forces"') == [ENGLISH[5]]
    assert found(english, '"quality productive"') == sorted([ENGLISH[5], ENGLISH[6]])
