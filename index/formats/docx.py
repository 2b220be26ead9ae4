"""Word documents: body paragraphs and tables, with automatic numbering as Word shows it.

Headers and footers live outside the body and are left out. Word's automatic
numbering (`一、`, `（一）`, `1.`) is not in the paragraph text; it is rebuilt
from the numbering definitions so headings read, and parse, as in the .txt.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from index.formats.base import Extracted, join_paragraphs, tidy_line

VERSION = 1

_CN = "〇一二三四五六七八九"


class DocxError(ValueError):
    """A Word file reportx cannot read; str() is the reason."""


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Numbering:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    abstract: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId -> counters


def extract_docx(data: bytes) -> Extracted:
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise DocxError(f"damaged Word file ({e})") from None
    numbering = _numbering(document)
    styles = {s.style_id: s.element for s in document.styles if s.style_id}
    paragraphs = [tidy_line(_label(p, numbering, styles) + _text(p)) for p in _body_paragraphs(document)]
    title = (document.core_properties.title or "").strip()
    return Extracted(join_paragraphs(paragraphs), {"title": title} if title else {})


def _body_paragraphs(document: object) -> Iterator[etree._Element]:
    body = document.element.body  # type: ignore[attr-defined]
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield child
        elif child.tag == qn("w:tbl"):
            # A table cell's paragraphs, row by row (reports put key figures in tables).
            yield from child.iter(qn("w:p"))


def _text(p: etree._Element) -> str:
    parts: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:delText")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
    return "".join(parts)


def _numbering(document: object) -> _Numbering:
    result = _Numbering()
    try:
        root = document.part.numbering_part.element  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError, AttributeError):
        return result
    abstract_levels: dict[str, dict[int, _Level]] = {}
    for abstract in root.iterchildren(qn("w:abstractNum")):
        levels: dict[int, _Level] = {}
        for lvl in abstract.iterchildren(qn("w:lvl")):
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "", int(_val(lvl, "w:start") or 1))
        abstract_levels[abstract.get(qn("w:abstractNumId"), "")] = levels
    for num in root.iterchildren(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None:
            num_id = num.get(qn("w:numId"), "")
            abstract_id = ref.get(qn("w:val"), "")
            result.abstract[num_id] = abstract_id
            result.levels[num_id] = abstract_levels.get(abstract_id, {})
    return result


def _val(parent: etree._Element, tag: str) -> str | None:
    node = parent.find(qn(tag))
    return node.get(qn("w:val")) if node is not None else None


def _num_pr(p: etree._Element, styles: dict[str, etree._Element]) -> tuple[str, int] | None:
    ppr = p.find(qn("w:pPr"))
    style_id = _val(ppr, "w:pStyle") if ppr is not None else None
    for holder in (ppr, styles.get(style_id or "")):
        if holder is None:
            continue
        num_pr = holder.find(".//" + qn("w:numPr"))
        if num_pr is not None:
            num_id = _val(num_pr, "w:numId")
            if num_id is None or num_id == "0":
                return None
            return num_id, int(_val(num_pr, "w:ilvl") or 0)
    return None


def _label(p: etree._Element, numbering: _Numbering, styles: dict[str, etree._Element]) -> str:
    found = _num_pr(p, styles)
    if found is None or not _text(p).strip():
        return ""
    num_id, ilvl = found
    levels = numbering.levels.get(num_id, {})
    level = levels.get(ilvl)
    if level is None:
        return ""
    counters = numbering.counters.setdefault(numbering.abstract.get(num_id, num_id), [0] * 9)
    if counters[ilvl] == 0:
        counters[ilvl] = level.start
    else:
        counters[ilvl] += 1
    for deeper in range(ilvl + 1, len(counters)):
        counters[deeper] = 0
    if level.fmt == "bullet" or level.fmt == "none":
        return level.text if level.fmt == "bullet" else ""
    label = level.text
    for n in range(ilvl, -1, -1):
        shown = levels.get(n)
        value = counters[n] or (shown.start if shown else 1)
        label = label.replace(f"%{n + 1}", _format(value, shown.fmt if shown else "decimal"))
    return label


def _format(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(value)
    if fmt == "ideographDigital":
        return "".join(_CN[int(d)] for d in str(value))
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + 0xFF10) for d in str(value))
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    return str(value)


def _chinese(value: int) -> str:
    if value < 10:
        return _CN[value]
    if value < 20:
        return "十" + (_CN[value % 10] if value % 10 else "")
    if value < 100:
        return _CN[value // 10] + "十" + (_CN[value % 10] if value % 10 else "")
    return str(value)


def _roman(value: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for number, numeral in numerals:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)
