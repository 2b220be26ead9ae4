"""The on-disk index: incremental updates, damage, versions, locks, re-tagging."""

from pathlib import Path

import pytest
from helpers import REPORTS, THEMES, make_library, write_reports
from whoosh import index as whoosh_index

from index.library import Library, LibraryLocked
from index.schema import INDEX_NAME
from index.search import SearchRequest, search
from index.themes import ReportTheme


def test_update_is_incremental(tmp_path):
    lib = make_library(tmp_path)
    folder = tmp_path / "reports"
    again = lib.update([folder])
    assert (again.indexed, again.unchanged, again.removed) == (0, 2, 0)

    (folder / "GR2025_en.txt").write_text(REPORTS["GR2025_en.txt"] + "\nA new paragraph on hydrogen.\n")
    changed = lib.update([folder])
    assert (changed.indexed, changed.unchanged) == (1, 1)
    assert search(lib, SearchRequest("hydrogen")).total == 1

    (folder / "GR2025_en.txt").unlink()
    removed = lib.update([folder])
    assert removed.removed == 1
    assert [r.lang for r in lib.reports()] == ["zh"]
    assert search(lib, SearchRequest("hydrogen")).total == 0
    lib.close()


def test_unreadable_files_are_skipped_with_reasons(tmp_path):
    folder = write_reports(tmp_path / "reports")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    lib = Library(tmp_path / "index", THEMES)
    summary = lib.update([folder, tmp_path / "missing"])
    reasons = {p.rsplit("/", 1)[-1]: r for p, r in summary.skipped}
    assert summary.indexed == 2
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "no such file" in reasons["missing"]
    lib.close()


def test_reports_keep_outline_and_paragraphs(tmp_path):
    lib = make_library(tmp_path)
    zh = next(r for r in lib.reports() if r.lang == "zh")
    assert zh.year == 2024 and zh.paragraphs == len(lib.paragraphs(zh.id))
    assert [p["paragraph"] for p in lib.paragraphs(zh.id)] == list(range(zh.paragraphs))
    assert zh.outline and all("title" in node for node in zh.outline)
    lib.close()


def test_damaged_index_is_rebuilt_with_one_notice(tmp_path):
    lib = make_library(tmp_path)
    lib.close()
    for f in (tmp_path / "index").iterdir():
        if f.suffix in (".seg", ".toc") or "_" in f.name and f.suffix not in (".json",):
            f.write_bytes(b"garbage")
    reopened = Library(tmp_path / "index", THEMES)
    assert len(reopened.notices) == 1 and "damaged" in reopened.notices[0]
    assert reopened.needs_rebuild()
    reopened.update(reopened.roots())
    assert search(reopened, SearchRequest("碳中和")).total == 1
    reopened.close()


def test_older_index_version_is_replaced(tmp_path):
    lib = make_library(tmp_path)
    lib.close()
    index_dir = tmp_path / "index"
    for f in index_dir.iterdir():  # pretend these files came from schema 0
        if INDEX_NAME in f.name:
            f.rename(index_dir / f.name.replace(INDEX_NAME, "reportx_s0_a1"))
    reopened = Library(index_dir, THEMES)
    assert any("format changed" in n for n in reopened.notices)
    assert reopened.needs_rebuild() and reopened.reports() == []
    assert not any("reportx_s0_a1" in f.name for f in index_dir.iterdir())
    reopened.close()


def test_second_writer_gets_a_clear_message(tmp_path, monkeypatch):
    lib = make_library(tmp_path)
    other = whoosh_index.open_dir(str(tmp_path / "index"), indexname=INDEX_NAME)
    holder = other.writer()  # another process holding the write lock
    monkeypatch.setattr("index.library.LOCK_TIMEOUT_SECONDS", 0.2)
    try:
        with pytest.raises(LibraryLocked, match="another reportx process"):
            lib.update([tmp_path / "reports"])
    finally:
        holder.cancel()
    assert lib.update([tmp_path / "reports"]).unchanged == 2  # works once the lock is free
    lib.close()


def test_changed_themes_retag_without_rebuild(tmp_path):
    make_library(tmp_path).close()
    pollution = ReportTheme("pollution", "Pollution", "red", "", ("pollutants",), ("蓝天保卫战",))
    lib = Library(tmp_path / "index", [*THEMES, pollution])
    result = search(lib, SearchRequest("", themes=("pollution",), limit=0))
    assert result.total == 2
    assert lib.update([tmp_path / "reports"]).indexed == 0  # no file was re-read
    lib.close()


def test_a_long_build_commits_as_it_goes(tmp_path, monkeypatch):
    import index.library as library_module

    commits = []
    monkeypatch.setattr(library_module, "COMMIT_EVERY_BYTES", 1)  # a commit after every file
    reports = {f"{2000 + i}年政府工作报告.txt": f"政府工作报告\n\n第{i}段，推进碳达峰碳中和。\n" for i in range(6)}
    lib = Library(tmp_path / "index", THEMES, worker_processes=1)
    original = lib._writer

    def counting_writer(*args, **kwargs):
        writer = original(*args, **kwargs)
        commit = writer.commit
        writer.commit = lambda **kw: (commits.append(kw), commit(**kw))[1]
        return writer

    monkeypatch.setattr(lib, "_writer", counting_writer)
    lib.update([write_reports(tmp_path / "reports", reports)])
    assert len(commits) == 6  # five along the way, then the last
    assert search(lib, SearchRequest("碳中和", limit=0)).total == 6
    lib.close()


def _segment_ids(index_dir: Path) -> set[str]:
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    return {s.segment_id() for s in ix._segments()}


def test_updates_merge_small_segments_by_tier_not_every_time(tmp_path):
    """A one-file update leaves the segments before it alone; segments of one size
    gather until MERGE_FANOUT of them are merged into one, so their number stays small."""
    from index.segments import MERGE_FANOUT

    folder = tmp_path / "reports"
    lib = Library(tmp_path / "index", THEMES, worker_processes=1)
    lib.update([write_reports(folder)])
    found = search(lib, SearchRequest("碳中和", limit=0)).total
    counts = []
    for i in range(3 * MERGE_FANOUT):
        before = _segment_ids(tmp_path / "index")
        (folder / f"{1990 + i}年报告.txt").write_text(f"报告\n\n第{i}段，推进碳达峰碳中和。\n", encoding="utf-8")
        lib.update([folder])
        after = _segment_ids(tmp_path / "index")
        counts.append(len(after))
        assert len(before - after) in (0, 1) or len(before - after) >= MERGE_FANOUT - 1  # none, the meta's, or a tier
    assert max(counts) <= 2 * MERGE_FANOUT
    assert min(counts[MERGE_FANOUT:]) < max(counts)  # tiers were merged
    assert search(lib, SearchRequest("碳中和", limit=0)).total == found + 3 * MERGE_FANOUT
    lib.close()


def test_the_newest_reports_are_indexed_first(tmp_path):
    """A first build makes the newest reports searchable first: they are what people look for."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("2019年报告.txt", "notes-on-doc07.txt", "GR2025_en.txt", "2021/report.txt", "2023.txt"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text("Report\n\nCarbon peaking and green growth.\n", encoding="utf-8")
    order: list[str] = []
    library = Library(tmp_path / "index", THEMES)
    library.update([folder], progress=lambda done, total, path: order.append(Path(path).name))
    library.close()
    assert order == ["GR2025_en.txt", "2023.txt", "2019年报告.txt", "notes-on-doc07.txt", "report.txt"]


def test_an_index_written_by_our_codec_is_plain_whoosh(tmp_path):
    """Rare terms are inlined and lengths read once (index.segment_codec), but the
    files are Whoosh's own: its plain codec opens and searches them."""
    make_library(tmp_path).close()
    assert not any(b"segment_codec" in toc.read_bytes() for toc in (tmp_path / "index").glob("*.toc"))
    ix = whoosh_index.open_dir(str(tmp_path / "index"), indexname=INDEX_NAME)
    with ix.searcher() as s:
        inlined = [(field, term) for field, term in s.reader().all_terms()
                   if field == "cjk" and s.reader().term_info(field, term).is_inlined()]
        assert inlined, "rare bigrams are kept in their term records"
        field, term = inlined[0]
        assert list(s.reader().postings(field, term).all_ids())


def test_the_first_reports_become_searchable_at_once_then_commits_grow_rare(tmp_path, monkeypatch):
    """A new library shows its newest reports at once: a commit after 0.3 s,
    15 s later the next, then once the build has run half as long again."""
    import index.library as library_module

    clock = [0.0]
    monkeypatch.setattr(library_module.time, "perf_counter", lambda: clock[0])
    reports = {f"{1980 + i}年政府工作报告.txt": f"政府工作报告\n\n第{i}段，推进碳达峰碳中和。\n" for i in range(200)}
    lib = Library(tmp_path / "index", THEMES, worker_processes=1)
    committed_after: list[int] = []
    original_writer, original_index = lib._writer, lib._index_file
    indexed = [0]

    def index_file(*args, **kwargs):
        clock[0] += 0.5  # each report takes half a second
        indexed[0] += 1
        return original_index(*args, **kwargs)

    def writer(*args, **kwargs):
        w = original_writer(*args, **kwargs)
        commit = w.commit
        w.commit = lambda **kw: (committed_after.append(indexed[0]), commit(**kw))[1]
        return w

    monkeypatch.setattr(lib, "_index_file", index_file)
    monkeypatch.setattr(lib, "_writer", writer)
    lib.update([write_reports(tmp_path / "reports", reports)])
    assert committed_after == [1, 32, 63, 95, 143, 200]  # at 0.5, 16, 31.5, 47.5, 71.5 s, then the end
    lib.close()
