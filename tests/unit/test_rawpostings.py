"""index/rawpostings.py: the long posting lists written again as arrays hold
exactly what Whoosh's blocks hold, in segments written whole, merged, and
with deletions; search reads them, and reads Whoosh's blocks where a segment
has no such file or a damaged one."""

import random
from pathlib import Path

import pytest
from helpers import THEMES, write_reports
from whoosh import index as whoosh_index
from whoosh import query as wq

import index.library
import index.ranking
import index.segments
from index.library import Library
from index.postings import doc_ids, raw_ids_and_weights
from index.ranking import top_scored
from index.rawpostings import EXTENSION, raw_postings
from index.schema import INDEX_NAME

ZH_WORDS = ["发展", "创新", "就业", "教育", "住房", "生态", "改革", "开放", "科技", "消费"]
EN_WORDS = ["development", "innovation", "employment", "education", "housing", "ecology", "reform", "energy"]


def generated_reports(seed: int, count: int = 3, paragraphs: int = 400) -> dict[str, str]:
    """Reports whose common words fill several posting blocks (128 postings each) per segment."""
    rng = random.Random(seed)
    reports = {}
    for r in range(count):
        zh = "\n\n".join("我们要" + "，".join(rng.sample(ZH_WORDS, rng.randint(1, 6)) * rng.randint(1, 3)) + "。"
                         for _ in range(paragraphs))
        en = "\n\n".join("We will " + " and ".join(rng.sample(EN_WORDS, rng.randint(1, 5)) * rng.randint(1, 3)) + "."
                         for _ in range(paragraphs))
        reports[f"{2000 + r}年政府工作报告.txt"] = f"{2000 + r}年政府工作报告\n\n一、工作回顾\n\n{zh}\n"
        reports[f"report_{2000 + r}_en.txt"] = f"Report on the Work of the Government {2000 + r}\n\nI. Review\n\n{en}\n"
    return reports


def build(folder: Path, merged: bool) -> Library:
    """Several segments; unless `merged`, kept apart, one with deleted paragraphs."""
    reports = write_reports(folder / "reports", generated_reports(7))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index.library, "COMMIT_EVERY_BYTES", 30_000)
        if not merged:
            mp.setattr(index.segments, "SMALL_SEGMENT_DOCS", 0)
            mp.setattr(index.segments, "DELETED_SHARE", 1.0)
        lib = Library(folder / "index", THEMES, worker_processes=1)
        lib.update([reports])
        if not merged:  # re-indexing an edited report deletes its paragraphs from their segment
            with open(reports / "report_2001_en.txt", "a", encoding="utf-8") as f:
                f.write("\n\nWe will pursue development and energy.\n")
            lib.update([reports])
    return lib


@pytest.fixture(scope="module", params=["merged", "apart"])
def library(request, tmp_path_factory):
    lib = build(tmp_path_factory.mktemp(request.param), merged=request.param == "merged")
    yield lib
    lib.close()


def whoosh_postings(reader, fieldname: str, text: bytes) -> tuple[list[int], list[float]]:
    """The term's postings as Whoosh's own matcher decodes them, deleted documents included."""
    m = reader._terms.matcher(fieldname, text, reader.schema[fieldname].format)  # without the filter of deletions
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return ids, weights


def test_long_lists_are_held_raw_and_equal_whooshs(library):
    searcher = library.searcher()
    leaves = searcher.leaf_searchers()
    assert len(leaves) >= 2
    held = 0
    for sub, _ in leaves:
        reader = sub.reader()
        assert raw_postings(reader) is not None
        for fieldname, text in reader.all_terms():
            raw = raw_ids_and_weights(reader, fieldname, text)
            ids, weights = whoosh_postings(reader, fieldname, text)
            if raw is None:
                assert len(ids) <= 128, (fieldname, text)  # one block: read from Whoosh's file
                continue
            held += 1
            assert list(raw[0]) == ids, (fieldname, text)
            assert (list(raw[1]) if raw[1] is not None else [1.0] * len(ids)) == weights, (fieldname, text)
    assert held >= 20


def test_deleted_documents_are_left_out(library):
    searcher = library.searcher()
    long_lists = with_deletions = 0
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        for word in ("develop", "energi", "发展", "创新"):
            expected = sorted(sub.docs_for_query(wq.Term("text", word)))
            assert list(doc_ids(reader, "text", word)) == expected
            if len(expected) > 128:
                long_lists += 1
                with_deletions += reader.has_deletions()
    assert long_lists >= 4
    assert with_deletions or not searcher.reader().has_deletions()


@pytest.mark.parametrize("lookup_ratio", [10**9, 0], ids=["lists walked", "documents looked up"])
@pytest.mark.parametrize("text", ["发展", "创新 就业", "development energy housing"])
def test_ranking_from_raw_lists_equals_whooshs(library, monkeypatch, text, lookup_ratio):
    monkeypatch.setattr(index.ranking, "LOOKUP_RATIO", lookup_ratio)
    searcher = library.searcher()
    q = wq.And([wq.Term("text", t.text) for t in searcher.schema["text"].analyzer(text)])
    matching = sorted(searcher.docs_for_query(q))
    assert len(matching) > 50
    for allowed in (set(matching), set(random.Random(3).sample(matching, 12))):
        expected = [(hit.docnum, hit.score) for hit in searcher.search(q, filter=allowed, limit=None, terms=False)]
        assert top_scored(searcher, q, allowed, None) == expected


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage", "empty"])
def test_a_segment_without_good_raw_lists_is_read_from_whooshs_blocks(tmp_path, damage):
    lib = build(tmp_path, merged=True)
    expected = sorted(lib.searcher().docs_for_query(wq.Term("text", "develop")))
    lib.close()
    for path in (tmp_path / "index").glob(f"*{EXTENSION}"):
        data = path.read_bytes()
        if damage == "missing":
            path.unlink()
        else:
            path.write_bytes({"truncated": data[:len(data) // 2], "garbage": bytes(len(data)), "empty": b""}[damage])
    # Whoosh's index itself: the library's own check of its files would see the damage first
    ix = whoosh_index.open_dir(str(tmp_path / "index"), indexname=INDEX_NAME)
    with ix.searcher() as searcher:
        found = []
        for sub, offset in searcher.leaf_searchers():
            assert raw_postings(sub.reader()) is None
            found += [n + offset for n in doc_ids(sub.reader(), "text", "develop")]
        assert found == expected
