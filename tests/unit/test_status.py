"""What the explorer's status bar says about results (no app needed)."""

from explorer.screens.main import results_label


def test_results_label_says_how_much_of_the_library_the_hits_cover_while_indexing():
    assert results_label(1234, 17, indexing=False) == "1,234 hits"
    assert results_label(5, 3, indexing=True) == "5 hits in the 3 reports searchable so far"
    assert results_label(0, 1, indexing=True) == "0 hits in the 1 report searchable so far"
