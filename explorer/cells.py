"""Cutting text to a number of terminal cells (a wide character takes two)."""

from __future__ import annotations

from rich.cells import cell_len


def head_cells(text: str, cells: int) -> str:
    """The start of `text` that fits in `cells`."""
    out: list[str] = []
    used = 0
    for char in text:
        used += cell_len(char)
        if used > cells:
            break
        out.append(char)
    return "".join(out)


def tail_cells(text: str, cells: int) -> str:
    """The end of `text` that fits in `cells` (the context nearest a match, on its left)."""
    return head_cells(text[::-1], cells)[::-1]
