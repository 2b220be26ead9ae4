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


# -- strings matched as written: numbers, symbols, spaces, scripts ---------------

WRITTEN = [
    "经济增长5%左右。",            # 0
    "城镇调查失业率15%左右。",      # 1: 5%左右 inside a longer number
    "居民消费价格涨幅4.5%左右。",   # 2: and after a decimal point
    "见第3卷。",                  # 3: 3 without %
    "增长3%，新增贷款5万亿元。",    # 4
    "粮食产量1.3万亿斤，赤字1万亿元。",  # 5: 1.3 and 万亿元 far apart
    "发行超长期特别国债1.3万亿元。",  # 6
    "开展人工智能+行动。",          # 7
    "推进人工智能发展。",           # 8: no +
    "ＰＭ２．５浓度下降。",          # 9: full width
    "PM2.56 is not PM2.5's twin.",  # 10: PM2.5 whole only as the second
    "建成5G基站400万个，15G不存在。",  # 11
    "C919大飞机商业运营。",         # 12
    "上海市市长龚 正，总理李　强。",  # 13: spaces inside names
    "2024 年是关键之年。",          # 14
    "聯合國氣候變化大會。",          # 15: traditional
    "联合国气候变化大会。",          # 16
]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    yield from one_report_library(tmp_path_factory, "2024年写法报告.txt", "写法报告", WRITTEN)


@pytest.mark.parametrize(("query", "expected"), [
    ("5%左右", [0]), ("５％左右", [0]), ("3%", [4]), ("1.3万亿元", [6]), ("万亿元", [4, 5, 6]),
    ("人工智能+", [7]), ("人工智能＋", [7]), ("人工智能", [7, 8]), ("PM2.5", [9, 10]), ("pm2.5浓度", [9]),
    ("5G基站", [11]), ("5G", [11]), ("C919", [12]), ("龚正", [13]), ("李强", [13]), ("2024年", [14]),
    ('"2024 年"', [14]), ("联合国", [15, 16]), ("聯合國", [15, 16]), ("變化大會", [15, 16]), ("4.5%左右", [2]),
])
def test_strings_match_as_written(written, query, expected):
    assert found(written, query) == sorted(WRITTEN[i] for i in expected)


def test_highlights_point_at_the_text_as_written(written):
    def marked(query: str, n: int) -> list[str]:
        hit = next(h for h in search(written, SearchRequest(query, limit=0)).hits if h.text == WRITTEN[n])
        return [hit.text[a:b] for a, b in hit.spans]

    assert marked("龚正", 13) == ["龚 正"]
    assert marked("李强", 13) == ["李　强"]
    assert marked("2024年", 14) == ["2024 年"]
    assert marked("联合国", 15) == ["聯合國"]
    assert marked("PM2.5", 10) == ["PM2.5"]
    assert marked("5G", 11) == ["5G"]


def test_a_standalone_heading_is_found_as_a_heading(tmp_path):
    text = "测试报告\n\n一、过去一年工作的回顾\n\n我们推进了改革。\n\n二、今年的安排\n\n继续推进改革。\n"
    library = make_library(tmp_path, reports={"2024年测试报告.txt": text})
    try:
        result = search(library, SearchRequest("工作的回顾", limit=0))
        assert [(h.heading, h.text, h.section) for h in result.hits] == [
            (True, "一、过去一年工作的回顾", ["一、过去一年工作的回顾"])]
        assert result.hits[0].paragraph == 1  # the section's first paragraph: where the app opens it
        assert result.to_json()["hits"][0]["heading"] is True
        assert {h.heading for h in search(library, SearchRequest("改革", limit=0)).hits} == {False}
    finally:
        library.close()


@pytest.mark.parametrize("query", ["基础设施 推进", "推进 基础设施", "碳中和 目标", "高质量发展 推动", "发展发展 再发展",
                                   "施工队 基础设", "质量 高质量 量发展"])
def test_strings_and_words_together_equal_substring_search(library, query):
    """An AND checks its strings last, among the paragraphs its words leave."""
    parts = query.split()
    assert found(library, query) == sorted(p for p in PARAGRAPHS if all(part in p for part in parts))


def test_a_string_checked_among_candidates_is_found_as_without_them(library):
    import random

    from index.exact import ExactText
    from index.textnorm import fold

    rng = random.Random(7)
    for needle in ["基础设施", "高质量发展", "碳中和", "发展发展", "量发展", "设施建设"]:
        q = ExactText(fold(needle))
        for sub, _ in library.searcher().leaf_searchers():
            reader = sub.reader()
            everywhere = set(q.find(reader))
            docs = range(reader.doc_count_all())
            for size in (1, 2, len(docs) // 2, len(docs)):
                candidates = sorted(rng.sample(docs, size))
                assert q.find(reader, candidates) == sorted(everywhere.intersection(candidates)), (needle, candidates)


@pytest.fixture(scope="module")
def jumbled(tmp_path_factory):
    """Paragraphs of words and their parts in random order: jieba keeps 基础设施 and
    改革开放 whole in some (新型基础设施建设, 基礎設施 folded), parts them in others
    (基础 设施: the match text drops the space; 深化改革开放, 改革开放型)."""
    import random

    rng = random.Random(11)
    pieces = ["基础设施", "基础", "设施", "新型", "建设", "改革开放", "改革", "开放", "碳达峰", "碳", "达峰", "础",
              "基礎設施", "深化", "型", "，", " ", "\u3000"]
    generated = ["我们" + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) + "。" for _ in range(300)]
    paragraphs = ["基础 设施。", "基础\u3000设施完善。", "深化改革开放。", "改革开放型经济。", *generated]
    yield from one_report_library(tmp_path_factory, "2023年测试报告.txt", "测试报告", paragraphs)


@pytest.mark.parametrize("needle", ["基础设施", "改革开放", "碳达峰", "设施建设", "新型基础设施"])
def test_a_string_that_is_a_word_is_found_where_a_scan_finds_it(jumbled, needle):
    """Paragraphs holding the word are matches without a check; the others are checked."""
    from index.exact import TEXT_COLUMN, WORDS, ExactText
    from index.postings import doc_ids

    q = ExactText(needle)
    held_as_word = parted = 0
    for sub, _ in jumbled.searcher().leaf_searchers():
        reader = sub.reader()
        column = reader.column_reader(TEXT_COLUMN, translate=False)
        expected = [n for n in range(reader.doc_count_all()) if needle.encode() in column[n]]
        assert q.find(reader) == expected
        as_word = set(doc_ids(reader, WORDS, needle))
        held_as_word += len(as_word)
        parted += len(set(expected) - as_word)
    if needle in ("基础设施", "改革开放"):  # both kinds of match: held as a word, and parted by jieba
        assert held_as_word and parted
