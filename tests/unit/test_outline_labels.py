"""Heading precision and recall over the hand-labelled outlines (tests/outlines/),
on the clean corpus files and on degraded copies of them (issue #11: >= 0.98)."""

from __future__ import annotations

from outline_score import OUTLINES, Score, expected_outline, labelled_files, measure, same, score

TARGET = 0.98


def test_the_labelled_set_covers_decades_and_provinces(corpus):
    files = labelled_files(corpus)
    assert len(files) >= 20
    assert len(files) == len(list(OUTLINES.glob("*.outline")))  # every label names a corpus file
    folders = {path.parent.name for path, _ in files}
    assert folders == {"national-zh", "national-en", "provincial-2025-zh", "hailar-gbk"}
    decades = {path.name[:3] for path, _ in files if path.parent.name == "national-zh"}
    assert len(decades) >= 6


def test_scorer_pairs_headings_in_order_by_level_and_title():
    expected = [(1, "一、回顾"), (2, "（一）经济保持较快发展"), (1, "二、任务")]
    assert score(expected, expected) == Score(3, 3, 3)
    cut = [(1, "一、回顾"), (2, "（一）经济保持…"), (3, "二、任务"), (1, "刘少奇")]
    s = score(cut, expected)
    assert (s.matched, s.found, s.expected) == (2, 4, 3)
    assert not same((1, "一、回"), (1, "一、回顾"))  # a title cut without "…" is wrong


def test_precision_and_recall_on_clean_files(corpus, tmp_path):
    s = measure(corpus, degraded=False, folder=tmp_path)
    print(f"clean: precision {s.precision:.3f} recall {s.recall:.3f} ({s.matched}/{s.found}/{s.expected})")
    assert s.precision >= TARGET and s.recall >= TARGET


def test_precision_and_recall_on_degraded_copies(corpus, tmp_path):
    s = measure(corpus, degraded=True, folder=tmp_path)
    print(f"degraded: precision {s.precision:.3f} recall {s.recall:.3f} ({s.matched}/{s.found}/{s.expected})")
    assert s.precision >= TARGET and s.recall >= TARGET


def test_each_label_file_is_well_formed():
    for path in OUTLINES.glob("*.outline"):
        for level, title in expected_outline(path):
            assert level >= 1 and title == title.strip() and title
