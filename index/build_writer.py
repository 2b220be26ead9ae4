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

from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from index.segment_codec import Posting, TermPostings


class TermPool:
    """What a Whoosh writer's `pool` must do, with postings kept by field and term.
    A term's documents come in increasing order: documents are numbered as they
    are added."""

    def __init__(self) -> None:
        self.by_field: dict[str, dict[bytes, list[Posting]]] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting: (field, term, document, weight, value)."""
        fieldname, term, docnum, weight, value = item
        self.by_field.setdefault(fieldname, {}).setdefault(term, []).append((docnum, weight, value))

    def iter_postings(self) -> TermPostings:
        return TermPostings([((fieldname, term), terms[term])
                             for fieldname, terms in sorted(self.by_field.items()) for term in sorted(terms)])

    @property
    def fieldnames(self) -> set[str]:
        return set(self.by_field)

    def cleanup(self) -> None:
        self.by_field = {}


class BuildWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh ships no types
    pool: TermPool

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = TermPool()

    def add_document(self, **fields: Any) -> None:
        """Whoosh's `SegmentWriter.add_document` for our schema, postings straight
        into the pool (a tuple and a call less per posting, ~10% of a worker's
        time). Not supported, as our schema has none: boosts, spelling, vectors."""
        self._check_state()
        schema, docnum, docs = self.schema, self.docnum, self.perdocwriter
        by_field = self.pool.by_field
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
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
                    for term, frequency, weight, encoded in field.index(value):
                        if scorable:
                            length += frequency
                        postings = terms.get(term)
                        if postings is None:
                            terms[term] = [(docnum, weight, encoded)]
                        else:
                            postings.append((docnum, weight, encoded))
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
