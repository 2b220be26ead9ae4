"""index/ranking.py ranks as Whoosh's own search does: the same documents, in
the same order, with the same scores (to the last bit), on real reports in an
index of several segments, one of them with deleted documents."""

import random
import shutil

import pytest
from helpers import THEMES
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

import index.library
import index.search
import index.segments
from index.library import Library
from index.postings import block_ids, block_ids_and_weights
from index.ranking import top_scored
from index.search import SearchRequest, search

ZH = "national-zh/{}年中华人民共和国国务院政府工作报告.txt"
REPORTS = [ZH.format(2023), ZH.format(2024), ZH.format(2025), "national-en/report_2024_en.txt",
           "national-en/report_2025_en.txt"]
COPIES = {ZH.format(2024): "2124年政府工作报告.txt", "national-en/report_2025_en.txt": "report_2125_en.txt"}
"""The same text again under another name: paragraphs tied to the last bit, in another segment."""
EDITED = "report_2025_en.txt"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (set REPORTX_CORPUS)")
    folder = tmp_path_factory.mktemp("reports")
    for path in REPORTS:
        shutil.copy(CORPUS / path, folder)
    for path, name in COPIES.items():
        shutil.copy(CORPUS / path, folder / name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index.library, "COMMIT_EVERY_BYTES", 100_000)  # a segment every two reports
        mp.setattr(index.segments, "SMALL_SEGMENT_DOCS", 0)  # never merged for size...
        mp.setattr(index.segments, "DELETED_SHARE", 1.0)  # ...nor for deletions
        lib = Library(tmp_path_factory.mktemp("index"), THEMES, worker_processes=1)
        lib.update([folder])
        # Re-indexing an edited report deletes its paragraphs from their segment.
        with open(folder / EDITED, "a", encoding="utf-8") as f:
            f.write("\n\nWe will pursue green development and expand employment.\n")
        lib.update([folder])
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def searcher(library):
    return library.searcher()


@pytest.fixture(params=["auto", "tree", "array"])
def or_matcher(request, monkeypatch):
    """Whoosh's Or adds scores over a tree of matchers in big segments and in
    an array in small ones (these are small): both orders, forced."""
    kinds = {"auto": wq.Or.AUTO_MATCHER, "tree": wq.Or.DEFAULT_MATCHER, "array": wq.Or.ARRAY_MATCHER}
    monkeypatch.setattr(wq.Or, "matcher_type", kinds[request.param])


def words(searcher, text: str) -> list[wq.Term]:
    """The `text` field's terms for `text`, as the index holds them."""
    return [wq.Term("text", t.text) for t in searcher.schema["text"].analyzer(text)]


def whoosh_top(searcher, q, allowed, limit):
    return [(hit.docnum, hit.score) for hit in searcher.search(q, filter=allowed, limit=limit, terms=False)]


def queries(searcher) -> dict[str, wq.Query]:
    zh, en = words(searcher, "发展 创新 就业 高质量 碳达峰"), words(searcher, "development employment carbon green")
    return {
        "common word": zh[0],
        "rarer word": zh[4],
        "english word": en[1],
        "or of two": wq.Or(zh[:2]),
        "or of four": wq.Or(zh[:4]),
        "english or": wq.Or(en),
        "and": wq.And(en[2:]),
        "and of six": wq.And(words(searcher, "发展 推进 加强 建设 经济 改革")),
        "phrase in an or": wq.Or([wq.And(en[2:]), en[1], zh[2]]),
        "nested ors": wq.Or([wq.Or(zh[:2]), wq.Or(zh[2:4]), en[0]]),
        "boosts": wq.Or([zh[0].with_boost(2.5), zh[1], wq.And(zh[2:4], boost=0.5)], boost=1.5),
        "or of one": wq.Or([zh[1]], boost=3.0),
        "unknown word": wq.Or([zh[2], wq.Term("text", "zzzqqx"), wq.Term("nofield", "x")]),
        # Bigrams: one weight for every posting (index.ranking scores whole blocks from a table)
        "bigram": wq.Term("cjk", "发展"),
        "bigrams and a word": wq.Or([wq.Term("cjk", "创新"), wq.Term("cjk", "就业", boost=2.0), zh[3]]),
    }


def allowed_sets(searcher, q) -> dict[str, set[int]]:
    matching = set(searcher.docs_for_query(q))
    rng = random.Random(5)
    everything = range(searcher.doc_count_all())
    return {
        "its matches": matching,
        "30 of them": set(rng.sample(sorted(matching), min(30, len(matching)))),
        "matches and others": matching | set(rng.sample(everything, 300)),
    }


def test_the_index_has_segments_ties_and_deletions(searcher):
    leaves = searcher.leaf_searchers()
    assert len(leaves) >= 4
    # Deleted paragraphs after live ones in a segment: the posting lists walk past them.
    assert any(0 < len(deleted) < sub.doc_count_all() and max(deleted) > min(set(range(sub.doc_count_all())) - deleted)
               for sub, _ in leaves for deleted in [_deleted(sub.reader())])
    top = top_scored(searcher, queries(searcher)["common word"], set(range(searcher.doc_count_all())), 50)
    scores = [score for _, score in top]
    assert len(set(scores)) < len(scores)  # ties, to be broken as Whoosh breaks them


def _deleted(reader) -> set[int]:
    return {n for n in range(reader.doc_count_all()) if reader.is_deleted(n)}


@pytest.mark.usefixtures("or_matcher")
@pytest.mark.parametrize("limit", [1, 7, 20, None])
def test_same_top_as_whoosh(searcher, limit):
    for name, q in queries(searcher).items():
        for which, allowed in allowed_sets(searcher, q).items():
            ranked = whoosh_top(searcher, q, allowed, None)[:limit]
            assert top_scored(searcher, q, allowed, limit) == ranked, (name, which)
            if name != "boosts":  # Whoosh's top N can lose boosted matches: see below
                assert whoosh_top(searcher, q, allowed, limit) == ranked, (name, which)


def test_whoosh_top_n_loses_a_boosted_match_that_we_keep(searcher, monkeypatch):
    """WrappingMatcher.replace tests the unboosted child against the minimum
    score, so Whoosh's top-N search can drop a word boosted above 1 (`word^2`):
    here its top 1 is not its full ranking's first. Ours is (see index/ranking.py)."""
    monkeypatch.setattr(wq.Or, "matcher_type", wq.Or.DEFAULT_MATCHER)
    q = queries(searcher)["boosts"]
    matching = sorted(searcher.docs_for_query(q))
    for seed in range(50):  # 30 of its matches where Whoosh's top 1 goes wrong
        allowed = set(random.Random(seed).sample(matching, min(30, len(matching))))
        best = whoosh_top(searcher, q, allowed, None)[:1]
        if whoosh_top(searcher, q, allowed, 1) != best:
            break
    else:
        pytest.fail("no sample of the matches shows Whoosh losing the boosted match")
    assert top_scored(searcher, q, allowed, 1) == best


def test_deleted_documents_are_never_scored(searcher):
    deleted = {offset + n for sub, offset in searcher.leaf_searchers() for n in _deleted(sub.reader())}
    assert deleted
    q = wq.Or(words(searcher, "development employment green"))
    allowed = set(searcher.docs_for_query(q)) | deleted
    found = top_scored(searcher, q, allowed, None)
    assert found == whoosh_top(searcher, q, allowed, None)
    assert found and not deleted & {n for n, _ in found}


def test_queries_beyond_plain_words_are_left_to_whoosh(searcher):
    allowed = set(range(searcher.doc_count_all()))
    assert top_scored(searcher, wq.Or([wq.Term("text", "develop"), wq.Prefix("text", "employ")]), allowed, 5) is None
    assert top_scored(searcher, wq.Or(words(searcher, "green employment"), scale=0.5), allowed, 5) is None


def test_block_ids_and_weights_equal_whooshs_decoding(searcher):
    checked = 0
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        for fieldname, text in reader.all_terms():  # rare terms are inlined (index.segment_codec): no blocks
            if fieldname not in ("text", "cjk"):
                continue
            ours, ids_only, theirs = (reader.postings(fieldname, text) for _ in range(3))
            ours, ids_only, theirs = (getattr(m, "child", m) for m in (ours, ids_only, theirs))
            if type(ours) is not W3LeafMatcher:
                continue
            while ours.is_active():
                theirs._read_ids()
                theirs._read_weights()
                assert block_ids_and_weights(ours) == (tuple(theirs._ids), theirs._weights)
                assert block_ids(ids_only) == tuple(theirs._ids)
                for m in (ours, ids_only, theirs):
                    m._next_block()
                checked += 1
    assert checked > 500


@pytest.mark.parametrize("text", ["发展", "高质量发展 创新", "碳达峰 碳中和", '"green development"',
                                  "employment OR carbon", "development -carbon", "就业 employment"])
@pytest.mark.parametrize("themes", [(), ("carbon",)])
def test_search_ranks_as_before(library, monkeypatch, text, themes):
    def hits(request):
        result = search(library, request)
        assert result.error is None, result.error
        return [(h.report, h.paragraph, h.score) for h in result.hits]

    request = SearchRequest(text, themes=themes, limit=25)
    fast = hits(request)
    monkeypatch.setattr(index.search, "top_scored", lambda *args: None)  # Whoosh's search instead
    assert fast == hits(request)


@pytest.mark.parametrize("text", ["发展 创新", "碳达峰 发展 创新", "就业 employment", "development green carbon",
                                  "高质量发展 创新 就业", "green zzzqqx"])
def test_an_and_of_words_matches_what_whoosh_matches(searcher, text):
    """Words intersected segment by segment (index.search._holding_all), in segments with deletions."""
    from index.query import parse_query

    q = index.search._recall_only(parse_query(text).query)
    assert isinstance(q, wq.And) and sum(isinstance(part, wq.Term) for part in q.subqueries) >= 2, q
    assert index.search._matches(searcher, q) == set(searcher.docs_for_query(q))
