"""A Whoosh column of text per document that can be searched in place.

Whoosh's VarBytesColumn with two changes: its writer's end is fixed, and its
reader maps the column file into memory so `docs_holding` looks for a string
in each document's value without a seek, a read or a copy (~0.3 µs a
document, where reading each value is ~3 µs).
"""

from __future__ import annotations

import mmap
from collections.abc import Iterable

from whoosh.columns import VarBytesColumn
from whoosh.filedb.structfile import StructFile


class TextColumn(VarBytesColumn):  # type: ignore[misc]  # Whoosh ships no types
    """UTF-8 text per document, searched with `reader.docs_holding`."""

    class Writer(VarBytesColumn.Writer):  # type: ignore[misc]
        def finish(self, doccount: int) -> None:
            # Whoosh takes the arrays, then pads them for documents without a value:
            # when the padding needs a wider type, it writes the old, shorter offsets.
            self.fill(doccount)
            self._count: int = max(self._count, doccount)  # fill() leaves it: padded once, not twice
            super().finish(doccount)

    class Reader(VarBytesColumn.Reader):  # type: ignore[misc]
        def __init__(self, dbfile: StructFile, basepos: int, length: int, doccount: int) -> None:
            super().__init__(dbfile, basepos, length, doccount)
            self._map: mmap.mmap | None = None
            if dbfile.is_real and length:
                self._map = mmap.mmap(dbfile.fileno(), 0, access=mmap.ACCESS_READ)

        def docs_holding(self, docnums: Iterable[int], needle: bytes) -> list[int]:
            """The documents among `docnums` whose value contains `needle`."""
            if self._map is None:
                return [n for n in docnums if needle in self[n]]
            find, base, offsets, lengths = self._map.find, self._basepos, self._offsets, self._lengths
            return [n for n in docnums
                    if find(needle, base + offsets[n], base + offsets[n] + lengths[n]) >= 0]
