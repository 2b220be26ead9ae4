"""Reading Whoosh posting lists a block at a time.

Whoosh's matchers step one posting at a time, two or three Python method
calls each. Its W3 posting lists are stored in blocks of up to 128 document
numbers, decoded as a whole: these helpers work on those blocks directly.
They use the W3 matcher's private fields (`_read_data`, `_ids`,
`_read_weights`, `_weights`, `_data`, `_byteids`, `_fixedsize`,
`_next_block`, where the block's bytes lie) and the block format (a pickled
(ids, weights, values) tuple), so they check its exact type and leave any
other matcher to Whoosh's own methods.

A list of more than one block is read whole from the segment's raw postings
(`index.rawpostings`) instead, when the segment has them: found by where the
list starts in the postings file, a `W3TermInfo`'s `_offset` (`_inlined` when
it has no list there).
"""

from __future__ import annotations

import pickle
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermInfo
from whoosh.reading import TermNotFound

from index.rawpostings import raw_postings

VALUES_START = b"(c_codecs\nencode\n"
"""How a protocol 2 pickle starts a tuple of bytes (MARK, then the global that
rebuilds bytes): in a W3 posting block, where the values follow ids and
weights. Ids and weights cannot hold these bytes: every few bytes they have
an opcode (K, M, J, G) that this does not contain."""


def doc_ids(reader: Any, fieldname: str, text: Any) -> Sequence[int]:
    """The documents of one segment's `reader` holding the term, in order."""
    try:
        raw = raw_ids_and_weights(reader, fieldname, text, with_weights=False)
        if raw is not None:
            if not reader.has_deletions():
                return raw[0]
            deleted = reader.deleted_docs_set  # a frozenset, kept by the reader
            return [n for n in raw[0] if n not in deleted]
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return []
    if reader.has_deletions() or type(matcher) is not W3LeafMatcher:
        return list(matcher.all_ids())  # the matcher leaves deleted documents out
    ids: list[int] = []
    while matcher.is_active():
        ids += block_ids(matcher)
        matcher._next_block()
    return ids


def raw_ids_and_weights(reader: Any, fieldname: str, text: Any,
                        with_weights: bool = True) -> tuple[Sequence[int], Sequence[float] | None] | None:
    """The term's whole list in one segment (deleted documents included) from
    its raw postings: ids and weights (None when all are 1 or not asked for);
    None when they do not hold it. TermNotFound if the segment lacks the term."""
    raw = raw_postings(reader)
    if raw is None:
        return None
    info = reader.term_info(fieldname, text)
    if type(info) is not W3TermInfo or info._inlined is not None:
        return None
    return raw.lookup(info._offset, with_weights)


def block_ids(m: W3LeafMatcher) -> Sequence[int]:
    """The document ids of the W3 matcher's current block. Its values (positions)
    are not read: the block then has none (None), so `m` is for ids and weights only."""
    if m._data is None and not _without_values(m):
        m._read_data()
    ids = m._data[0]
    # What _read_ids does, but decoding the deltas in C, not in a Python generator
    m._ids = ids if m._byteids else tuple(accumulate(ids))
    decoded: Sequence[int] = m._ids
    return decoded


def block_ids_and_weights(m: W3LeafMatcher) -> tuple[Sequence[int], Sequence[float]]:
    """The document ids and weights of the W3 matcher's current block."""
    ids = block_ids(m)
    m._read_weights()
    weights: Sequence[float] = m._weights
    return ids, weights


def _without_values(m: W3LeafMatcher) -> bool:
    """Unpickle the current block's ids and weights into `m._data` (with None for
    its values) and say True; False, leaving `m` as it was, if its values are not
    bytes. Unpickling the values (positions: bytes, which protocol 2 rebuilds
    through a call each) would take 3/4 of the time."""
    if m._fixedsize is not None:  # no values (Existence), or a fixed size: not bytes
        return False
    before_values = _before_values(m)
    if before_values is None:
        return False
    mini_ids, mini_weights = pickle.loads(before_values + b"\x86.")  # TUPLE2, STOP
    m._data = (mini_ids, mini_weights, None)
    return True


def _before_values(m: W3LeafMatcher) -> bytes | None:
    """The block's pickle up to its values, inflating no more than that; None
    if its values are not bytes."""
    data: bytes = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    if not m._compression:
        cut = data.find(VALUES_START)
        return data[:cut] if cut >= 0 else None
    inflate, raw = zlib.decompressobj(), b""
    while data:
        raw += inflate.decompress(data, 2048)
        cut = raw.find(VALUES_START)
        if cut >= 0:
            return raw[:cut]
        data = inflate.unconsumed_tail
    raw += inflate.flush()
    cut = raw.find(VALUES_START)
    return raw[:cut] if cut >= 0 else None


def holding_rarest(reader: Any, terms: Iterable[tuple[str, Any]], narrowing: float | None = None,
                   within: list[int] | None = None) -> list[int]:
    """The documents of one segment holding the rarest of `terms` ((field, term)
    pairs), and each next rarest too: all of them, or while one has at most
    `narrowing` postings per document still in play (reading more would cost more
    than it saves). Among the documents `within` (sorted) if given: then every
    term narrows them by the same rule."""
    frequency = {t: reader.doc_frequency(*t) for t in set(terms)}
    ordered = sorted(frequency, key=frequency.__getitem__)
    if within is not None:
        docs = set(within)
    elif not ordered or not frequency[ordered[0]]:
        return []
    else:
        docs = set(doc_ids(reader, *ordered.pop(0)))
    for term in ordered:
        if not docs or (narrowing is not None and frequency[term] > narrowing * len(docs)):
            break
        docs.intersection_update(doc_ids(reader, *term))
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
