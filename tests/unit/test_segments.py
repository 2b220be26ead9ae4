"""Which segments a commit merges (index.segments): small ones by size tier, mostly deleted ones always."""

from dataclasses import dataclass

from index.segments import MERGE_FANOUT, SMALL_SEGMENT_DOCS, tier, to_merge


@dataclass(eq=False)
class Sized:
    """What the policy reads of a Whoosh segment: its live, deleted and total documents."""

    live: int
    deleted: int = 0

    def doc_count(self) -> int:
        return self.live

    def deleted_count(self) -> int:
        return self.deleted

    def doc_count_all(self) -> int:
        return self.live + self.deleted


def test_tiers_span_a_factor_of_the_fanout():
    assert [tier(n) for n in (0, 1, MERGE_FANOUT - 1, MERGE_FANOUT, MERGE_FANOUT**2 - 1, MERGE_FANOUT**2)] == [0, 0, 0, 1, 1, 2]


def test_a_tier_is_merged_once_it_is_full():
    build = [Sized(SMALL_SEGMENT_DOCS * 4), Sized(SMALL_SEGMENT_DOCS * 5), Sized(300)]
    updates = [Sized(250 + i) for i in range(MERGE_FANOUT - 2)]
    assert to_merge(build + updates) == []
    one_more = Sized(400)
    assert to_merge(build + updates + [one_more]) == [build[2], *updates, one_more]


def test_big_segments_are_never_merged_for_size():
    assert to_merge([Sized(SMALL_SEGMENT_DOCS + i) for i in range(3 * MERGE_FANOUT)]) == []


def test_mostly_deleted_segments_are_rewritten_even_alone():
    emptied, kept = Sized(1, deleted=1), Sized(SMALL_SEGMENT_DOCS * 3, deleted=10)
    assert to_merge([kept, emptied]) == [emptied]
    assert to_merge([Sized(SMALL_SEGMENT_DOCS * 3, deleted=SMALL_SEGMENT_DOCS * 2)]) != []
