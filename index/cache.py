"""Values kept on a searcher: computed once per index version, dropped with it."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def cached(searcher: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per searcher (that is, per index version) and `key`.
    A segment's reader keeps values the same way."""
    cache = searcher.__dict__.setdefault("_reportx_cache", {})
    if key not in cache:
        cache[key] = compute()
    value: T = cache[key]
    return value
