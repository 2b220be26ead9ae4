"""The back-reference every export gives a passage: report id, paragraph number and file."""

from __future__ import annotations


def back_reference(report_id: str, paragraph: int | None, path: str) -> str:
    """`gwr-2024-1a2b3c ¶12 · /reports/2024.txt` (parts that are unknown are left out)."""
    where = report_id + (f" ¶{paragraph}" if paragraph is not None else "")
    return f"{where} · {path}" if path else where
