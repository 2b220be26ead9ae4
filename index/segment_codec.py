"""How a writer encodes segments: Whoosh's W3 format, written with less work.

The files are the ones Whoosh's own `W3Codec` writes and reads back; only the
writing side differs, in two ways measured on the cold build:

- Rare terms go inline. A term in fewer than `INLINE_BELOW` paragraphs keeps
  its postings in its term record instead of a pickled, compressed block of
  its own in the postings file. Most terms are rare (Chinese bigrams, English
  word pairs), and Whoosh's default inlines none.
- Document lengths are looked up once. Writing each posting asks for its
  document's length in the field (block statistics for scoring): Whoosh reads
  it back from the column file each time, and for a field without lengths
  checks that the file exists, each time. Unscored fields (`UNSCORED`) need
  none at all.

Segments name Whoosh's plain codec, so an index opens without this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, W3PostingsWriter, _lenfield
from whoosh.util.numeric import byte_to_length

INLINE_BELOW = 16
"""Postings a term may have and still be kept in its term record."""

_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]


class BuildCodec(W3Codec):  # type: ignore[misc]  # Whoosh ships no types
    def __init__(self, unscored: Iterable[str] = ()) -> None:
        super().__init__(inlinelimit=INLINE_BELOW)
        self.unscored = frozenset(unscored)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression, inlinelimit=self._inlinelimit)

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        return _LengthsLoadedOnce(storage, segment, self.unscored)

    def new_segment(self, storage: Any, indexname: str) -> Any:
        return W3Codec().new_segment(storage, indexname)


class _PostingsWriter(W3PostingsWriter):  # type: ignore[misc]  # Whoosh ships no types
    _terminfo: Any  # the term being written, Whoosh's W3TermInfo

    def finish_postings(self) -> Any:
        """Whoosh's own inlining never ran (its limit is 1 by default) and fails:
        it calls a method its term info does not have (`set_inline`, not
        `set_inlined`), and terms without values (bare, IDs) read back "" for
        each value, which merging segments rejects: they get b"" each."""
        if self.written() or len(self) >= self._inlinelimit:
            return super().finish_postings()
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
        if fieldname in self._unscored:
            return default
        if fieldname not in self._lengths:
            self._lengths[fieldname] = self._load(fieldname)
        lengths = self._lengths[fieldname]
        if lengths is None or docnum >= len(lengths):
            return default
        return lengths[docnum]

    def _load(self, fieldname: str) -> list[int] | None:
        column = _lenfield(fieldname)
        if not self.has_column(column):
            return None
        return [_LENGTH_OF_BYTE[b] for b in self.column_reader(column, LENGTHS_COLUMN).load()]
