"""Search: syntax, stemming, exact Chinese recall, filters, snippets, errors."""

import pytest
from helpers import make_library

from index.search import SearchRequest, search


@pytest.fixture
def library(tmp_path):
    lib = make_library(tmp_path)
    yield lib
    lib.close()


def texts(library, query, **kw):
    result = search(library, SearchRequest(query=query, limit=0, **kw))
    assert result.error is None, result.error
    return [h.text for h in result.hits]


def test_english_stemming_finds_inflections(library):
    found = texts(library, "emission")
    assert len(found) == 2 and any("emissions" in t for t in found)


def test_phrase_boolean_and_wildcards(library):
    assert texts(library, '"carbon peaking"') == ["We cut emissions of major pollutants and worked toward carbon peaking."]
    assert len(texts(library, "emission AND intensity")) == 1
    assert len(texts(library, "emission NOT intensity")) == 1
    assert len(texts(library, "pollutants OR intelligence")) == 2
    assert len(texts(library, "emission*")) == 2
    assert len(texts(library, "intellig?nce")) == 1


@pytest.mark.parametrize("query, count",
                         [("碳中和", 1), ("碳达峰", 2), ("具身智能", 1), ("数字", 2), ("碳", 2), ("人工智能+", 1)])
def test_chinese_is_exact_substring_recall(library, query, count):
    found = texts(library, query)
    assert len(found) == count
    assert all(query.rstrip("+") in t for t in found)


def test_chinese_phrase_does_not_span_punctuation(library):
    # 行动。\n  — "动深" would only match across a paragraph or a full stop
    assert texts(library, "行动深入") == []


def test_mixed_chinese_and_english(library):
    assert len(texts(library, "AI赋能")) == 1
    assert len(texts(library, "碳达峰 action")) == 1


def test_field_filters_year_lang_and_report(library):
    assert {h.year for h in search(library, SearchRequest("碳达峰", limit=0)).hits} == {2024, 2025}
    assert len(texts(library, "碳达峰", years=(2025, 2025))) == 1
    assert len(texts(library, "碳达峰", years=(None, 2024))) == 1
    assert len(texts(library, "碳达峰", lang="zh")) == 1
    assert len(texts(library, "碳达峰 lang:en")) == 1
    report = next(r.id for r in library.reports() if r.lang == "en")
    assert len(texts(library, "碳达峰", reports=(report,))) == 1


def test_theme_filter_and_counts(library):
    result = search(library, SearchRequest("碳达峰 OR intelligence OR 数字", limit=0))
    assert result.theme_counts == {"carbon": 2, "ai": 3}
    only_ai = search(library, SearchRequest("碳达峰 OR intelligence OR 数字", themes=("ai",), limit=0))
    assert only_ai.total == 3 and all("ai" in h.themes for h in only_ai.hits)
    both = search(library, SearchRequest("", themes=("ai", "carbon"), theme_mode="all", limit=0))
    assert both.total == 0
    either = search(library, SearchRequest("", themes=("ai", "carbon"), limit=0))
    assert either.total == 6


def test_snippets_highlight_the_matches(library):
    hit = search(library, SearchRequest("碳中和")).hits[0]
    (start, end), = hit.highlights
    assert hit.snippet[start:end] == "碳中和"
    hit = search(library, SearchRequest("emission")).hits[0]
    assert all(hit.snippet[s:e].lower().startswith("emission") for s, e in hit.highlights)


def test_matches_beyond_32k_characters_still_highlight(tmp_path):
    long_text = "填充内容。" * 8000 + "这里提到碳中和目标。"
    assert len(long_text) > 32_000
    lib = make_library(tmp_path, reports={"long.txt": long_text + "\n"})
    hit = search(lib, SearchRequest("碳中和")).hits[0]
    assert any(hit.snippet[s:e] == "碳中和" for s, e in hit.highlights)
    assert hit.spans and hit.spans[-1][0] > 32_000
    lib.close()


@pytest.mark.parametrize("query", ["", "   ", "NOT coal", ")))", '""', "()"])
def test_malformed_queries_give_a_message(library, query):
    result = search(library, SearchRequest(query))
    assert result.error and result.total == 0


def test_unbalanced_quote_is_closed(library):
    assert len(texts(library, '"carbon peaking')) == 1


def test_limit_and_total(library):
    result = search(library, SearchRequest("碳达峰 OR emission OR 数字", limit=1, locations=True))
    assert len(result.hits) == 1 and result.total == 5


def test_report_text_is_not_markup(tmp_path):
    lib = make_library(tmp_path, reports={"x.txt": "This [bold]carbon peaking[/bold] text \x1b[31m\n"})
    hit = search(lib, SearchRequest("carbon")).hits[0]
    assert "[bold]" in hit.text
    lib.close()


def test_phrase_highlight_marks_the_phrase_not_scattered_words(tmp_path):
    text = ("New ideas are new. Productive work and the forces of nature. " * 5
            + "We will develop new quality productive forces in light of local conditions.")
    lib = make_library(tmp_path, reports={"p.txt": text + "\n"})
    hit = search(lib, SearchRequest('"new quality productive forces"')).hits[0]
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["new quality productive forces"]
    lib.close()


def test_locations_list_every_match_even_beyond_the_limit(library):
    result = search(library, SearchRequest("碳达峰 OR emission OR 数字", limit=1, locations=True))
    assert len(result.hits) == 1 and len(result.locations) == result.total == 5
    full = search(library, SearchRequest("碳达峰 OR emission OR 数字", limit=0))
    assert sorted((h.report, h.paragraph) for h in full.hits) == result.locations


def test_places_read_whole_columns_agree_with_whoosh_per_document(tmp_path):
    """place_of reads each segment's columns in one piece; Whoosh's own column
    readers, one document at a time, are the reference, over several segments
    (one per update) and documents without a paragraph number (report, metadata)."""
    from helpers import REPORTS, THEMES, write_reports

    from index.library import Library
    from index.places import place_of

    library = Library(tmp_path / "index", THEMES)
    for name, text in REPORTS.items():  # one segment each
        library.update([write_reports(tmp_path / name.split(".")[0], {name: text})])
    searcher = library.searcher()
    reader = searcher.reader()
    assert len(searcher.leaf_searchers()) > 1
    reports, numbers = reader.column_reader("report"), reader.column_reader("paragraph_column")
    place = place_of(searcher)
    expected = [(r.decode() if isinstance(r, bytes) else r, numbers[n]) for n, r in enumerate(reports)]
    assert [place(n) for n in range(reader.doc_count_all())] == expected
    assert {p for p, _ in expected} >= {r.id for r in library.reports()}
    library.close()
