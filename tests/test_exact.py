"""Exact phrases (index/exact.py): Chinese substrings through bigram tilings, English phrases."""

import random

import pytest

from helpers import make_library
from index.exact import tiling
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


@pytest.mark.parametrize("run", ["基础设施", "碳中和", "发展发展", "础设施", "设施建设", "中和", "展发展", "施工队"])
def test_search_equals_substring_search(library, run):
    assert found(library, run) == sorted(p for p in PARAGRAPHS if run in p)


def test_tiling_covers_every_character_with_steps_of_one_or_two():
    rng = random.Random(7)
    for n in range(3, 12):
        run = "".join(rng.choice("甲乙丙丁戊") for _ in range(n))
        freq = {run[i:i + 2]: rng.randint(1, 100) for i in range(n - 1)}
        offsets = tiling(run, freq.__getitem__)
        assert offsets[0] == 0 and offsets[-1] == n - 2
        assert all(0 < b - a <= 2 for a, b in zip(offsets, offsets[1:]))


def test_tiling_prefers_rare_bigrams():
    freq = {"高质": 10, "质量": 500, "量发": 20, "发展": 900}
    assert tiling("高质量发展", freq.__getitem__) == [0, 2, 3]


ENGLISH = [
    "We will promote green development across the board.",
    "Green and low-carbon development of industry.",   # both words, not together
    "Development that is green.",                       # both words, the wrong order
    "We promote green developments in cities.",        # stems in a row: a match, like Whoosh's phrases
]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    yield from one_report_library(tmp_path_factory, "GR2024_en.txt", "REPORT ON THE WORK OF THE GOVERNMENT", ENGLISH)


def test_english_phrase_needs_its_words_in_a_row(english):
    assert found(english, '"green development"') == sorted([ENGLISH[0], ENGLISH[3]])
    assert found(english, '"development green"') == []
    assert found(english, '"green development"~5') == sorted([ENGLISH[0], ENGLISH[1], ENGLISH[3]])
