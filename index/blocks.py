"""Paragraph candidates: the report's lines, page chrome left out, fragments joined.

Web and wiki copies break a paragraph into lines around links, bold runs, book
titles (《…》), quotations (“…”), names and numbers (`PM` / `2.5`). Such a line
belongs to its paragraph, and the pieces are joined back (without a space in
Chinese, with one in English). A joined block remembers where each piece sits
in the file (`joins`), so every offset still points into the report text.

A line continues the paragraph above when that paragraph does not end a
sentence and one of these holds: the file separates paragraphs by blank lines
(so a single line break is not a paragraph break); the new line starts with
punctuation that closes or continues (》 ” ， 。 ）) or with a lower-case
word; the paragraph above ends with an opening mark, a comma or a word that
cannot end a title (的, 了, "the", "of"); the paragraph above is already a
joined fragment, or too long to be a heading; an indented file's new line is
not indented. A numbered line (一、 （一） 1. I.) starts its own block unless
it is a heading split over two lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.pagechrome import chrome_lines
from index.textnorm import fold

# Characters that count as blank besides ordinary whitespace (str.strip already
# handles NBSP and the ideographic space).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

_CN = "[一二三四五六七八九十]{1,3}"
# A line that starts with a heading number (folded text).
NUMBERED = re.compile(rf"^(?:{_CN}、|\({_CN}\)|第{_CN}[、,]|\d{{1,2}}(?:\.|、)(?!\d)|\(\d{{1,2}}\)|"
                      r"[ivxlc]+\.\s*(?=\S))")
_ROMAN = re.compile(r"^[IVXLC]+[.．]\s*\S")
_EN_LOOSE_NUM = re.compile(r"^\d{1,2}\s+[A-Z]")  # "1 Title", "10  Title"
_SENTENCE_END = re.compile(r"[。！？!?；;…：:.]['\"”’」』）)\]]*$")
_DASH_LED = re.compile(r"^\s*(?:[-–—―]{1,2}|[•·*])")
_FULL_DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日|"
                        r"(january|february|march|april|may|june|july|august|september|october|november|"
                        r"december)\s+\d{1,2},?\s+\d{4}", re.I)
_META_LINE = re.compile(r"^[^\s：:，,。]{1,12}\s*[：:]\s*\S")
_SALUTATION = re.compile(r"^(各位代表|各位委员|同志们|代表们|朋友们|(fellow|esteemed|dear) (deputies|delegates|"
                         r"members)|ladies and gentlemen)[!！,，:：]?$")
_CONTINUES = "》」』”’）)]}，,。.、；;：:！!？?%‰"
_OPENS_OR_LINKS = "《「『“‘（([{，,、—–-/"
_MONTH_END = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|"
                        r"november|december)$", re.I)
_CLAUSE_END = re.compile(r"[，。；！？,;]")
_UNITS = set("年月日号时亿万千百十元角个%‰倍吨斤米里人户家项次所座条份件名岁度届期批")
_ZH_NOT_FINAL = set("的了和与及在对把被为从向以将等之并或而且就也都还所给让使由于着过地得是与其")
_EN_NOT_FINAL = {"the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at",
                 "from", "as", "that", "which", "its", "our", "their", "is", "are", "was", "were",
                 "be", "been", "has", "have", "had", "will", "would", "this", "these", "than", "into",
                 "such", "more", "most", "not", "but", "who", "whose", "we", "they", "it", "all"}
ZH_HEADING_MAX = 30  # an unnumbered line longer than this is never a heading
EN_HEADING_WORDS = 25  # a Title Case line up to this long may be a heading
EN_SHORT_HEADING = 6  # any line this short may be one
_EN_SMALL = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "from",
             "into", "vs"}


@dataclass
class Block:
    """A paragraph candidate: its text, offset in the report, and joins."""
    start: int
    text: str
    md_level: int = 0  # Markdown heading level, 0 for body text
    joins: list[tuple[int, int]] = field(default_factory=list)
    indented: bool = False

    def append(self, start: int, text: str, lang: str) -> None:
        sep = " " if lang == "en" and not _no_space_join(self.text, text) else ""
        self.joins.append((len(self.text) + len(sep), start))
        self.text += sep + text


def _no_space_join(left: str, right: str) -> bool:
    """English pieces join with a space, except around CJK or inside a number."""
    if right[:1] in _CONTINUES and right[:1] not in "%‰":
        return True
    word = left.split()[-1] if left.split() else ""
    # "PM" / "2.5", "3" / ".5"
    return (right[:1].isdigit() and len(word) >= 2 and word.isascii() and word.isalpha() and word.isupper()) \
        or (left[-1:].isdigit() and right[:1] in ".")


def strip_block(text: str, start: int, end: int) -> Block | None:
    chunk = text[start:end]
    body = chunk.strip().strip(INVISIBLE).strip()
    # only blanks precede `body`, so its first occurrence is where it starts
    if not body:
        return None
    at = chunk.find(body)
    return Block(start + at, body, indented=at > 0 and chunk[:at].strip(INVISIBLE) != "")


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without the newline."""
    found = []
    pos = 0
    for line in text.split("\n"):
        found.append((pos, pos + len(line)))
        pos += len(line) + 1
    return found


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def is_numbered(text: str) -> bool:
    # a heading number is within the first characters: fold only those
    return NUMBERED.match(fold(text[:16])) is not None or _EN_LOOSE_NUM.match(text) is not None


def _is_salutation(text: str) -> bool:
    return len(text) <= 30 and _SALUTATION.match(fold(text)) is not None


def _en_not_final(text: str, lang: str) -> bool:
    words = text.split()
    return lang == "en" and bool(words) and words[-1].lower() in _EN_NOT_FINAL


def _heading_like(text: str, lang: str) -> bool:
    """Short enough and plain enough to be a heading of its own."""
    if lang == "zh":
        return len(text) <= ZH_HEADING_MAX and not any(c in text for c in "，：:。；;！？")
    words = text.split()
    return len(words) <= EN_SHORT_HEADING or (len(words) <= EN_HEADING_WORDS and _title_case(words))


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _EN_SMALL and w[:1].isalpha()]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _continues(prev: Block, line: Block, lang: str, blank_mode: bool, indent_mode: bool,
               pieces: int, title_block: bool, loose: bool, completes: bool) -> bool:
    """Does `line` continue the paragraph `prev` (see the module docstring)?"""
    text, last = line.text, prev.text
    if line.text[:1] in _CONTINUES or (last[-1:] in "—…" and text[:1] == last[-1:]):
        return not is_numbered(text)
    if 4 <= len(last) <= len(text) and fold(text[:len(last)]) == fold(last):
        return False  # a heading repeated as the first sentence of its paragraph
    if last[-1:].isdigit() and text[:1] in _UNITS:
        return True  # a number and its unit: "2025" / "年1月14日……", "400" / "户"
    if _DASH_LED.match(text) and not last[-1:].isdigit() and (ends_sentence(last) or not blank_mode):
        return False  # a dash point; after a digit it is a range ("1—2个")
    if ends_sentence(last):
        return False
    if blank_mode and not is_numbered(text) and not (title_block and pieces == 1):
        return True  # a single line break inside a blank-line separated paragraph
    if _is_salutation(last):
        return False  # "Fellow Deputies," / "各位代表，" open a speech paragraph
    if ends_sentence(last):
        return False
    if title_block and pieces == 1 and any(len(t) < 100 and (_FULL_DATE.search(t) or _META_LINE.match(t))
                           for t in (last, text)):
        return False  # title block: "——2020年5月22日在……会议上", "来源：……", "on March 5, 2010"
    if lang == "en" and (_en_not_final(last, lang) or _MONTH_END.search(last)) and text[:1].isdigit():
        return True  # "not less than" / "15 yuan", "on September" / "26. This led to"
    numbered_prev = is_numbered(last)
    if is_numbered(text):
        return False
    if numbered_prev:
        if last[-1:] in _OPENS_OR_LINKS or last[-1:] in _ZH_NOT_FINAL or _en_not_final(last, lang):
            return True  # "第二，关于农业的" / "增产措施，……"
        if lang == "en" and not text[:1].islower():
            return False
        # a heading split over two lines ("三、持续提升政府" / "治理效能和服务水平"),
        # only where a line break is not a paragraph break
        return blank_mode and not ends_sentence(text) and _heading_like(last + text, lang)
    if pieces > 1:
        return True
    if _is_salutation(last):
        return False  # "Fellow Deputies," / "各位代表，" open a speech paragraph
    if last[-1:] in _OPENS_OR_LINKS or (last[-1:] in _ZH_NOT_FINAL and not _DASH_LED.match(last)):
        return True
    if lang == "en":
        if text[:1].islower() or (_en_not_final(last, lang) and not _DASH_LED.match(last)):
            return True
    if last[-1:].isalpha() and text[:1].isdigit():
        return True  # "PM" / "2.5", "增长" / "20%"
    if indent_mode and prev.indented and not line.indented:
        return True
    if lang == "en" and re.search(r"['’]s?$", last):
        return True  # "China’s" / "Constitution"
    if not _heading_like(last, lang):
        return True
    # a short plain line: a line of the title block, or a heading unless the
    # next line reads as the rest of its clause (a file without blank lines
    # between paragraphs has no other sign of a fragment)
    if title_block:
        return False
    plain = lang == "zh" or not _title_case(last.split())
    return not loose or (not blank_mode and completes and plain)


def _completes_clause(cands: list[tuple[Block, bool]], i: int) -> bool:
    """Do line `i` and the unnumbered lines right after it reach a clause end?"""
    for b, before in cands[i:i + 4]:
        if (before and b is not cands[i][0]) or (b is not cands[i][0] and is_numbered(b.text)):
            return False
        if _CLAUSE_END.search(b.text):
            return True
    return False


def plain_blocks(text: str, lang: str) -> list[Block]:
    """Paragraph candidates of a plain-text report: lines, chrome dropped, fragments joined."""
    spans = lines(text)
    raw = [text[s:e] for s, e in spans]
    chrome = chrome_lines(raw)
    cands: list[tuple[Block, bool]] = []  # (line, blank line before it)
    blank = False
    for i, (s, e) in enumerate(spans):
        b = strip_block(text, s, e)
        if b is None:
            blank = True
            continue
        if i in chrome:
            continue
        cands.append((b, blank))
        blank = False
    nonblank = len(cands)
    # paragraphs separated by blank lines: most runs of lines are one paragraph,
    # even when a copy broke some of them into many lines
    runs = sum(1 for _, before in cands if before)
    blank_mode = runs >= 3 and runs >= 0.2 * nonblank
    # paragraphs start indented: most lines after a sentence end are indented
    starts = [b.indented for (prev, _), (b, _) in zip(cands, cands[1:], strict=False) if ends_sentence(prev.text)]
    indent_mode = len(starts) > 4 and sum(starts) >= 0.5 * len(starts)
    # English reports with `I.` headings have no unnumbered ones
    loose = lang == "zh" or sum(bool(_ROMAN.match(b.text)) for b, _ in cands) < 2
    blocks: list[Block] = []
    pieces = 0
    title_block = True  # until the first sentence: title, date line, speaker, source
    for i, (b, before) in enumerate(cands):
        title_block = title_block and not (blocks and (ends_sentence(blocks[-1].text)
                                                       or is_numbered(blocks[-1].text)))
        if blocks and not before and _continues(blocks[-1], b, lang, blank_mode, indent_mode, pieces,
                                                title_block, loose, _completes_clause(cands, i)):
            blocks[-1].append(b.start, b.text, lang)
            pieces += 1
            continue
        blocks.append(b)
        pieces = 1
    return blocks
