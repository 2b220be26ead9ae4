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
    """What a Whoosh writer's `pool` must do, with postings kept by term."""

    def __init__(self) -> None:
        self._by_term: dict[tuple[str, bytes], list[Posting]] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting: (field, term, document, weight, value). A term's documents
        come in increasing order (documents are numbered as they are added)."""
        key = item[:2]
        postings = self._by_term.get(key)
        if postings is None:
            self._by_term[key] = [item[2:]]
        else:
            postings.append(item[2:])

    def iter_postings(self) -> TermPostings:
        return TermPostings(sorted(self._by_term.items()))

    @property
    def fieldnames(self) -> set[str]:
        return {fieldname for fieldname, _ in self._by_term}

    def cleanup(self) -> None:
        self._by_term = {}


class BuildWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh ships no types
    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = TermPool()


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
