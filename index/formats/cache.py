"""Extracted text kept on disk, keyed by the file's content hash and the extractor's version.

The text reportx extracts from a PDF, page or Word file is what the reader
shows, the index holds and notes anchor to; keeping it means offsets stay the
same between launches even if a library upgrade would extract differently,
until the extractor's version changes (then notes re-anchor by their quotes).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from index import paths
from index.atomic import atomic_write_text
from index.formats.base import Extracted


def cache_dir() -> Path:
    return paths.cache_dir() / "extracted"


def cached(kind: str, version: int, digest: str, extract: Callable[[], Extracted]) -> Extracted:
    path = cache_dir() / f"{digest}.{kind}-v{version}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and isinstance(stored.get("text"), str) and isinstance(stored.get("hints"), dict):
            return Extracted(stored["text"], stored["hints"])
    except (OSError, ValueError):
        pass  # not cached yet, or a damaged entry: extract again
    result = extract()
    try:
        atomic_write_text(path, json.dumps({"text": result.text, "hints": result.hints}, ensure_ascii=False))
    except OSError:
        pass  # a read-only cache only costs the next launch an extraction
    return result
