"""Making report text safe to show: data, never markup or terminal codes."""

from __future__ import annotations

import re

# C0/C1 control characters (and DEL) become visible "control pictures" (␛ for ESC),
# so a report, a file name or a note holding escape sequences cannot drive the
# terminal; a lone surrogate (a file name that is not UTF-8) cannot be encoded
# for the terminal at all and shows as U+FFFD. Every replacement is one
# character for one, so offsets into the text stay valid.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\ud800-\udfff]")
_CONTROL_KEEPING_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "␡" if code == 0x7F else "�"


def display_text(text: str, *, lines: bool = False) -> str:
    """`text` safe for the terminal: control characters made visible.

    The one rule for everything from a file or a user that reaches the screen
    (the app, and the command line's Rich and plain output). By default tabs
    and line breaks become spaces (one line); with `lines=True` they are kept
    (CR LF and lone CR become LF), for multi-line output such as exports.
    """
    if lines:
        return _CONTROL_KEEPING_LINES.sub(_picture, text.replace("\r\n", "\n").replace("\r", "\n"))
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
