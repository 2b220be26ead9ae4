"""Where each indexed document is: (report id, paragraph number), from the index columns.

Whoosh's column readers read one document at a time (a seek and a read behind
a MultiReader's bisect and a translating wrapper: ~15 µs a document), and a
search's hit locations need thousands. Each segment's report ids are read in one
piece (bytes, sliced per document) and its paragraph numbers into an array, the
first time they are needed, and kept on the segment's reader: a segment never
changes, and Whoosh reuses the reader of an unchanged segment after a commit.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from index.cache import cached

Place = tuple[str, int]
"""(report id, paragraph number)."""


def place_of(searcher: Any) -> Callable[[int], Place]:
    """docnum -> (report id, paragraph number) for the documents `searcher` sees."""
    leaves = searcher.leaf_searchers()
    offsets = [offset for _, offset in leaves]
    segments: list[Callable[[int], Place] | None] = [None] * len(leaves)

    def place(docnum: int) -> Place:
        i = bisect_right(offsets, docnum) - 1
        segment = segments[i]
        if segment is None:
            reader = leaves[i][0].reader()
            segment = segments[i] = cached(reader, "places", lambda: _segment_places(reader))
        return segment(docnum - offsets[i])

    return place


def _segment_places(reader: Any) -> Callable[[int], Place]:
    reports = _untranslated(reader.column_reader("report"))
    numbers = _untranslated(reader.column_reader("paragraph_column"))
    try:  # VarBytesColumn and NumericColumn, as the schema declares them: one read each
        starts, lengths = reports._offsets, reports._lengths
        end = starts[-1] + lengths[-1] if len(starts) else 0
        blob = reports._dbfile.get(reports._basepos, end)
        paragraphs = numbers._dbfile.get_array(numbers._basepos, numbers._typecode, numbers._count)
        missing = reader.doc_count_all() - len(paragraphs)  # Whoosh reads a shorter column as defaults
        paragraphs.extend([numbers._default] * missing)
    except AttributeError:  # another layout (an empty column): Whoosh's readers, a document at a time
        return lambda n: (_text(reports[n]), numbers[n])
    ids: dict[bytes, str] = {}

    def place(n: int) -> Place:
        raw = blob[starts[n]:starts[n] + lengths[n]]
        report = ids.get(raw)
        if report is None:
            report = ids[raw] = raw.decode("utf-8")
        return report, paragraphs[n]

    return place


def _untranslated(column: Any) -> Any:
    """The column reader under Whoosh's value-translating wrapper, if there is one."""
    return getattr(column, "_reader", column)


def _text(value: str | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value
