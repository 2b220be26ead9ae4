"""Reading Whoosh posting lists a block at a time.

Whoosh's matchers step one posting at a time, two or three Python method
calls each. Its W3 posting lists are stored in blocks of up to 128 document
numbers, decoded as a whole: these helpers work on those blocks directly.
They use the W3 matcher's private fields, so they check its exact type and
leave any other matcher to Whoosh's own methods.
"""

from __future__ import annotations

from bisect import bisect_left

from whoosh.codec.whoosh3 import W3LeafMatcher


def doc_ids(reader, fieldname: str, text) -> list[int]:
    """The documents of one segment's `reader` holding the term, in order."""
    if not reader.doc_frequency(fieldname, text):
        return []
    matcher = reader.postings(fieldname, text)
    if reader.has_deletions() or type(matcher) is not W3LeafMatcher:
        return list(matcher.all_ids())  # the matcher leaves deleted documents out
    ids: list[int] = []
    while matcher.is_active():
        matcher._read_ids()
        ids += matcher._ids
        matcher._next_block()
    return ids


def skip_to(m, doc: int) -> None:
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
