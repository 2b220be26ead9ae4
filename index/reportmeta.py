"""A report's year and title, from what identifies the report itself.

The year comes from the file name, else from the report's own lines: a title
line (`2019年政府工作报告`, `Report on the Work of the Government 2019`), the
date line (`——2019年3月5日在……`, `二〇二六年一月二十七日`, `March 5, 2019`), the
National People's Congress session it was given at, or "a review of our work
in 2018" (the year after). Never the first `YYYY年` of the body, which is the
year under review, a back-reference or a licence footer.
"""

from __future__ import annotations

import re
from pathlib import Path

from index.pagechrome import chrome_lines, first_lines
from index.textnorm import fold

_YEAR = r"(1[89]\d\d|20\d\d)"
_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "([〇零○一二三四五六七八九]{4})"
_CN_NUM = "[一二三四五六七八九十]{1,3}"
# First year of each National People's Congress (the N-th NPC's first session).
NPC_TERM_START = [1954, 1959, 1964, 1975, 1978, 1983, 1988, 1993, 1998, 2003, 2008, 2013, 2018, 2023]
_EN_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"

_TITLE_YEAR = [
    re.compile(rf"^{_YEAR}\s*年.{{0,20}}政府工作报告"),
    re.compile(rf"report on the work of the government.{{0,40}}?\b{_YEAR}\b", re.I),
]
_DATE = [
    re.compile(rf"{_YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日"),
    re.compile(rf"{_CN_YEAR}年[一二三四五六七八九十]{{1,2}}月[一二三四五六七八九十]{{1,3}}日"),
    re.compile(rf"(?:{_MONTHS})\s+\d{{1,2}},?\s+{_YEAR}", re.I),
]
_NPC_ZH = re.compile(rf"第?({_CN_NUM})(?:届|屆)全(?:国|國)人(?:民代表大会|民代表大會|大)"
                     rf"(?:第?({_CN_NUM})次(?:会议|會議|会|會))?")
_NPC_EN = re.compile(r"(first|second|third|fourth|fifth) session of the (\d{1,2})(?:st|nd|rd|th) "
                     r"national people['’]s congress", re.I)
_REVIEW = [
    re.compile(rf"^(?:[一二三四五六七八九十]+、|[ivx]+\.\s*)?{_YEAR}\s*年.{{0,6}}工作的?回顾"),  # noqa: E501
    re.compile(rf"^(?:[ivx]+\.\s*)?(?:a )?review of (?:our |the )?work in {_YEAR}\b", re.I),
    re.compile(rf"^(?:[ivx]+\.\s*)?{_YEAR} in review\b", re.I),
]
_PUBLISHED = re.compile(rf"^(?:published(?: time)?|date|发布时间|日期)\s*[:：]\s*{_YEAR}", re.I)
_PUBLISHED_KEY = re.compile(r"^(?:published(?: time)?|date|发布时间|日期)\s*[:：]\s*$", re.I)
HEAD_LINES = 12  # the title block: title, date line, speaker, source
DATE_LINE_MAX = 200  # "Delivered at the Fourth Session of … on March 5, 2016"
_PLAN_REVIEW = re.compile(r"[“\"]?([一二三四五六七八九十]{1,3})五[”\"]?(?:时期|计划).{0,20}回顾")
_LAST_YEAR_REVIEW = re.compile(r"(过去一年|去年|一年来).{0,4}工作的?回顾")
_PAST_YEAR = re.compile(rf"(?:刚刚过去的|首先报告|过去的)\s*{_YEAR}\s*年")


def _cn_number(numeral: str) -> int:
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" not in numeral:
        return digits.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + digits.get(ones, 0)


def plan_end_year(plan: int) -> int:
    """Last year of the `plan`-th Five-Year Plan: 1953-57, 1958-62, then after
    the 1963-65 adjustment the 3rd ran 1966-70, the 6th 1981-85, the 14th 2021-25."""
    return 1952 + 5 * plan if plan <= 2 else 1955 + 5 * plan


def npc_session_year(term: int, session: int) -> int | None:
    """Year of the `session`-th session of the `term`-th National People's Congress."""
    if not 1 <= term <= len(NPC_TERM_START) or not 1 <= session <= 5:
        return None
    year = NPC_TERM_START[term - 1] + session - 1
    nxt = NPC_TERM_START[term] if term < len(NPC_TERM_START) else None
    return year if nxt is None or year < nxt else None


def report_lines(text: str) -> list[str]:
    """The non-blank lines of the report without page chrome and footers."""
    lines = text.split("\n")
    chrome = chrome_lines(lines)
    return [fold(line.strip().strip("\u200b\u200c\u200d\u2060\ufeff").strip()) for i, line in enumerate(lines)
            if i not in chrome and line.strip().strip("\u200b\u200c\u200d\u2060\ufeff").strip()]


def _date_year(line: str) -> int | None:
    for pattern in _DATE:
        m = pattern.search(line)
        if m:
            token = m.group(1)
            return int(token) if token.isdigit() else int("".join(str(_CN_DIGIT[c]) for c in token))
    return None


def _session_year(line: str) -> int | None:
    m = _NPC_ZH.search(line)
    if m:
        return npc_session_year(_cn_number(m.group(1)), _cn_number(m.group(2)) if m.group(2) else 1)
    m = _NPC_EN.search(line)
    if m:
        return npc_session_year(int(m.group(2)), _EN_ORDINAL[m.group(1).lower()])
    return None


_AT_SESSION = re.compile(r"在.*(会议|會議)上|delivered at|session of", re.I)
_SINCE = re.compile(r"(以来的|以来|到现在|至今).{0,4}(五年|5年)|(五年|5年)来")


def _session_in_body(line: str) -> int | None:
    """The session named in the opening of a speech.

    "我们第一届全国人民代表大会第一次会议" and "向第四届全国人民代表大会作报告" name
    this session; "第十一届……第一次会议以来的五年" names the previous term's
    start (this report opens the next term); "从……第三次会议到这次会议" the
    previous session (this one is the next)."""
    m = _NPC_ZH.search(line)
    if not m:
        return None
    term = _cn_number(m.group(1))
    session = _cn_number(m.group(2)) if m.group(2) else 1
    after = line[m.end(): m.end() + 30]
    if _SINCE.search(line[m.end(): m.end() + 40]) and session == 1 and term < len(NPC_TERM_START):
        return NPC_TERM_START[term]
    if re.search("[从自][^，,。]{0,8}$", line[:m.start()]) or "以来" in after:
        if re.search("(这次|本次|我们这次)(会议|大会)|到现在|到今天", after + line[m.end():]):
            if "五年" in line:
                return NPC_TERM_START[term] if term < len(NPC_TERM_START) else None
            nxt = npc_session_year(term, session + 1)
            return nxt
        return None
    if re.search("(我们|我們|向|这次|這次|本次)$", line[max(0, m.start() - 4):m.start()]):
        return npc_session_year(term, session)
    return None


def year_from_text(text: str) -> int | None:
    lines = report_lines(text)
    head, tail = lines[:HEAD_LINES], lines[-3:]
    # "Published Time:" with its value on the next line
    head = [f"{a} {b}" if _PUBLISHED_KEY.match(a) else a for a, b in zip(head, [*head[1:], ""], strict=True)]
    for line in head:  # the title line
        for pattern in (*_TITLE_YEAR, _PUBLISHED):
            m = pattern.search(line)
            if m:
                return int(m.group(1))
    for line in head + tail:  # the date line, at the start or the end
        if len(line) <= DATE_LINE_MAX and (year := _date_year(line)):
            return year
    for line in head:  # "……在第十三届全国人民代表大会第二次会议上"
        if len(line) <= DATE_LINE_MAX and _AT_SESSION.search(line) and (year := _session_year(line)):
            return year
    for i, line in enumerate(lines):  # the review of last year's work is this year's report
        for pattern in _REVIEW:
            m = pattern.search(line)
            if m:
                return int(m.group(1)) + 1
        m = _PLAN_REVIEW.search(line)
        if m and len(line) <= 40:  # "一、“九五”时期国民经济和社会发展的回顾"
            return plan_end_year(_cn_number(m.group(1))) + 1
        if _LAST_YEAR_REVIEW.search(line) and len(line) <= 30 and i + 1 < len(lines):
            after = "".join(lines[i + 1:i + 3])  # the next line, or its pieces in a web copy
            m = re.match(rf"{_YEAR}\s*年", after)  # "一、去年工作回顾" / "2005年，……"
            if m:
                return int(m.group(1)) + 1
    for line in lines[:10]:  # "刚刚过去的1984年", "首先报告2001年的工作"
        m = _PAST_YEAR.search(line)
        if m:
            return int(m.group(1)) + 1
    for line in lines[:40]:
        if (year := _session_in_body(line)) is not None:
            return year
    return None


def year_in_name(path: Path) -> int | None:
    """The year a file's name states (`2025年…`, `GR2018_en`, `2017.txt`), or None."""
    m = re.search(_YEAR, path.stem)
    return int(m.group(1)) if m else None


def guess_year(path: Path, text: str) -> int | None:
    year = year_in_name(path)
    return year if year is not None else year_from_text(text)


_MD_PREFIX = re.compile(r"^#{1,6}\s+")
_STEM_JUNK = re.compile(r"[_\s]+")
_MINOR_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


def headline_case(title: str) -> str:
    """An all-capitals title as a headline: each word capitalised but the short
    function words after the first (REPORT ON THE WORK OF THE GOVERNMENT →
    Report on the Work of the Government), and only a word's first letter
    (PEOPLE'S → People's, where str.title gives People'S)."""
    parts = re.split(r"(\s+)", title.lower())  # words at even places, the spaces between them at odd
    return "".join(part if i % 2 or (i and part in _MINOR_WORDS) else _capitalised(part) for i, part in enumerate(parts))


def _capitalised(word: str) -> str:
    return re.sub(r"[^\W\d_]", lambda letter: letter[0].upper(), word, count=1)


def guess_title(path: Path, text: str, year: int | None) -> str:
    """The report's own title line, else a cleaned file name; never invented text."""
    lines = text.split("\n", 200)[:200]
    first = next((lines[i] for i in first_lines(lines, 3)
                  if lines[i].strip().strip("\u200b\u200c\u200d\u2060\ufeff").strip()), "")
    first = _MD_PREFIX.sub("", first.strip().strip("\u200b\u200c\u200d\u2060\ufeff").strip())
    first = re.sub("(?<=[\u4e00-\u9fff])\\s+(?=[\u4e00-\u9fff])", "", first)  # 政 府 工 作 报 告
    first = re.split(r"\s*(?:--|——|—)\s*", first)[0] if len(first) > 60 else first  # "TITLE--Delivered at …"
    stem = _clean_stem(path.stem)
    if 0 < len(first) <= 60 and not first.endswith(tuple(".。:：,，;；!！")) and (
            "报告" in first or "report" in first.lower()):
        title = headline_case(first) if first.isupper() else first
        # a file name that says more ("…中华人民共和国国务院政府工作报告" over "政府工作报告")
        if _bare(title) in _bare(stem):
            title = stem
    else:
        title = stem
    if year and str(year) not in title:
        title = f"{year} {title}"
    return title


def _bare(title: str) -> str:
    """A title without its year and spaces, to compare titles."""
    return re.sub(rf"{_YEAR}\s*年?|\s", "", title).lower()


_LANG_TAG = re.compile(r"(?<=[\s_.-])(en|zh|cn|eng|chs)$", re.I)


def _clean_stem(stem: str) -> str:
    """"report_2024_en" -> "Report 2024", "2026_上海市_政府工作报告" -> "2026 上海市 政府工作报告"."""
    name = _STEM_JUNK.sub(" ", _LANG_TAG.sub("", stem)).strip(" -_")
    return (name[:1].upper() + name[1:]) if name else stem
