"""Term lookups remembered per segment.

A search looks each of its words up in every segment several times: to order
an AND (rarest first), to drop common words from the ranking, to size the
ranking's matcher tree, to read the postings twice (the matches, then the
scores). Each lookup walks Whoosh's on-disk hash table a few small reads at a
time, ~30 µs; at 50× (85 segments) a three-word query spent a quarter of its
time there. A segment never changes once written, so what a lookup found
(its term info, or that the term is absent) stays true for the segment's
reader: `remember_term_infos` has each reader keep its last few.

Private Whoosh 2.7 API, checked by exact type (any other terms reader is left
as it is): a segment reader's terms reader (`SegmentReader._terms`), the W3
terms reader's key coder, terms file (its 256 hash tables and file), codec and
postings file, as its own `term_info` and `matcher` use them.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from whoosh.codec.whoosh3 import W3TermInfo, W3TermsReader
from whoosh.reading import SegmentReader, TermNotFound

from index.hashfile import KEY_AND_RECORD_LENGTHS, SLOT, key_hash

REMEMBERED = 256
"""Term infos kept per segment: a search's words, and those of the last few
searches (typing refines a query word by word)."""


def remember_term_infos(searcher: Any) -> None:
    """Have each segment reader of `searcher` keep the term infos it looks up."""
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        if type(reader) is SegmentReader and type(reader._terms) is W3TermsReader:
            reader._terms = RememberedTerms(reader._terms)


def forget_term_infos(searcher: Any) -> None:
    """Drop what the segment readers remember (benchmarks measure each query cold)."""
    for sub, _ in searcher.leaf_searchers():
        terms = getattr(sub.reader(), "_terms", None)
        if type(terms) is RememberedTerms:
            terms.forget()


class RememberedTerms:
    """A W3 terms reader that looks each term up once (up to REMEMBERED at a
    time); everything else goes to the reader it wraps."""

    def __init__(self, terms: W3TermsReader) -> None:
        self._terms = terms
        self._infos: OrderedDict[tuple[str, bytes], Any] = OrderedDict()
        """(field, term bytes) -> its W3TermInfo, or None where the segment lacks it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._terms, name)

    def forget(self) -> None:
        self._infos.clear()

    def _info(self, fieldname: str, tbytes: bytes) -> Any:
        key = (fieldname, tbytes)
        infos = self._infos
        if key in infos:
            infos.move_to_end(key)
            return infos[key]
        record = _record(self._terms._tindex, self._terms._keycoder(fieldname, tbytes))
        info = None if record is None else W3TermInfo.from_bytes(record)
        infos[key] = info
        if len(infos) > REMEMBERED:
            infos.popitem(last=False)
        return info

    # What SegmentReader asks of its terms reader, answered as W3TermsReader answers it:
    # TermNotFound from term_info and matcher, KeyError from the frequencies.

    def __contains__(self, term: tuple[str, bytes]) -> bool:
        return self._info(*term) is not None

    def term_info(self, fieldname: str, tbytes: bytes) -> Any:
        info = self._info(fieldname, tbytes)
        if info is None:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return info

    def frequency(self, fieldname: str, tbytes: bytes) -> float:
        weight: float = self._counted(fieldname, tbytes).weight()
        return weight

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> int:
        count: int = self._counted(fieldname, tbytes).doc_frequency()
        return count

    def _counted(self, fieldname: str, tbytes: bytes) -> Any:
        info = self._info(fieldname, tbytes)
        if info is None:
            raise KeyError((fieldname, tbytes))
        return info

    def matcher(self, fieldname: str, tbytes: bytes, format_: Any, scorer: Any = None) -> Any:
        terms = self._terms
        return terms._codec.postings_reader(terms._postfile, self.term_info(fieldname, tbytes), format_,
                                            term=(fieldname, tbytes), scorer=scorer)


def _record(terms_file: Any, key: bytes) -> bytes | None:
    """Whoosh's `HashReader.__getitem__` on a terms file: the record stored under `key`,
    or None. The same probing of the same tables, without its generators and hex
    digest: half the time of a lookup, and a 50× search makes hundreds."""
    keyhash = key_hash(key)
    tablestart, numslots = terms_file.tables[keyhash & 255]
    get = terms_file.dbfile.get
    slot = (keyhash >> 8) % numslots if numslots else 0
    for _ in range(numslots):
        slothash, itempos = SLOT.unpack(get(tablestart + slot * SLOT.size, SLOT.size))
        if not itempos:
            return None
        if slothash == keyhash:
            keylen, datalen = KEY_AND_RECORD_LENGTHS.unpack(get(itempos, KEY_AND_RECORD_LENGTHS.size))
            if keylen == len(key):
                stored: bytes = get(itempos + KEY_AND_RECORD_LENGTHS.size, keylen + datalen)
                if stored[:keylen] == key:
                    return stored[keylen:]
        slot = (slot + 1) % numslots
    return None
