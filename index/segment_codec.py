"""How a writer encodes segments: Whoosh's W3 format, written with less work.

The files are the ones Whoosh's own `W3Codec` writes and reads back; only the
writing side differs, in two ways measured on the cold build:

- Rare terms go inline. A term in fewer than `INLINE_BELOW` paragraphs keeps
  its postings in its term record instead of a pickled, compressed block of
  its own in the postings file. Most terms are rare (Chinese bigrams, English
  word pairs), and Whoosh's default inlines none.
- Postings come grouped by term (`index.build_writer.TermPool`): each term's
  are added to its blocks in one go, not one Python call chain per posting.
- Long posting lists are written again as plain arrays
  (`index.rawpostings`), which searches read in one call where Whoosh's
  blocks take one each.
- Document lengths are looked up once. Writing each posting asks for its
  document's length in the field (block statistics for scoring): Whoosh reads
  it back from the column file each time, and for a field without lengths
  checks that the file exists, each time. Unscored fields (`UNSCORED`) need
  none at all.

Segments name Whoosh's plain codec, so an index opens without this module
(and is read from Whoosh's blocks alone).
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
    _lenfield,
)
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

from index.hashfile import KEY_AND_RECORD_LENGTHS, SLOT, key_hash
from index.rawpostings import EXTENSION, RawPostingsWriter

INLINE_BELOW = 16
"""Postings a term may have and still be kept in its term record."""

_EMPTY_SLOT = SLOT.pack(0, 0)

_TERM_INFO = W3TermInfo._struct
_FLOAT32 = struct.Struct("f")

_length_byte = cache(length_to_byte)
"""Whoosh's one-byte length code, looked up once per length (a bisection each time otherwise)."""

_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]

Posting = tuple[int, float, bytes | None]
"""(document number, weight, encoded value) of one term in one document."""


class TermPostings:
    """A segment's postings in term order, grouped: ((field, term), [Posting, ...])
    pairs in `by_term`, to be read once. Iterating gives Whoosh's own form, one
    (field, term, document, weight, value) tuple per posting, for any code that
    wants that."""

    def __init__(self, by_term: Iterable[tuple[tuple[str, bytes], list[Posting]]]) -> None:
        self.by_term = by_term

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for (fieldname, term), postings in self.by_term:
            for docnum, weight, value in postings:
                yield fieldname, term, docnum, weight, value


class BuildCodec(W3Codec):  # type: ignore[misc]  # Whoosh ships no types
    def __init__(self, unscored: Iterable[str] = ()) -> None:
        super().__init__(inlinelimit=INLINE_BELOW)
        self.unscored = frozenset(unscored)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression, inlinelimit=self._inlinelimit)

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        return _LengthsLoadedOnce(storage, segment, self.unscored)

    def new_segment(self, storage: Any, indexname: str) -> Any:
        return W3Codec().new_segment(storage, indexname)


class _FieldWriter(W3FieldWriter):  # type: ignore[misc]  # Whoosh ships no types
    _postwriter: _PostingsWriter
    _tindex: _TermsFile

    def __init__(self, codec: BuildCodec, storage: Any, segment: Any) -> None:
        super().__init__(codec, storage, segment)
        # Whoosh's __init__ made the terms file and wrote its header: the same object, with our methods.
        self._tindex.__class__ = _TermsFile
        self._raw = RawPostingsWriter(self._create_file(EXTENSION))

    def start_field(self, fieldname: str, fieldobj: Any) -> None:
        super().start_field(fieldname, fieldobj)
        self._postwriter.raw = self._raw

    def close(self) -> None:
        super().close()
        self._raw.close()

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        if not isinstance(items, TermPostings) or not isinstance(lengths, _LengthsLoadedOnce | None):
            super().add_postings(schema, lengths, items)
            return
        fieldname = None
        field_lengths = None
        inlined: list[tuple[bytes, bytes]] = []  # term records not yet in the terms file, in term order

        def write_inlined() -> None:  # before anything else goes to the terms file
            if inlined:
                self._tindex.add_in_order(inlined)
                inlined.clear()

        for (field, term), postings in items.by_term:
            if field != fieldname:
                write_inlined()
                if fieldname is not None:
                    self.finish_field()
                fieldname = field
                self.start_field(fieldname, schema[fieldname])
                field_lengths = lengths.field_lengths(fieldname) if lengths else None
                field_id = pack_ushort(self._fieldid)
            if len(postings) < INLINE_BELOW:  # most terms: no blocks, no postings file
                inlined.append((field_id + term, _inlined_term_info(postings, field_lengths)))
                continue
            write_inlined()
            self.start_term(term)
            self._postwriter.add_postings(postings, field_lengths)
            self.finish_term()
        write_inlined()
        if fieldname is not None:
            self.finish_field()


class _TermsFile(OrderedHashWriter):  # type: ignore[misc]  # Whoosh ships no types
    """Whoosh's terms file (an ordered hash file) with two of its methods done in
    fewer calls: the same bytes, positions and hashes."""

    def add_in_order(self, records: list[tuple[bytes, bytes]]) -> None:
        """`add` for each (key, record), keys in increasing order, in one write,
        without three file calls and a hex digest per term."""
        at = self.dbfile.tell()
        buckets, index = self.buckets, self.index
        chunk = bytearray()
        for key, record in records:
            index.append(at)
            h = key_hash(key)
            buckets[h & 255].append((h, at))
            chunk += KEY_AND_RECORD_LENGTHS.pack(len(key), len(record))
            chunk += key
            chunk += record
            at += KEY_AND_RECORD_LENGTHS.size + len(key) + len(record)
        self.dbfile.write(chunk)
        self.lastkey = records[-1][0]

    def _write_hashes(self) -> None:
        """Whoosh's 256 open-addressing tables (twice as many slots as keys, linear
        probing), each written at once rather than a slot at a time."""
        dbfile = self.dbfile
        for entries in self.buckets:
            numslots = 2 * len(entries)
            self.directory.append((dbfile.tell(), numslots))
            table: list[tuple[int, int] | None] = [None] * numslots
            for hashval, position in entries:
                slot = (hashval >> 8) % numslots
                while table[slot] is not None:
                    slot = (slot + 1) % numslots
                table[slot] = (hashval, position)
            dbfile.write(b"".join(_EMPTY_SLOT if entry is None else SLOT.pack(*entry) for entry in table))


def _inlined_term_info(postings: list[Posting], field_lengths: Sequence[int] | None) -> bytes:
    """The term record `finish_term` writes for a term whose postings are inlined
    (`_PostingsWriter.finish_postings`): its statistics, then the postings."""
    if len(postings) == 1:  # most terms: a bigram or word pair of one paragraph
        return _one_posting_term_info(*postings[0], field_lengths)
    ids, raw_weights, raw_values = zip(*postings)
    weights = array("f", raw_weights)  # Whoosh keeps them as 32-bit floats
    values = tuple(value for value in raw_values if value) or (b"",) * len(ids)
    min_length, max_length = _length_range(ids, field_lengths)
    head: bytes = _TERM_INFO.pack(True, sum(weights), len(ids), 0 if min_length is None else _length_byte(min_length),
                                  _length_byte(max_length), max(0, max(raw_weights)), ids[0], ids[-1])
    return head + dumps((ids, tuple(weights), values), 2)


def _one_posting_term_info(docnum: int, weight: float, value: bytes | None,
                           field_lengths: Sequence[int] | None) -> bytes:
    """`_inlined_term_info` of a single posting, without the lists."""
    (weight32,) = _FLOAT32.unpack(_FLOAT32.pack(weight))
    length = field_lengths[docnum] if field_lengths and docnum < len(field_lengths) else 0
    length_byte = _length_byte(length)  # 0 for no length, as _length_range's None gives
    head: bytes = _TERM_INFO.pack(True, weight32, 1, length_byte, length_byte, max(0, weight), docnum, docnum)
    return head + dumps(((docnum,), (weight32,), (value or b"",)), 2)


def _length_range(ids: Sequence[int], field_lengths: Sequence[int] | None) -> tuple[int | None, int]:
    """The shortest and longest of the documents' lengths in the field, as `add_posting`
    keeps them: lengths of 0 (or none known) leave them at None and 0."""
    if not field_lengths:
        return None, 0
    count = len(field_lengths)
    known = [field_lengths[d] for d in ids if d < count and field_lengths[d]]
    return (min(known), max(known)) if known else (None, 0)


class _PostingsWriter(W3PostingsWriter):  # type: ignore[misc]  # Whoosh ships no types
    _terminfo: Any  # the term being written, Whoosh's W3TermInfo
    _ids: Any  # the block being filled: its documents, weights, values and statistics
    raw: RawPostingsWriter | None = None
    """Where a term's list goes again when it takes more than one block (set per field)."""

    def start_postings(self, format_: Any, terminfo: Any) -> None:
        super().start_postings(format_, terminfo)
        self._term_ids, self._term_weights = array("I"), array("f")

    def _write_block(self, last: bool = False) -> None:
        if self.raw is not None:
            self._term_ids += self._ids
            self._term_weights += self._weights
        super()._write_block(last)

    def add_postings(self, postings: list[Posting], field_lengths: Sequence[int] | None) -> None:
        """`add_posting` for each of a term's postings, a block at a time: the same
        blocks and block statistics. `field_lengths`: each document's length in
        the field, None for a field without lengths. (Field postings only: their
        documents are numbers, where a vector's would be terms.)"""
        limit = self._blocklimit
        for start in range(0, len(postings), limit):
            if self._ids:
                self._write_block()
            block = postings[start:start + limit]
            weights = [weight for _, weight, _ in block]
            ids = self._ids = array("I", [docnum for docnum, _, _ in block])
            self._weights = array("f", weights)
            self._values = [value for _, _, value in block if value]
            self._maxweight = max(0, max(weights))
            self._minlength, self._maxlength = _length_range(ids, field_lengths)

    def finish_postings(self) -> Any:
        """Whoosh's own inlining never ran (its limit is 1 by default) and fails:
        it calls a method its term info does not have (`set_inline`, not
        `set_inlined`), and terms without values (bare, IDs) read back "" for
        each value, which merging segments rejects: they get b"" each."""
        if self.written() or len(self) >= self._inlinelimit:
            start, blocks = self._startoffset, self._blockcount + bool(self._ids)
            terminfo = super().finish_postings()
            if self.raw is not None and blocks > 1:
                self.raw.add(start, self._term_ids, self._term_weights)
            return terminfo
        terminfo = self._terminfo
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, self._values or [b""] * len(self._ids))
        self._terminfo = None
        return terminfo


class _LengthsLoadedOnce(W3PerDocReader):  # type: ignore[misc]  # Whoosh ships no types
    """A segment's document lengths, each field's read in one go, for the writer."""

    def __init__(self, storage: Any, segment: Any, unscored: frozenset[str]) -> None:
        super().__init__(storage, segment)
        self._unscored = unscored
        self._lengths: dict[str, Sequence[int] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.field_lengths(fieldname)
        if lengths is None or docnum >= len(lengths):
            return default
        return lengths[docnum]

    def field_lengths(self, fieldname: str) -> Sequence[int] | None:
        """Every document's length in the field; None for a field without lengths."""
        if fieldname in self._unscored:
            return None
        if fieldname not in self._lengths:
            self._lengths[fieldname] = self._load(fieldname)
        return self._lengths[fieldname]

    def _load(self, fieldname: str) -> list[int] | None:
        column = _lenfield(fieldname)
        if not self.has_column(column):
            return None
        return [_LENGTH_OF_BYTE[b] for b in self.column_reader(column, LENGTHS_COLUMN).load()]
