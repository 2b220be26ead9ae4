"""Report text inside Markdown exports: shown as written, never read as markup."""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark;
# these are the ones that can start or end markup inline.
_INLINE = re.compile(r"([\\`*_\[\]<>|~#!{}])")
# At the start of a line: list markers, headings, quotes, numbered lists.
_LEADING = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))", re.M)


def escape_markdown(text: str) -> str:
    """`text` escaped so that Markdown renders it literally (line breaks kept)."""
    escaped = _INLINE.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2)[0].isdigit()
                                                  else m.group(2) + "\\"), escaped)
