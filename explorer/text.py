"""Making report text safe to show: data, never markup or terminal codes."""

from __future__ import annotations

import re

# C0/C1 control characters (and DEL) become visible "control pictures" (␛ for ESC),
# so a report holding escape sequences cannot drive the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "␡" if code == 0x7F else "�"


def display_text(text: str) -> str:
    """`text` with tabs and newlines as spaces and control characters made visible."""
    return _CONTROL.sub(_picture, text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def shorten(text: str, cells: int) -> str:
    """`text` cut to `cells` terminal cells (CJK counts two), ending in … when cut."""
    from rich.cells import cell_len, set_cell_size

    text = display_text(text)
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, max(0, cells - 1)).rstrip() + "…"


# A sentence ends at a Chinese 。！？； (any run of them, with closing quotes or
# brackets after) or at . ! ? followed by a space or the end (so "3.5" and "U.S."
# inside a word do not end one).
_SENTENCE_END = re.compile(r"[。！？；]+[”’」』）)\"']*|[.!?]+[”’\"')]*(?=\s|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, without surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed or [(0, len(text))]
