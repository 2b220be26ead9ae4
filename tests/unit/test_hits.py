"""n/N: the next and previous hit in library reading order (explorer/hits.py)."""

from explorer.hits import HitStep, ordered_locations, step_hit

HITS = {"2025": [3, 9], "2023": [1], "2024": [5]}
ORDER = ["2025", "2024", "2023"]  # the tree's reading order: newest first


def test_hits_follow_the_tree_and_reports_it_lacks_come_last():
    assert ordered_locations(HITS, ORDER[:2]) == [("2025", 3), ("2025", 9), ("2024", 5), ("2023", 1)]


def test_next_and_previous_from_inside_a_report_wrap_around():
    assert step_hit(HITS, ORDER, ("2025", 3), 1) == HitStep("2025", 9, 2, 4)
    assert step_hit(HITS, ORDER, ("2025", 4), 1) == HitStep("2025", 9, 2, 4)
    assert step_hit(HITS, ORDER, ("2025", 9), 1) == HitStep("2024", 5, 3, 4)
    assert step_hit(HITS, ORDER, ("2023", 1), 1) == HitStep("2025", 3, 1, 4)  # past the end: the first
    assert step_hit(HITS, ORDER, ("2025", 3), -1) == HitStep("2023", 1, 4, 4)  # before the start: the last


def test_from_a_report_without_hits_the_walk_goes_on_from_its_place_in_the_tree():
    order = ["2025", "2024.5", "2024", "2023"]
    assert step_hit(HITS, order, ("2024.5", 7), 1) == HitStep("2024", 5, 3, 4)
    assert step_hit(HITS, order, ("2024.5", 7), -1) == HitStep("2025", 9, 2, 4)


def test_nowhere_yet_and_no_hits():
    assert step_hit(HITS, ORDER, None, 1) == HitStep("2025", 3, 1, 4)
    assert step_hit(HITS, ORDER, None, -1) == HitStep("2023", 1, 4, 4)
    assert step_hit({}, ORDER, ("2025", 1), 1) is None


def test_every_hit_is_reached_once_in_a_round_either_way():
    every = ordered_locations(HITS, ORDER)
    for step in (1, -1):
        here, seen = None, []
        for _ in every:
            found = step_hit(HITS, ORDER, here, step)
            assert found is not None
            here = (found.report, found.paragraph)
            seen.append(here)
        assert seen == (every if step > 0 else every[::-1])
