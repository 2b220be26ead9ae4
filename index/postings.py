"""Reading Whoosh posting lists a block at a time.

Whoosh's matchers step one posting at a time, two or three Python method
calls each. Its W3 posting lists are stored in blocks of up to 128 document
numbers, decoded as a whole: these helpers work on those blocks directly.
They use the W3 matcher's private fields, so they check its exact type and
leave any other matcher to Whoosh's own methods.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import TermNotFound


def doc_ids(reader: Any, fieldname: str, text: Any) -> list[int]:
    """The documents of one segment's `reader` holding the term, in order."""
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return []
    if reader.has_deletions() or type(matcher) is not W3LeafMatcher:
        return list(matcher.all_ids())  # the matcher leaves deleted documents out
    ids: list[int] = []
    while matcher.is_active():
        matcher._read_ids()
        ids += matcher._ids
        matcher._next_block()
    return ids


def holding_rarest(reader: Any, fieldname: str, terms: Iterable[Any], narrowing: float | None = None) -> list[int]:
    """The documents of one segment holding the rarest of `terms`, and each next
    rarest too: all of them, or while one has at most `narrowing` postings per
    document still in play (reading more would cost more than it saves)."""
    frequency = {t: reader.doc_frequency(fieldname, t) for t in set(terms)}
    rarest, *others = sorted(frequency, key=frequency.__getitem__)
    if not frequency[rarest]:
        return []
    docs = set(doc_ids(reader, fieldname, rarest))
    for term in others:
        if not docs or (narrowing is not None and frequency[term] > narrowing * len(docs)):
            break
        docs.intersection_update(doc_ids(reader, fieldname, term))
    return sorted(docs)


def skip_to(m: Any, doc: int) -> None:
    """`m.skip_to(doc)`, but within a block of a W3 posting list by bisection:
    Whoosh steps through a block one posting at a time, which is most of the
    cost when a common word follows a rare one."""
    if type(m) is not W3LeafMatcher:
        m.skip_to(doc)
        return
    if doc > m.block_max_id():
        m.skip_to(doc)  # whole blocks skipped on their headers; lands in the right block
        return
    if m._ids is None:
        m._read_ids()
    m._i = bisect_left(m._ids, doc, m._i)
    if m._i == m._blocklength:
        m._next_block()
