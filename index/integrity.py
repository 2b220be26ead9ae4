"""Finding a damaged index before Whoosh reads it wrong.

Whoosh trusts its files: a truncated postings file fails deep inside it
(`Block tag error`, `bad typecode`), and a missing column file is taken as a
column of empty values, so hits silently go missing. After every commit the
size and checksums of each of the index's files are recorded here; opening
checks sizes and a sample of each file (cheap), and a full check reads them
all (after Whoosh fails while reading, and on `reportx index`).

Segment files are written once and never changed, so a commit hashes only
the files it added.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from index.atomic import atomic_write_text

MANIFEST = "integrity.json"
SAMPLE_BYTES = 64 * 1024
"""Hashed from each end of a file for the cheap check: catches truncation,
zeroing and overwriting of whole files without reading the whole index."""
DAMAGE_MARKER = "DAMAGED"
"""Left by a process that found damage while searching: the next open rebuilds."""


@dataclass(frozen=True)
class Entry:
    size: int
    sample: str
    full: str


def _digest(path: Path, sample_only: bool) -> tuple[int, str, str]:
    sample, full = hashlib.blake2b(digest_size=16), hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        head = f.read(SAMPLE_BYTES)
        sample.update(head)
        if size > SAMPLE_BYTES:
            f.seek(max(SAMPLE_BYTES, size - SAMPLE_BYTES))
            sample.update(f.read(SAMPLE_BYTES))
        if not sample_only:
            f.seek(0)
            for block in iter(lambda: f.read(1 << 20), b""):
                full.update(block)
    return size, sample.hexdigest(), full.hexdigest() if not sample_only else ""


def index_files(folder: Path, index_name: str) -> list[str]:
    """The files of the index called `index_name` (its TOCs and segments), lock excluded."""
    names = []
    for entry in os.scandir(folder):
        name = entry.name
        if (name.startswith(index_name) or name.startswith(f"_{index_name}_")) and not name.endswith("LOCK") \
                and entry.is_file(follow_symlinks=False):
            names.append(name)
    return sorted(names)


def record(folder: Path, index_name: str, generation: int) -> None:
    """Write the manifest of the index as it is after a commit."""
    old = _load(folder)
    previous = old[1] if old and old[0] is not None else {}
    files: dict[str, list[object]] = {}
    for name in index_files(folder, index_name):
        path = folder / name
        known = previous.get(name)
        try:
            if known is not None and known.size == path.stat().st_size and not name.endswith(".toc"):
                files[name] = [known.size, known.sample, known.full]
            else:
                files[name] = list(_digest(path, sample_only=False))
        except FileNotFoundError:
            continue  # removed by a concurrent commit: not part of this generation
    atomic_write_text(folder / MANIFEST, json.dumps({"index": index_name, "generation": generation, "files": files}))


def _load(folder: Path) -> tuple[int | None, dict[str, Entry], str] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = {name: Entry(int(v[0]), str(v[1]), str(v[2])) for name, v in data["files"].items()}
        return int(data["generation"]), files, str(data["index"])
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def check(folder: Path, index_name: str, generation: int, full: bool = False) -> str | None:
    """What is wrong with the index files, or None when they are as recorded.

    None also when there is no manifest for this generation (an index from
    before manifests, or a commit whose manifest was not written yet): the
    caller then trusts a test read and records one.
    """
    loaded = _load(folder)
    if loaded is None or loaded[0] != generation or loaded[2] != index_name:
        return None
    for name, entry in loaded[1].items():
        path = folder / name
        try:
            size = path.stat().st_size
            if size != entry.size:
                return f"{name} is {size:,} bytes, {entry.size:,} when written"
            _, sample, whole = _digest(path, sample_only=not full)
        except FileNotFoundError:
            return f"{name} is missing"
        except OSError as e:
            return f"{name} cannot be read ({e.strerror or e})"
        if sample != entry.sample or (full and whole != entry.full):
            return f"{name} has changed since it was written"
    return None


def is_current(folder: Path, index_name: str, generation: int) -> bool:
    loaded = _load(folder)
    return loaded is not None and loaded[0] == generation and loaded[2] == index_name


def mark_damaged(folder: Path, reason: str) -> None:
    try:
        atomic_write_text(folder / DAMAGE_MARKER, reason)
    except OSError:
        pass  # a read-only index: the damage is found again next time


def damage_mark(folder: Path) -> str | None:
    try:
        return (folder / DAMAGE_MARKER).read_text(encoding="utf-8").strip() or "damage found while searching"
    except (OSError, UnicodeDecodeError):
        return None


def clear_damage_mark(folder: Path) -> None:
    (folder / DAMAGE_MARKER).unlink(missing_ok=True)
