"""n/N: the results list's order first, then the other hits in library reading order (explorer/hits.py)."""

from explorer.hits import HitStep, ordered_locations, step_walk, walk_order

HITS = {"2025": [3, 9], "2023": [1], "2024": [5]}
ORDER = ["2025", "2024", "2023"]  # the tree's reading order: newest first


def test_hits_follow_the_tree_and_reports_it_lacks_come_last():
    assert ordered_locations(HITS, ORDER[:2]) == [("2025", 3), ("2025", 9), ("2024", 5), ("2023", 1)]


def test_the_walk_takes_the_list_first_then_the_rest_in_reading_order():
    listed = [("2024", 5), ("2025", 9), ("2024", 5), ("gone", 2)]  # a repeat, and a place that is no hit
    assert walk_order(listed, HITS, ORDER) == [("2024", 5), ("2025", 9), ("2025", 3), ("2023", 1)]
    assert walk_order([], HITS, ORDER) == ordered_locations(HITS, ORDER)


def test_from_nowhere_the_first_or_the_last():
    order = walk_order([("2024", 5)], HITS, ORDER)
    assert step_walk(order, None, 1) == HitStep("2024", 5, 1, 4)
    assert step_walk(order, None, -1) == HitStep("2023", 1, 4, 4)
    assert step_walk(order, ("2024", 6), 1) == HitStep("2024", 5, 1, 4)  # not a hit: from the top
    assert step_walk([], None, 1) is None


def test_next_and_previous_wrap_around():
    order = walk_order([("2024", 5)], HITS, ORDER)
    assert step_walk(order, ("2024", 5), 1) == HitStep("2025", 3, 2, 4)
    assert step_walk(order, ("2023", 1), 1) == HitStep("2024", 5, 1, 4)  # past the end: the first
    assert step_walk(order, ("2024", 5), -1) == HitStep("2023", 1, 4, 4)  # before the start: the last


def test_every_hit_is_reached_once_in_a_round_either_way():
    every = walk_order([("2023", 1), ("2025", 9)], HITS, ORDER)
    for step in (1, -1):
        here, seen = None, []
        for _ in every:
            found = step_walk(every, here, step)
            assert found is not None
            here = (found.report, found.paragraph)
            seen.append(here)
        assert seen == (every if step > 0 else every[::-1])


def test_the_count_says_paragraphs_when_section_titles_share_them():
    from explorer.widgets.search_pane import count_label

    assert count_label(1, 1) == "1 paragraph"
    assert count_label(40, 40) == "40 paragraphs"
    assert count_label(40, 37) == "40 hits in 37 paragraphs"
