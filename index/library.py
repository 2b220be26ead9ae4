"""The library: a Whoosh index of reports on disk, kept up to date.

`Library.update(paths)` indexes new and changed files (by content hash),
removes files that disappeared below the given folders, and commits as it
goes so searches see reports while the rest is still being indexed. A damaged
index, or one from an older schema, is rebuilt from the remembered library
folders with one notice; a second writer waits on Whoosh's lock and then gets
a clear `LibraryLocked` error.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from queue import Full
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import FileIndex, LockError
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from index import integrity
from index.analysis import match_text_bytes
from index.atomic import atomic_write_text
from index.build_writer import BuildWriter, ParallelBuildWriter
from index.formats import split_member
from index.model import Report, ReportMeta, Section
from index.paths import default_index_dir
from index.processes import use_forkserver
from index.reader import ReadError, content_hash, discover, read_bytes, read_reports
from index.reportmeta import year_in_name
from index.schema import HEADING, INDEX_NAME, META, PARAGRAPH, REPORT, build_schema, unscored_fields
from index.segment_codec import BuildCodec
from index.segments import merge_by_tier
from index.terminfos import remember_term_infos
from index.themes import ReportTheme, ThemeMatcher, themes_fingerprint

FIRST_COMMIT_SECONDS = 0.3
"""A new library's first commit comes this soon, from an in-process writer, so it
is searchable at once (the newest reports, in both languages). Then worker
processes take over: each further in-process commit would be single-process
work, and leave one more small segment to merge."""
COMMIT_EVERY_SECONDS = 15.0
COMMIT_INTERVAL_GROWTH = 0.5
COMMIT_EVERY_BYTES = 32_000_000
"""A long build commits as it goes, so searches see what is done: 15 s after
the first commit, then once the build has run half as long again as it had
(at about 30, 45, 68, 102 s...), and at the latest after COMMIT_EVERY_BYTES
of report text. Every commit leaves a segment per worker, and every search
pays for each segment (a 50× build committing every 15 s left 85). A writer
keeps its segment's postings in memory until it commits
(index.build_writer.TermPool): a worker's peak is some 260 MB with its half
of 32 MB."""
LOCK_TIMEOUT_SECONDS = 10.0
# Whoosh's writer is pure Python: a big update analyses documents in worker
# processes (each writes its own segment). Small updates stay in-process,
# where starting processes would cost more than it saves.
WORKER_PROCESSES = min(2, os.cpu_count() or 1)
PARALLEL_ABOVE_BYTES = 1_000_000
_OUR_FILES = re.compile(r"^_?reportx_s\d+_a\d+[_.]")


class LibraryError(Exception):
    """A problem with the index the user must know about (one line)."""


class LibraryLocked(LibraryError):
    pass


@dataclass
class ReportRecord(ReportMeta):
    """What the index knows of one report, without reading its file."""

    outline: list[OutlineNode] = field(default_factory=list)
    paragraphs: int = 0


@dataclass
class UpdateSummary:
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    paragraphs: int = 0
    seconds: float = 0.0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[str] = field(default_factory=list)
    """Indexed, but something was ignored (a metadata field of the wrong type): one line each."""


Progress = Callable[[int, int, str], None]  # (done, total, path just handled)
OutlineNode = dict[str, Any]
"""One section of `outline_of`: title, level, paragraphs, first, children."""
StoredFields = dict[str, Any]
"""A document's stored fields as Whoosh returns them (see index.schema)."""


def outline_of(sections: Sequence[Section]) -> list[OutlineNode]:
    """The section tree as plain nested dicts (also the `outline --json` shape)."""
    top: list[OutlineNode] = []
    stack: list[tuple[Section, list[OutlineNode]]] = [(s, top) for s in reversed(sections)]
    while stack:  # no recursion: see Section.walk
        s, siblings = stack.pop()
        children: list[OutlineNode] = []
        node: OutlineNode = {"title": s.title, "level": s.level, "paragraphs": s.paragraph_count(),
                "first": _first_paragraph(s), "children": children}
        siblings.append(node)
        stack.extend((c, children) for c in reversed(s.children))
    return top


def _first_paragraph(section: Section) -> int | None:
    for s in section.walk():
        if s.paragraphs:
            return s.paragraphs[0].number
    return None


class Library:
    def __init__(self, index_dir: Path | None = None, themes: Sequence[ReportTheme] = (),
                 worker_processes: int = WORKER_PROCESSES, verify: bool = False):
        """`verify`: read every index file to check it (else sizes and samples only)."""
        self.index_dir = Path(index_dir) if index_dir else default_index_dir()
        self.verify = verify
        self.worker_processes = worker_processes
        self.themes = list(themes)
        self.matcher = ThemeMatcher(self.themes)
        self.notices: list[str] = []
        self._ix = self._open_or_create()
        self._searcher: Searcher | None = None
        self._id_owner: dict[str, str] = {}
        self._retag_if_themes_changed()

    # -- opening -----------------------------------------------------------

    def _open_or_create(self) -> FileIndex:
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            self._remove_other_versions()
            if not any(self.index_dir.glob(f"_{INDEX_NAME}_*.toc")):
                return whoosh_index.create_in(str(self.index_dir), build_schema(), indexname=INDEX_NAME)
            problem = integrity.damage_mark(self.index_dir)
            if problem is None:
                try:
                    ix = whoosh_index.open_dir(str(self.index_dir), indexname=INDEX_NAME)
                    problem = integrity.check(self.index_dir, INDEX_NAME, ix.latest_generation(), full=self.verify)
                    if problem is None:
                        with ix.searcher() as s:
                            s.doc_count()
                            list(s.document_numbers(kind=META))
                        if not integrity.is_current(self.index_dir, INDEX_NAME, ix.latest_generation()):
                            self._record_integrity(ix)  # the files just read back are the ones to trust
                        return ix
                except LockError:
                    raise
                except Exception as e:  # any failure to read means the files are damaged
                    problem = f"{type(e).__name__}: {e}"
            self.notices.append(f"The index at {self.index_dir} is damaged ({problem}); "
                                "it is being rebuilt from the library folders.")
            self._delete_index_files(keep_roots=True)
            self._pending_rebuild = True
            return whoosh_index.create_in(str(self.index_dir), build_schema(), indexname=INDEX_NAME)
        except OSError as e:
            raise LibraryError(f"Cannot use the index at {self.index_dir}: {e.strerror or e}"
                               + (f" ({e.filename})" if e.filename else "")) from None

    def _record_integrity(self, ix: FileIndex | None = None) -> None:
        ix = ix or self._ix
        try:
            integrity.record(self.index_dir, INDEX_NAME, ix.latest_generation())
        except OSError:
            pass  # a read-only or full folder: checked by a test read instead

    def damaged(self, error: BaseException) -> str | None:
        """Whether `error`, raised while reading the index, means its files are damaged.

        Returns the reason (and marks the index so that the next open rebuilds
        it), or None for an error that is not about the files.
        """
        problem = integrity.check(self.index_dir, INDEX_NAME, self._ix.latest_generation(), full=True)
        if problem is None and _raised_reading_index(error):
            problem = f"{type(error).__name__}: {error}"
        if problem is not None:
            integrity.mark_damaged(self.index_dir, problem)
        return problem

    _pending_rebuild = False

    def _remove_other_versions(self) -> None:
        stale = [
            p for p in self.index_dir.iterdir()
            if _OUR_FILES.match(p.name) and INDEX_NAME not in p.name
        ]
        if any(p.suffix == ".toc" for p in stale):
            self.notices.append("The index format changed; the library is being re-indexed.")
            self._pending_rebuild = True
        for p in stale:
            p.unlink(missing_ok=True)

    def _delete_index_files(self, keep_roots: bool) -> None:
        for p in self.index_dir.iterdir():
            if keep_roots and p.name == "roots.json":
                continue
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)

    def needs_rebuild(self) -> bool:
        """True when the index was recreated and the remembered folders must be re-indexed."""
        return self._pending_rebuild

    # -- library folders ---------------------------------------------------

    @property
    def _roots_file(self) -> Path:
        return self.index_dir / "roots.json"

    def roots(self) -> list[Path]:
        try:
            return [Path(p) for p in json.loads(self._roots_file.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            return []

    def _remember_roots(self, paths: Iterable[Path]) -> None:
        roots = dict.fromkeys(str(p) for p in self.roots())
        roots.update(dict.fromkeys(str(Path(p).resolve()) for p in paths))
        atomic_write_text(self._roots_file, json.dumps(list(roots), ensure_ascii=False, indent=1))

    # -- reading -----------------------------------------------------------

    def searcher(self) -> Searcher:
        """A searcher that sees the latest commit (kept open between calls)."""
        if self._searcher is not None and not self._searcher.up_to_date():
            # A fresh searcher rather than refresh(): refresh fails on an empty index.
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = self._ix.searcher()
            remember_term_infos(self._searcher)
        return self._searcher

    def reports(self) -> list[ReportRecord]:
        s = self.searcher()
        records = [_record(s.stored_fields(n)) for n in s.document_numbers(kind=REPORT)]
        return sorted(records, key=lambda r: (-(r.year or 0), r.title))

    def report(self, report_id: str) -> ReportRecord | None:
        s = self.searcher()
        fields = s.document(key=f"{report_id}:report")
        return _record(fields) if fields else None

    def paragraphs(self, report_id: str) -> list[StoredFields]:
        """The stored paragraphs of one report, in reading order."""
        s = self.searcher()
        # The report's own documents, then their kind: intersecting with kind=paragraph
        # reads that term's postings, one per paragraph of the library (65 ms at 10x).
        docs = [f for n in s.document_numbers(report=report_id) if (f := s.stored_fields(n)).get("kind") == PARAGRAPH]
        return sorted(docs, key=lambda d: d["paragraph"])

    def paragraph_count(self) -> int:
        return sum(1 for _ in self.searcher().document_numbers(kind=PARAGRAPH))

    # -- writing -----------------------------------------------------------

    def _writer(self, parallel: bool = False) -> IndexWriter:
        try:
            return self._open_writer(parallel)
        except OSError as e:
            raise LibraryError(f"Cannot write the index at {self.index_dir}: {e.strerror or e}") from None

    def _open_writer(self, parallel: bool) -> IndexWriter:
        procs = self.worker_processes
        parallel = parallel and procs > 1 and use_forkserver()
        if parallel:
            # The word segmenter is imported on first use (index.analysis, index.query); have it
            # fully imported here, not half-imported by another thread, before the workers fork.
            import rjieba  # noqa: F401
        # Separate segment files, not one compound file: a compound segment
        # is copied into memory on opening (256 MB vs 71 MB to search 1x).
        options = {"timeout": LOCK_TIMEOUT_SECONDS, "compound": False,
                   "codec": BuildCodec(unscored_fields(self._ix.schema))}
        try:
            writer = ParallelBuildWriter(self._ix, procs, **options) if parallel else BuildWriter(self._ix, **options)
        except LockError:
            raise LibraryLocked(
                f"The index at {self.index_dir} is being updated by another reportx process "
                f"(waited {LOCK_TIMEOUT_SECONDS:.0f} s). Try again when it has finished."
            ) from None
        if parallel:
            self._watch_job_queue(writer)
        return writer

    def _watch_job_queue(self, writer: IndexWriter) -> None:
        """Whoosh hands batches to its worker processes through a bounded queue and
        waits on it without end: when the workers have died (a full disk) nothing
        empties it. Waiting in short steps lets a dead worker fail the update."""
        queue = writer.jobqueue
        put = queue.put

        def put_while_workers_live(item: object, block: bool = True, timeout: float | None = None) -> None:
            while True:
                try:
                    put(item, True, 0.5)
                    return
                except Full:
                    self._check_workers(writer)

        queue.put = put_while_workers_live

    def update(self, paths: Sequence[Path], progress: Progress | None = None) -> UpdateSummary:
        """Index new and changed report files below `paths`; drop vanished ones."""
        began = time.perf_counter()
        paths = [Path(p) for p in paths]
        summary = UpdateSummary()
        known = _by_file(self.reports())
        files = discover(paths, summary.skipped)
        self._remember_roots([p for p in paths if p.is_dir()])
        # Newest first: the reports people search for become searchable first.
        changed = sorted(self._changed_files(files, known, summary), key=lambda f: -(year_in_name(f[0]) or 0))
        # Which file holds each report id: a second file claiming one is refused.
        self._id_owner = {r.id: r.path for records in known.values() for r in records}
        done = len(files) - len(changed)
        if progress and done:
            progress(done, len(files), str(files[-1]))

        parallel = sum(size for _, size in changed) > PARALLEL_ABOVE_BYTES
        # The first commit comes from an in-process writer: starting worker
        # processes would delay the moment a new library is searchable.
        writer = self._writer()
        last_commit = time.perf_counter()
        interval = FIRST_COMMIT_SECONDS
        try:
            since_commit = 0
            for path, size in changed:
                self._index_file(writer, path, known.get(str(path)), summary)
                done += 1
                since_commit += size
                if progress:
                    progress(done, len(files), str(path))
                due = time.perf_counter() - last_commit > interval or since_commit > COMMIT_EVERY_BYTES
                if due and done < len(files):
                    writer.commit(merge=False)  # let searches see what is done
                    self._check_workers(writer)
                    self._record_integrity()
                    interval = max(COMMIT_EVERY_SECONDS, COMMIT_INTERVAL_GROWTH * (time.perf_counter() - began))
                    writer = self._writer(parallel)
                    last_commit, since_commit = time.perf_counter(), 0
            summary.removed = self._remove_vanished(writer, known, files, paths)
            self._write_meta(writer)
            writer.commit(mergetype=merge_by_tier)
            self._check_workers(writer)
        except BaseException as e:
            self._abandon(writer)
            if isinstance(e, OSError):
                raise self._write_failed(e) from None
            raise
        self._record_integrity()
        self._pending_rebuild = False
        summary.seconds = time.perf_counter() - began
        return summary

    def _changed_files(self, files: Iterable[Path], known: dict[str, list[ReportRecord]],
                       summary: UpdateSummary) -> list[tuple[Path, int]]:
        """(path, size) of files that are new or whose content hash changed."""
        changed: list[tuple[Path, int]] = []
        for path in files:
            try:
                data = read_bytes(path)
            except ReadError as e:
                summary.skipped.append((str(e.path), e.reason))  # the sidecar, when it is at fault
                continue
            records = known.get(str(path))
            if records and all(r.content_hash == content_hash(data) for r in records):
                summary.unchanged += len(records)
            else:
                changed.append((path, len(data)))
        return changed

    def _index_file(self, writer: IndexWriter, path: Path, records: list[ReportRecord] | None, summary: UpdateSummary) -> None:
        """Index the report(s) of one file: one, or one per row of a collection."""
        try:
            reports = read_reports(path)
        except ReadError as e:
            summary.skipped.append((str(e.path), e.reason))  # the sidecar, when it is at fault
            return
        for record in records or ():
            writer.delete_by_term("report", record.id)
            self._id_owner.pop(record.id, None)
        for report in reports:
            owner = self._id_owner.get(report.meta.id)
            if owner is not None and owner != report.meta.path and _source_exists(owner):
                summary.skipped.append((report.meta.path, f"report id {report.meta.id!r} is already used by {owner}; "
                                                          "give one of them another id: in its front matter"))
                continue
            summary.warnings.extend(report.problems)
            self._id_owner[report.meta.id] = report.meta.path
            self._add_report(writer, report)
            summary.indexed += 1
            summary.paragraphs += len(report.paragraphs())

    def _add_report(self, writer: IndexWriter, report: Report) -> None:
        meta = report.meta
        paragraphs = report.paragraphs()
        writer.delete_by_term("report", meta.id)  # same id from another path
        writer.add_document(
            key=f"{meta.id}:report", kind=REPORT, report=meta.id, title=meta.title,
            year=meta.year or 0, lang=meta.lang, path=meta.path,
            content_hash=meta.content_hash, outline=outline_of(report.sections),
            paragraph=len(paragraphs),
        )
        for p in paragraphs:
            writer.add_document(
                key=f"{meta.id}:{p.number}", kind=PARAGRAPH, report=meta.id,
                title=meta.title, year=meta.year or 0, lang=meta.lang, path=meta.path,
                section=list(p.section_path), paragraph=p.number, start=p.start,
                **({"joins": [list(j) for j in p.joins]} if p.joins else {}),
                text=p.text, themes=",".join(self.matcher.match(p.text)), **_unstored(p.text, p.number),
            )
        for n, (path, first) in enumerate(headings(report.sections, len(paragraphs))):
            writer.add_document(
                key=f"{meta.id}:h{n}", kind=HEADING, report=meta.id,
                title=meta.title, year=meta.year or 0, lang=meta.lang, path=meta.path,
                section=list(path), paragraph=first, text=path[-1],
                themes=",".join(self.matcher.match(path[-1])), **_unstored(path[-1], first),
            )

    def _remove_vanished(self, writer: IndexWriter, known: dict[str, list[ReportRecord]],
                         files: Iterable[Path], roots: Iterable[Path]) -> int:
        present = {str(f) for f in files}
        folders = [os.path.realpath(r) + os.sep for r in roots if r.is_dir() or not r.exists()]
        removed = 0
        for path, records in known.items():
            gone = path not in present and not Path(path).exists()
            if gone and any(path.startswith(f) or path == f.rstrip(os.sep) for f in folders):
                for record in records:
                    writer.delete_by_term("report", record.id)
                    removed += 1
        return removed

    def _write_meta(self, writer: IndexWriter) -> None:
        writer.update_document(key="meta", kind=META, themes_fingerprint=themes_fingerprint(self.themes))

    # -- themes ------------------------------------------------------------

    def _stored_fingerprint(self) -> str | None:
        fields = self.searcher().document(key="meta")
        return fields.get("themes_fingerprint") if fields else None

    def _retag_if_themes_changed(self) -> None:
        stored = self._stored_fingerprint()
        if stored is None or stored == themes_fingerprint(self.themes):
            return
        self.retag()

    def retag(self) -> int:
        """Re-tag every paragraph with the current themes; returns paragraphs changed."""
        s = self.searcher()
        writer = self._writer()
        changed = 0
        try:
            for n in [*s.document_numbers(kind=PARAGRAPH), *s.document_numbers(kind=HEADING)]:
                fields = s.stored_fields(n)
                themes = ",".join(self.matcher.match(fields["text"]))
                if themes != fields.get("themes", ""):
                    writer.update_document(**{**fields, "themes": themes,
                                              **_unstored(fields["text"], fields["paragraph"])})
                    changed += 1
            self._write_meta(writer)
            writer.commit(mergetype=merge_by_tier)
        except BaseException as e:
            self._abandon(writer)
            if isinstance(e, OSError):
                raise self._write_failed(e) from None
            raise
        self._record_integrity()
        return changed

    def _abandon(self, writer: IndexWriter) -> None:
        """Cancel a writer after a failure, unless it is already closed (a failed
        commit: cancelling a closed writer raises and would hide the real error),
        then remove the files it left half-written: on a full disk they would keep
        it full for every later run."""
        if not writer.is_closed:
            try:
                writer.cancel()
            except OSError:
                # Closing the half-written segment failed too (the disk is still full), and
                # cancel stopped before letting go of the lock, which the clean-up needs.
                if writer.writelock is not None:
                    writer.writelock.release()
        # Whoosh's cancel only tells the parent's copy of each worker to stop: a
        # worker still running would write its segment after the clean-up below.
        for task in getattr(writer, "tasks", ()):
            if task.is_alive():
                task.terminate()
            task.join(5)
        lock = self._ix.storage.lock(f"{INDEX_NAME}_WRITELOCK")
        try:
            if lock.acquire(False):  # no other writer is at work in the folder
                try:
                    whoosh_index.clean_files(self._ix.storage, INDEX_NAME, self._ix.latest_generation(),
                                             self._ix._segments())
                finally:
                    lock.release()
        except OSError:
            pass

    def _check_workers(self, writer: IndexWriter) -> None:
        """Whoosh drops the documents of a worker process that failed (a full disk)
        without a word: then the index is incomplete, marked to be rebuilt."""
        failed = [t for t in getattr(writer, "tasks", ()) if t.exitcode not in (0, None)]
        if failed:
            integrity.mark_damaged(self.index_dir, "an indexing worker process failed while writing")
            raise OSError(errno.EIO, "an indexing worker process failed (is the disk full?)")

    def _write_failed(self, error: OSError) -> LibraryError:
        what = "the disk is full" if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) else (error.strerror or str(error))
        return LibraryError(f"Writing the index at {self.index_dir} failed: {what}. Reports committed before "
                            "the failure are kept; the half-written files were removed.")

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()


def headings(sections: Sequence[Section], after_last: int) -> Iterator[tuple[tuple[str, ...], int]]:
    """(title path, first paragraph) of every titled section, in reading order:
    the titles search finds, standalone heading lines included. A section with
    no paragraph points at the next paragraph (`after_last` past the end)."""
    titled = [(path, s) for path, s in _walk(sections, ()) if s.level > 0 and s.title.strip()]
    following = after_last
    found = []
    for path, section in reversed(titled):
        first = _first_paragraph(section)
        following = first if first is not None else following
        found.append((path, following))
    return reversed(found)


def _walk(sections: Sequence[Section], path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Section]]:
    for s in sections:
        here = (*path, s.title) if s.level > 0 else path
        yield here, s
        yield from _walk(s.children, here)


def _by_file(records: Iterable[ReportRecord]) -> dict[str, list[ReportRecord]]:
    """Records by the file they come from (a collection's rows share one file)."""
    files: dict[str, list[ReportRecord]] = {}
    for record in records:
        member = split_member(Path(record.path))
        files.setdefault(str(member[0]) if member else record.path, []).append(record)
    return files


def _source_exists(path: str) -> bool:
    """Whether the file behind a report path (a collection row's file for FILE#KEY) is still there."""
    member = split_member(Path(path))
    return (member[0] if member else Path(path)).exists()


def _unstored(text: str, number: int) -> StoredFields:
    """The paragraph fields that are indexed but not stored, from the stored ones
    (so re-tagging can rebuild a document from its stored fields alone)."""
    return {"cjk": text, "match_text": match_text_bytes(text), "pairs": text, "paragraph_column": number}


def _raised_reading_index(error: BaseException) -> bool:
    """True when the innermost frame of `error` is in Whoosh or in our own readers
    of its files: there, any failure comes from the bytes on disk."""
    tb = error.__traceback__
    module = ""
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        tb = tb.tb_next
    return module.startswith(("whoosh.", "index.textcolumn", "index.postings", "index.exact", "index.ranking"))


def _record(fields: StoredFields) -> ReportRecord:
    return ReportRecord(
        id=fields["report"], title=fields["title"], year=fields.get("year") or None,
        lang=fields["lang"], path=fields["path"], content_hash=fields["content_hash"],
        outline=fields.get("outline") or [], paragraphs=fields.get("paragraph", 0),
    )
