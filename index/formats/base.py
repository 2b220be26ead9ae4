"""What every extractor returns, and the text clean-up they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.textnorm import CJK_CLASS

# CJK characters plus CJK and full-width punctuation: text on both sides of a
# space among these is Chinese, where a space is an artefact, not a word gap.
_ZH = (f"{CJK_CLASS}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
       "\u2014\u2026\u201c\u201d\u2018\u2019")
_GAP = "[ \\t\\n\\xa0]+"
_SPACE_IN_ZH = re.compile(f"(?<=[{_ZH}]){_GAP}(?=[{_ZH}0-9０-９])|(?<=[0-9０-９%％]){_GAP}(?=[{_ZH}])")
_BREAK_IN_ZH = re.compile(f"(?<=[{_ZH}])[ \\t\\xa0]*\\n\\s*(?=[{_ZH}])")
_SPACES = re.compile(r"[ \t\n\r\f\v\xa0]+")
_ZH_CHAR = re.compile(f"[{_ZH}]")


@dataclass(frozen=True)
class Extracted:
    """Plain text of a non-text file, in the form the section parser reads:
    one paragraph or heading per line, a blank line between them."""

    text: str
    hints: dict[str, object] = field(default_factory=dict)
    """Metadata found in the file (title, year), below the user's own (front matter, sidecar)."""


def tidy_line(text: str, spaces_in_chinese: bool = True) -> str:
    """One paragraph on one line, other runs of white space made one space.

    Chinese is joined without the line breaks a page's source has inside a
    paragraph; with `spaces_in_chinese=False` also without the spaces PDF
    producers put between characters and digits (`2024 年` -> `2024年`)."""
    text = _BREAK_IN_ZH.sub("", text)
    if not spaces_in_chinese:
        text = _SPACE_IN_ZH.sub("", text)
    return _SPACES.sub(" ", text).strip()


def ends_in_chinese(text: str) -> bool:
    return bool(text) and bool(_ZH_CHAR.match(text[-1]))


def starts_in_chinese(text: str) -> bool:
    return bool(text) and bool(_ZH_CHAR.match(text[0]))


def join_paragraphs(paragraphs: list[str]) -> str:
    kept = [p for p in paragraphs if p]
    return "\n\n".join(kept) + ("\n" if kept else "")
