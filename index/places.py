"""Where each indexed document is: (report id, paragraph number), from the index columns.

Whoosh's column readers read one document at a time (a seek, a read and an
unpack, behind a MultiReader's bisect: ~15 µs a document), and a search's hit
locations need thousands. Each segment's two columns are read whole into arrays
the first time they are needed and kept on the segment's reader: a segment never
changes, and Whoosh reuses the reader of an unchanged segment after a commit.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from index.cache import cached

Place = tuple[str, int]
"""(report id, paragraph number)."""

_Table = tuple[list[str], Sequence[int], Sequence[int]]
"""A segment's distinct report ids, each document's index into them, each document's paragraph."""


def place_of(searcher: Any) -> Callable[[int], Place]:
    """docnum -> (report id, paragraph number) for the documents `searcher` sees."""
    leaves = searcher.leaf_searchers()
    offsets = [offset for _, offset in leaves]
    tables: list[_Table | None] = [None] * len(leaves)

    def place(docnum: int) -> Place:
        i = bisect_right(offsets, docnum) - 1
        table = tables[i]
        if table is None:
            reader = leaves[i][0].reader()
            table = tables[i] = cached(reader, "places", lambda: _read_table(reader))
        ids, refs, numbers = table
        n = docnum - offsets[i]
        return ids[refs[n]], numbers[n]

    return place


def _read_table(reader: Any) -> _Table:
    count = reader.doc_count_all()
    reports = _untranslated(reader.column_reader("report"))
    numbers = _untranslated(reader.column_reader("paragraph_column"))
    try:  # RefBytesColumn and NumericColumn, as the schema declares them: their arrays in one read each
        refs = reports._dbfile.get_array(reports._basepos, reports._typecode, reports._doccount)
        ids = [_text(v) for v in reports._uniques]
        paragraphs = numbers._dbfile.get_array(numbers._basepos, numbers._typecode, numbers._count)
        paragraphs.extend([numbers._default] * (count - len(paragraphs)))  # Whoosh reads a shorter column as defaults
    except AttributeError:  # another layout (an empty column): a document at a time
        ids = [_text(v) for v in reports]
        return ids, range(len(ids)), array("q", numbers)
    return ids, refs, paragraphs


def _untranslated(column: Any) -> Any:
    """The column reader under Whoosh's value-translating wrapper, if there is one."""
    return getattr(column, "_reader", column)


def _text(value: str | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value
