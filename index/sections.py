"""Turn a report's text into a section tree.

Parsing runs in three steps:

1. split the text into paragraph candidates (non-blank lines, or blank-line
   separated blocks for Markdown), each with its offset in the text;
2. recognise heading candidates by their form (`一、`, `（一）`, `I.`, `1.`,
   unpunctuated short lines ...);
3. accept or reject each candidate with a stack of numbering styles: a style
   already open continues its sequence (sibling), a new style starting at 1
   opens a child, anything else is an ordinary paragraph (a list item).

Levels come from the order in which styles appear, not from fixed ranks, so
`（一）` is top level in a report that starts with it (1981) and second level
under `一、` elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from index.blocks import Block, lines, plain_blocks, strip_block
from index.model import Paragraph, Section
from index.textnorm import fold

PREAMBLE = {"en": "Preamble", "zh": "前言"}
TITLE_CAP = 80
ZH_TITLE_MAX = 60  # a longer first sentence is a list item, not a heading
EN_TITLE_MAX = 300
LOOSE_WORDS_MAX = 15  # unpunctuated English line still short enough for a heading
LOOKAHEAD = 2000  # blocks looked at ahead of a candidate: a long report has ~800; bounds huge files
ZH_LOOSE_MAX = 30  # characters of an unnumbered Chinese heading
TITLE_CASE_WORDS_MAX = 25

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "[一二三四五六七八九十]{1,3}"

# Patterns run on folded text (full-width forms -> ASCII, lower case).
_ZH_KINDS = [
    ("zh-dun", re.compile(rf"^({_CN})、")),  # 一、
    ("zh-paren", re.compile(rf"^\(({_CN})\)")),  # （一）
    ("zh-ordinal", re.compile(rf"^第({_CN})[、,]")),  # 第一、 (1958, 1998)
    ("arabic", re.compile(r"^(\d{1,2})(?:\.|、)(?!\d)")),  # 1． 1、
    ("paren-arabic", re.compile(r"^\((\d{1,2})\)")),  # （1）
]
_BARE_CN = re.compile(rf"^{_CN}$")  # 一 alone on its line (1960)
_ROMAN = re.compile(r"^([ivxlc]+)\.\s*(?=\S)")
_EN_ARABIC = re.compile(r"^(\d{1,2})\.(?!\d)\s*(?=\S)")
_EN_LOOSE_NUM = re.compile(r"^(\d{1,2})\s+(?=[A-Z])")  # "1 Title", "10  Title"
_DATE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$")
# An annex heading ("附件1", "附件2 名词解释", "Annex II"): always top level.
_ANNEX = re.compile(r"^(附件|附录|附表|annex|appendix)\s*[\d一二三四五六七八九十ivx]*\s*[:：]?\s*\S{0,20}$")
_CAP_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_OPENERS = ".!?:;\n\"“(—–-"  # what a sentence-starting word follows
_DASH_LED = re.compile(r"^[-–—―•*·]")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")

_ZH_END = "。！？!?"
_ZH_LIST_END = "；;，,：:、"
_EN_SENTENCE_END = re.compile(r"[.!?;]['\"”’)]?(?=\s+[\"“‘'(]?[A-Z0-9])|\S(\s{2,})(?=[A-Z])")
_PUNCT_END = re.compile(r"[.,;:!?…。；：，！？、)\]）\"”'’=]\s*$")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or",
                "the", "to", "with", "from", "into", "vs"}


@dataclass
class _Cand:
    """A heading candidate found by form; accepted or not by `_Structure`."""
    kind: str
    number: int | None
    title: str
    keep: bool  # the line also stays a paragraph (run-in heading, cut title)
    runs_in: bool = False  # the line reads as a sentence, not a bare title
    list_item: bool = False  # numbered, but reads as an item of a list


# -- step 1: paragraph candidates (plain text: index.blocks) ----------------

def _markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    block_start: int | None = None
    block_end = 0
    in_fence = False

    def flush() -> None:
        nonlocal block_start
        if block_start is not None and (b := strip_block(text, block_start, block_end)):
            blocks.append(b)
        block_start = None

    for s, e in lines(text):
        line = text[s:e]
        heading = _MD_HEADING.match(line) if not in_fence else None
        if _MD_FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and not strip_block(text, s, e):
            flush()
            continue
        if heading:
            flush()
            blocks.append(Block(s, line.strip(), md_level=len(heading.group(1))))
            continue
        if block_start is None:
            block_start = s
        block_end = e
    flush()
    return blocks


# -- step 2: heading candidates ----------------------------------------------

def _cn_number(numeral: str) -> int:
    if "十" not in numeral:
        return _CN_DIGITS.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + _CN_DIGITS.get(ones, 0)


def _roman_number(numeral: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(numeral):
        v = values[ch]
        total += -v if i + 1 < len(numeral) and values[numeral[i + 1]] > v else v
    return total


def clean_title(title: str) -> str:
    """Collapse whitespace and cap absurdly long titles."""
    title = " ".join(title.split())
    return title if len(title) <= TITLE_CAP else title[: TITLE_CAP - 1].rstrip() + "…"


def _zh_split(line: str, prefix_len: int) -> tuple[str, str] | None:
    """(title, rest) for a numbered Chinese line, None when it reads as a list item."""
    body = line[prefix_len:]
    cut = min((i for i, c in enumerate(body) if c in _ZH_END), default=-1)
    if cut < 0:
        title, rest = line, ""
        if line[-1] in _ZH_LIST_END:  # "三、……；" is an item of an inline list
            return None
    else:
        title, rest = line[: prefix_len + cut], body[cut + 1:].strip()
        if any(c in "；;" for c in title):
            return None
    if "：" in title or ":" in title[prefix_len:]:
        return None  # "1.“两重”：……" defines a term (notes), not a heading
    if len(title) > ZH_TITLE_MAX or len(title) <= prefix_len:
        return None
    return title, rest


def _en_split(line: str, prefix_len: int) -> tuple[str, str]:
    body = line[prefix_len:]
    m = _EN_SENTENCE_END.search(body)
    if m:
        end = m.start(1) if m.group(1) else m.end()
        return line[: prefix_len + end].rstrip(), body[end:].strip()
    return line, ""


def _numbered(kind: str, number: int, title: str, rest: str) -> _Cand:
    sentence = bool(rest) or title.endswith((".", "。", "．"))
    title = title.rstrip(" .．。:：;；,，\t")
    cut = clean_title(title) != " ".join(title.split())
    return _Cand(kind, number, clean_title(title), keep=bool(rest) or cut, runs_in=sentence)


def _zh_candidate(text: str) -> _Cand | None:
    folded = fold(text)
    if _ANNEX.match(folded):
        return _Cand("annex", None, clean_title(text), keep=False)
    if _BARE_CN.match(text):
        return _Cand("zh-bare", _cn_number(text), text, keep=False)
    for kind, pattern in _ZH_KINDS:
        m = pattern.match(folded)
        if m:
            token = m.group(1)
            number = int(token) if token.isdigit() else _cn_number(token)
            split = _zh_split(text, m.end())
            if split is None:  # kept so that the list's next item is known too
                return _Cand(kind, number, "", keep=False, list_item=True)
            return _numbered(kind, number, *split)
    return None


def capitalised_names(lines: list[str]) -> frozenset[str]:
    """Capitalised words found inside a sentence ("China", "Party") in lines that
    are not numbered: names. Any other capitalised word starts a sentence."""
    names: set[str] = set()
    for line in lines:
        if _EN_ARABIC.match(line):
            continue
        for m in _CAP_WORD.finditer(line):
            before = line[max(0, m.start() - 3):m.start()].rstrip(" \t")
            if before and before[-1] not in _OPENERS:
                names.add(m.group())
    return frozenset(names)


def _glued_title(line: str, prefix_len: int, names: frozenset[str]) -> tuple[str, str] | None:
    """A numbered heading run straight into its first sentence without a stop
    ("1. Expanding domestic demand We will …"): cut before the first capitalised
    word that is not a name."""
    for m in _CAP_WORD.finditer(line, prefix_len):
        words_before = line[prefix_len:m.start()].split()
        if len(words_before) >= 2 and m.group() not in names and words_before[-1][:1].islower() \
                and not _is_title_case(words_before):  # a Title Case heading goes on
            return line[:m.start()].rstrip(), line[m.start():]
    return None


def _en_candidate(text: str, loose: bool, names: frozenset[str] = frozenset()) -> _Cand | None:
    folded = fold(text)
    if _ANNEX.match(folded):
        return _Cand("annex", None, clean_title(text), keep=False)
    m = _ROMAN.match(folded)
    if m and text[: len(m.group(1))].isupper() and not loose:
        return _numbered("roman", _roman_number(m.group(1)), *_en_split(text, m.end()))
    m = _EN_ARABIC.match(folded)
    if m:
        title, rest = _en_split(text, m.end())
        glued = _glued_title(text, m.end(), names)
        if glued and len(glued[0]) < len(title):
            title, rest = glued
        if len(title) <= EN_TITLE_MAX:
            return _numbered("arabic", int(m.group(1)), title, rest)
    m = _EN_LOOSE_NUM.match(text) if loose else None
    if m:
        return _numbered("en-num", int(m.group(1)), *_en_split(text, m.end()))
    return None


def _is_title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _loose_heading(text: str, lang: str, next_text: str | None) -> _Cand | None:
    """An unnumbered heading: a short line without final punctuation."""
    if _PUNCT_END.search(text) or _DASH_LED.match(text) or _DATE.match(text):
        return None
    if ":" in text or "：" in text:  # "来源：河北日报", "Source: Xinhua" are metadata
        return None
    repeated = next_text is not None and fold(next_text).startswith(fold(text))
    if lang == "zh":
        ok = 2 <= len(text) <= ZH_LOOSE_MAX and not any(c in text for c in "。；;")
        ok = ok and (text[0].isalnum() or text[0] in "“《")  # not "＠①…" notes
    else:
        words = text.split()
        ok = text[0].isupper() or text[0].isdigit()
        ok = ok and (len(words) <= LOOSE_WORDS_MAX or repeated
                     or (_is_title_case(words) and len(words) <= TITLE_CASE_WORDS_MAX))
    if not ok:
        return None
    title = clean_title(text)
    # a cut title keeps its line as a paragraph unless the next one repeats it
    keep = title != " ".join(text.split()) and not repeated
    return _Cand("loose", None, title, keep=keep)


def _has_roman_structure(blocks: list[Block]) -> bool:
    """Two or more `I.`-style lines: a formal report, no loose heuristics."""
    found = 0
    for b in blocks:
        m = _ROMAN.match(fold(b.text))
        found += bool(m and b.text[: len(m.group(1))].isupper())
    return found >= 2


# -- step 3: accept candidates with a stack of numbering styles -------------

def _sequence_ok(kind: str, last: int, number: int) -> bool:
    if kind == "en-num":  # seed excerpts skip numbers (1, then 10, 11 ...)
        return number > last
    return last < number <= last + 2  # tolerate one heading lost in the source


def _continues_later(kind: str, last: int, later: list[_Cand | None]) -> bool:
    """Does the series `kind` (now at `last`) go on after a restart at 1?

    The restarted series takes its own 2, 3 ... first, so a number only
    counts for the outer series when the inner one cannot use it (1986:
    `一、`…`五、` under `二、`, then `三、` continues the outer series).
    """
    inner = 1
    for cand in later:
        if cand is None or cand.kind != kind or cand.list_item:
            continue
        if cand.number == inner + 1:
            inner += 1
        elif cand.number is not None and _sequence_ok(kind, last, cand.number):  # a numbered kind: never None
            return True
    return False


def _goes_on(kind: str, number: int, later: list[_Cand | None]) -> bool:
    """Is the next numbered candidate of `kind` the next number of the sequence?"""
    for cand in later:
        if cand is not None and cand.kind == kind and not cand.list_item and cand.number is not None:
            return _sequence_ok(kind, number, cand.number)  # (a numbered kind: its number is never None)
    return False


class _Structure:
    """Decides heading levels; keeps the open styles as [kind, last number]."""

    INNER_ONLY = {"arabic", "paren-arabic"}  # Chinese 1. / （1） never top level

    def __init__(self, lang: str, loose: bool):
        self.lang, self.loose = lang, loose
        # [kind, last number]: the number is None for the unnumbered kinds (annex, loose*)
        self.stack: list[list[Any]] = []
        self.after_heading = False  # previous block was an accepted heading
        self.kept_numbered = False  # open numbered heading ran into its text
        self.last_seen: dict[str, tuple[int, bool]] = {}  # kind -> (number, heading?)

    def accept(self, cand: _Cand, later: list[_Cand | None]) -> int | None:
        """Depth of the heading (1 = top), or None when it is a paragraph.
        `later` holds the candidates of the following blocks (lookahead)."""
        if cand.kind == "annex":
            self.stack = [["annex", None]]
            self.kept_numbered = False
            depth: int | None = 1
        elif cand.number is None:
            depth = self._unnumbered(cand, later)
        else:
            prev = self.last_seen.get(cand.kind)
            # "四、" right after list items "一、…；" … "三、…；" is their last item
            in_list = cand.list_item or prev == (cand.number - 1, False)
            depth = None if in_list else self._numbered(cand.kind, cand.number, later)
            self.last_seen[cand.kind] = (cand.number, depth is not None)
        self.after_heading = depth is not None
        if depth is not None and cand.number is not None:
            self.kept_numbered = cand.runs_in
        return depth

    def paragraph(self) -> None:
        self.after_heading = False

    def _find(self, kind: str) -> int:
        """Innermost open entry of `kind`, -1 if none."""
        return next((i for i in range(len(self.stack) - 1, -1, -1)
                     if self.stack[i][0] == kind), -1)

    def _continue(self, i: int, number: int | None) -> int:
        del self.stack[i + 1:]
        self.stack[i][1] = number
        return i + 1

    def _push(self, kind: str, number: int | None) -> int:
        self.stack.append([kind, number])
        return len(self.stack)

    def _open(self, kind: str, number: int | None) -> int:
        i = self._find(kind)
        return self._continue(i, number) if i >= 0 else self._push(kind, number)

    def _unnumbered(self, cand: _Cand, later: list[_Cand | None]) -> int | None:
        top = self.stack[-1][0] if self.stack else None
        if self.after_heading and top:
            # right under a heading: its sub-heading (or a title broken in two)
            return self._open("loose-sub", None)
        if self.loose and self.kept_numbered and (
                top == "en-num" or self._find("loose-under") >= 0):
            # a long numbered item that runs into its text introduces
            # unnumbered sub-points (seed 001: task 1 and its topics)
            return self._open("loose-under", None)
        outer = self.stack[0] if self.stack else None
        if outer and outer[0] != "loose" and any(
                c and c.kind == outer[0] and not c.list_item
                and c.number is not None and _sequence_ok(outer[0], outer[1], c.number) for c in later):
            # the numbered top level goes on after it: a sub-heading (2003)
            return self._open("loose-in", None)
        if self._find("loose") == 0:
            return self._continue(0, None)
        if outer and self.lang == "zh" and "，" in cand.title:
            return None  # closing parts (结束语) are bare titles; this is prose
        self.stack = [["loose", None]]
        self.kept_numbered = False
        return 1

    def _numbered(self, kind: str, n: int, later: list[_Cand | None]) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):  # innermost series first
            if self.stack[i][0] == kind and _sequence_ok(kind, self.stack[i][1], n):
                return self._continue(i, n)
        if n != 1:
            # numbering that starts anywhere (an excerpt: "三、", "（七）", "9.") is
            # still a heading sequence when it goes on; it also takes the top
            # level back from unnumbered lines taken as headings before it
            only_loose = all(kind_.startswith("loose") for kind_, _ in self.stack)
            if only_loose and self._find(kind) < 0 and _goes_on(kind, n, later):
                self.stack = [[kind, n]]
                self.kept_numbered = False
                return 1
            return None
        if self.stack and self.stack[-1][0] == "loose-in":
            self.stack.pop()  # unnumbered sub-headings hold only paragraphs
        i = self._find(kind)
        if i < 0:
            if kind in self.INNER_ONLY and self.lang == "zh" and not self.stack:
                return None
            return self._push(kind, n)
        reused = sum(1 for k, _ in self.stack if k == kind) > 1
        if not reused and _continues_later(kind, self.stack[i][1], later):
            return self._push(kind, n)  # same style reused one level down (once)
        return self._continue(i, n)  # the series restarts (e.g. an annex)


# -- the tree -----------------------------------------------------------------

def _body_start(blocks: list[Block]) -> int:
    """Index of the first line that ends a sentence; lines before it are the
    title block (report title, date, speaker) and never headings."""
    for i, b in enumerate(blocks):
        if re.search(r"[。！？.!?…]['\"”’」）)]*$", b.text):
            return i
    return len(blocks)


def _classify(blocks: list[Block], lang: str, markdown: bool) -> Iterator[tuple[Block, int | None, str]]:
    """Yield (block, depth, title) with depth None for ordinary paragraphs."""
    if markdown:
        levels: list[int] = []
        for b in blocks:
            if b.md_level:
                while levels and levels[-1] >= b.md_level:
                    levels.pop()
                levels.append(b.md_level)
                heading = _MD_HEADING.match(b.text)
                assert heading is not None  # md_level is set only on lines it matched
                yield b, len(levels), clean_title(heading.group(2))
            else:
                yield b, None, ""
        return
    loose = lang == "en" and not _has_roman_structure(blocks)
    structure = _Structure(lang, loose)
    body = _body_start(blocks)
    names = capitalised_names([b.text for b in blocks]) if lang == "en" else frozenset()
    cands: list[_Cand | None] = []
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else None
        cand = _zh_candidate(b.text) if lang == "zh" else _en_candidate(b.text, loose, names)
        if cand is None and i >= body and (lang == "zh" or loose):
            cand = _loose_heading(b.text, lang, nxt)
        cands.append(cand)
    for i, (b, cand) in enumerate(zip(blocks, cands)):
        depth = structure.accept(cand, cands[i + 1:i + 1 + LOOKAHEAD]) if cand else None
        if cand is None or depth is None:
            structure.paragraph()
            yield b, None, ""
        else:
            yield b, depth, cand.title
            if cand.keep:
                if cand.number is not None:  # run-in body text follows the title
                    structure.paragraph()
                yield b, None, ""


def parse_sections(text: str, lang: str, markdown: bool = False) -> list[Section]:
    """Top-level sections in reading order; a preamble section (level 0, title
    "Preamble" for en / "前言" for zh) first when there is text before the
    first heading."""
    blocks = _markdown_blocks(text) if markdown else plain_blocks(text, lang)
    preamble = Section(PREAMBLE.get(lang, PREAMBLE["en"]), 0)
    tops: list[Section] = []
    open_: list[Section] = []
    number = 0
    for block, depth, title in _classify(blocks, lang, markdown):
        if depth is not None:
            del open_[depth - 1:]
            section = Section(title, len(open_) + 1)
            (open_[-1].children if open_ else tops).append(section)
            open_.append(section)
            continue
        owner = open_[-1] if open_ else preamble
        path = tuple(s.title for s in open_) or (preamble.title,)
        owner.paragraphs.append(Paragraph(block.text, number, block.start, path, tuple(block.joins)))
        number += 1
    return ([preamble] if preamble.paragraphs else []) + tops


def outline_lines(sections: list[Section]) -> list[str]:
    """Indented "title (N paragraphs)" lines, for `reportx outline` and debugging."""
    lines = []
    for top in sections:
        for s in top.walk():
            indent = "  " * max(s.level - 1, 0)
            lines.append(f"{indent}{s.title} ({s.paragraph_count()} paragraphs)")
    return lines
