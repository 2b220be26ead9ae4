"""Which segments a commit merges.

Every Whoosh commit writes a segment, and a search pays a little for each one;
merging them pays more, once: Whoosh re-reads and rewrites every posting in
Python (about 3 ms a paragraph, 7 s of a 20 s cold build). So segments are
merged the way log-structured indexes do it: small segments by size tier,
once a tier has gathered MERGE_FANOUT of them. A document is then rewritten a
few times in its life, not at every update, and no single update pays for the
ones before it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from whoosh.codec.base import Segment
from whoosh.reading import SegmentReader
from whoosh.writing import IndexWriter

SMALL_SEGMENT_DOCS = 2_000
"""Segments this big or bigger (a build's worker segments) are never merged for
size: at 50× that would rewrite most of the library, 10+ minutes in Python."""
MERGE_FANOUT = 6
"""A tier holds sizes within a factor of MERGE_FANOUT of each other, and is merged
once it has this many segments: at most (MERGE_FANOUT - 1) × 5 small segments."""
DELETED_SHARE = 0.25
"""A segment with more deleted documents than this share is rewritten without them."""


def merge_by_tier(writer: IndexWriter, segments: list[Segment]) -> list[Segment]:
    """Whoosh's `mergetype`: merge the segments `to_merge` picks; returns the rest."""
    merging = to_merge(segments)
    for segment in merging:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in merging]


def to_merge(segments: list[Any]) -> list[Any]:
    """The segments to merge into one: every small tier that is full, and every
    segment mostly deleted (merging gives their space back)."""
    tiers: dict[int, list[Any]] = defaultdict(list)
    for segment in segments:
        if segment.doc_count() < SMALL_SEGMENT_DOCS:
            tiers[tier(segment.doc_count())].append(segment)
    merging = [s for s in segments if s.deleted_count() > DELETED_SHARE * s.doc_count_all()]
    for members in tiers.values():
        if len(members) >= MERGE_FANOUT:
            merging += [s for s in members if s not in merging]
    return merging


def tier(docs: int) -> int:
    """0 for 0 to MERGE_FANOUT - 1 live documents, 1 up to MERGE_FANOUT², and so on."""
    level = 0
    while docs >= MERGE_FANOUT:
        docs //= MERGE_FANOUT
        level += 1
    return level
