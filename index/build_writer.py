"""The writers of an update: Whoosh's, with postings grouped by term as they come.

Whoosh's writers keep one tuple per posting in a pool and sort them all when
a segment is written: a 1× build holds some 2.5 million postings. Grouped by
term as documents are added, only the terms are sorted, and the field writer
takes each term's postings at once (`index.segment_codec.TermPostings`). The
segments written are the same, byte for byte.

Whoosh's parallel writer creates the writer of each worker process itself,
inside the process: `_WorkerTask` is its task with ours instead.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from index.segment_codec import Posting, TermPostings


class TermPool:
    """What a Whoosh writer's `pool` must do, with postings kept by field and term.
    A term's documents come in increasing order: documents are numbered as they
    are added.

    Each term's postings are packed records (`posting_record`), not tuples: a
    term of one posting, most of them, costs one bytes object where a list and
    a tuple of three took five Python objects, and a term without a value in a
    document without a boost (Chinese bigrams, word pairs) shares that
    document's one record. A writer holds its segment's postings until it
    commits, so this is what decides how much text a worker takes in between."""

    def __init__(self) -> None:
        self.by_field: dict[str, dict[bytes, bytes | bytearray]] = {}
        self.valued: set[str] = set()
        """The fields whose postings carry values (positions, frequencies)."""

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting: (field, term, document, weight, value)."""
        fieldname, term, docnum, weight, value = item
        if value:
            self.valued.add(fieldname)
        add_record(self.by_field.setdefault(fieldname, {}), term, posting_record(docnum, weight, value))

    def iter_postings(self) -> TermPostings:
        return TermPostings(self._by_term())

    def _by_term(self) -> Iterator[tuple[tuple[str, bytes], list[Posting]]]:
        for fieldname, terms in sorted(self.by_field.items()):
            valued = fieldname in self.valued
            for term in sorted(terms):
                yield (fieldname, term), read_records(terms[term], valued)

    @property
    def fieldnames(self) -> set[str]:
        return set(self.by_field)

    def cleanup(self) -> None:
        self.by_field = {}


_RECORD = struct.Struct("<IfI")
"""A posting's record: its document, its weight (a 32-bit float, as segments
keep it) and the size of the value that follows the record."""


def posting_record(docnum: int, weight: float, value: bytes | None) -> bytes:
    return _RECORD.pack(docnum, weight, len(value)) + value if value else _RECORD.pack(docnum, weight, 0)


def add_record(terms: dict[bytes, bytes | bytearray], term: bytes, record: bytes) -> None:
    """A term's first record is kept as it is; a second makes its records a bytearray."""
    records = terms.get(term)
    if records is None:
        terms[term] = record
    elif records.__class__ is bytes:
        terms[term] = bytearray(records) + record
    else:
        records += record


def read_records(records: bytes | bytearray, valued: bool) -> list[Posting]:
    """A term's postings back from its records; `valued`: whether values follow them."""
    if not valued:
        return [(docnum, weight, None) for docnum, weight, _ in _RECORD.iter_unpack(records)]
    postings: list[Posting] = []
    at, end, unpack_from, size = 0, len(records), _RECORD.unpack_from, _RECORD.size
    while at < end:
        docnum, weight, length = unpack_from(records, at)
        at += size
        postings.append((docnum, weight, bytes(records[at:at + length]) or None))
        at += length
    return postings


class BuildWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh ships no types
    pool: TermPool

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = TermPool()

    def add_document(self, **fields: Any) -> None:
        """Whoosh's `SegmentWriter.add_document` for our schema, postings straight
        into the pool as records (`add_record`, inlined: a tuple and two calls
        less per posting). Not supported, as our schema has none: boosts,
        spelling, vectors."""
        self._check_state()
        schema, docnum, docs = self.schema, self.docnum, self.perdocwriter
        pool = self.pool
        by_field, valued = pool.by_field, pool.valued
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        pack = _RECORD.pack
        plain = pack(docnum, 1.0, 0)  # this document's record of a term without a value
        docs.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    terms = by_field.setdefault(name, {})
                    scorable = field.scorable
                    has_values = False
                    for term, frequency, weight, encoded in field.index(value):
                        if scorable:
                            length += frequency
                        if encoded:  # add_record, inlined: it runs for every posting
                            record = pack(docnum, weight, len(encoded)) + encoded
                            has_values = True
                        else:
                            record = plain if weight == 1.0 else pack(docnum, weight, 0)
                        records = terms.get(term)
                        if records is None:
                            terms[term] = record
                        elif records.__class__ is bytes:
                            terms[term] = bytearray(records) + record
                        else:
                            records += record
                    if has_values:
                        valued.add(name)
                stored = fields.get(f"_stored_{name}", value)
                docs.add_field(name, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    docs.add_column_value(name, field.column_type, field.to_column_value(stored))
        except Exception:
            docs.cancel_doc()
            raise
        docs.finish_doc()
        self._added = True
        self.docnum += 1


class ParallelBuildWriter(MpWriter):  # type: ignore[misc]  # Whoosh ships no types
    """Whoosh's parallel writer, each of whose workers writes a segment of its own
    (`multisegment`: merging them would rewrite every posting in Python)."""

    def __init__(self, ix: Any, procs: int, **kwargs: Any) -> None:
        super().__init__(ix, procs=procs, multisegment=True, **kwargs)
        self.pool = TermPool()

    def _new_task(self) -> SubWriterTask:
        task = _WorkerTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, True)
        self.tasks.append(task)
        task.start()
        return task


class _WorkerTask(SubWriterTask):  # type: ignore[misc]  # Whoosh ships no types
    def run(self) -> None:
        """Whoosh's `SubWriterTask.run` for a multisegment writer, with a BuildWriter:
        index the batches of documents queued until told to stop (None), then
        hand back the segment written."""
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = BuildWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            writer.cancel()
            return
        self.resultqueue.put((None, writer.pool.fieldnames, writer._finalize_segment()), timeout=5)
