"""Long posting lists again, as plain arrays, in a file of their own per segment.

Whoosh keeps a posting list in blocks of 128 postings, each a zlib-compressed
pickle behind a pickled header: reading a common word's documents at 50×
means a few hundred blocks, ~25 µs each in Python, and a three-word query
reads over a thousand. This file holds the same lists (document numbers,
and weights where they are not all 1) as arrays read in one call each.

Only lists of more than one block are kept (shorter ones are one read in
Whoosh's file anyway), and they are found by where the list starts in
Whoosh's postings file, which the term's info in Whoosh's term table
gives: no term dictionary of its own. A segment without this file (written by Whoosh
itself, or by an older reportx), or with a damaged one, is read from
Whoosh's blocks as before.

Layout, little-endian: MAGIC, then each list's ids (uint32) and weights
(float32, if any); then the table: the lists' start offsets in the postings
file (uint64, ascending), their places here (uint64), their lengths
(uint32), whether each has weights (uint8); then the table's place and its
number of lists (uint64 each) and MAGIC again.
"""

from __future__ import annotations

import os
import struct
import sys
import weakref
from array import array
from bisect import bisect_left
from typing import Any

from index.cache import cached

EXTENSION = ".rxp"
MAGIC = b"RXPOST1\n"
_FOOTER = struct.Struct("<QQ")
_ROW_BYTES = 8 + 8 + 4 + 1
"""One list's row in the table: start, place, length, weighted."""
_BIG_ENDIAN = sys.byteorder == "big"


def _little_endian(values: array) -> bytes:  # type: ignore[type-arg]
    if _BIG_ENDIAN:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_little_endian(typecode: str, data: bytes) -> array:  # type: ignore[type-arg]
    values = array(typecode, data)
    if _BIG_ENDIAN:
        values.byteswap()
    return values


class RawPostingsWriter:
    """Writes one segment's file, a list at a time, as the postings writer
    finishes each term written in blocks."""

    def __init__(self, dbfile: Any) -> None:
        self._file = dbfile
        self._file.write(MAGIC)
        self._starts = array("Q")
        self._places = array("Q")
        self._counts = array("I")
        self._weighted = array("B")

    def add(self, start: int, ids: array, weights: array) -> None:  # type: ignore[type-arg]
        """The list whose blocks begin at `start` in the postings file."""
        weighted = weights.count(1.0) != len(weights)
        self._starts.append(start)
        self._places.append(self._file.tell())
        self._counts.append(len(ids))
        self._weighted.append(weighted)
        self._file.write(_little_endian(ids))
        if weighted:
            self._file.write(_little_endian(weights))

    def close(self) -> None:
        table = self._file.tell()
        for column in (self._starts, self._places, self._counts, self._weighted):
            self._file.write(_little_endian(column))
        self._file.write(_FOOTER.pack(table, len(self._starts)) + MAGIC)
        self._file.close()


class RawPostings:
    """One segment's file, open for reading; see `raw_postings`."""

    def __init__(self, fd: int, size: int) -> None:
        footer = os.pread(fd, _FOOTER.size + len(MAGIC), size - _FOOTER.size - len(MAGIC))
        if os.pread(fd, len(MAGIC), 0) != MAGIC or footer[_FOOTER.size:] != MAGIC:
            raise ValueError("not a raw postings file")
        table, count = _FOOTER.unpack(footer[:_FOOTER.size])
        if table + count * _ROW_BYTES + len(footer) != size:
            raise ValueError("raw postings table does not fit the file")
        data = os.pread(fd, count * _ROW_BYTES, table)
        self._starts = _from_little_endian("Q", data[:8 * count])
        self._places = _from_little_endian("Q", data[8 * count:16 * count])
        self._counts = _from_little_endian("I", data[16 * count:20 * count])
        self._weighted = data[20 * count:]
        self._end = table
        self._fd = fd
        weakref.finalize(self, os.close, fd)  # checked first: a file refused is closed by the caller

    def lookup(self, start: int, with_weights: bool) -> tuple[array, array | None] | None:  # type: ignore[type-arg]
        """(ids, weights) of the list starting at `start` in the postings file;
        weights None when all are 1 or not asked for; None if the list is not here."""
        i = bisect_left(self._starts, start)
        if i == len(self._starts) or self._starts[i] != start:
            return None
        place, count = self._places[i], self._counts[i]
        weighted = self._weighted[i]
        size = count * 4 * (2 if weighted and with_weights else 1)
        if place + size > self._end:
            return None
        data = os.pread(self._fd, size, place)
        if len(data) != size:
            return None
        ids = _from_little_endian("I", data[:4 * count])
        weights = _from_little_endian("f", data[4 * count:]) if weighted and with_weights else None
        return ids, weights


def raw_postings(reader: Any) -> RawPostings | None:
    """The raw postings of a segment reader, opened once per reader; None when
    its segment has no such file or it is unreadable."""

    def open_file() -> RawPostings | None:
        segment, storage = getattr(reader, "_segment", None), getattr(reader, "_storage", None)
        folder = getattr(storage, "folder", None)
        if segment is None or folder is None:
            return None
        try:
            fd = os.open(os.path.join(folder, segment.make_filename(EXTENSION)), os.O_RDONLY)
        except OSError:
            return None
        try:
            return RawPostings(fd, os.fstat(fd).st_size)
        except (OSError, ValueError, struct.error):
            os.close(fd)
            return None

    found: RawPostings | None = cached(reader, "raw postings", open_file)
    return found
