"""PDFs with a text layer: paragraphs rebuilt from the page geometry.

pdfium gives every character with its box and font size. Characters become
lines (pdfium marks line ends), lines become paragraphs: a first-line indent,
a wider gap, a change of type size, or a short line that ends a sentence
starts a new one. Lines of a paragraph are joined without a space in Chinese
and with one in English (a hyphen at a line end is mended). Running headers,
footers and page numbers (lines near the page edge that repeat, or are only a
number) are dropped. pdfium is not thread-safe: every call holds one lock.
"""

from __future__ import annotations

import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from index.formats.base import Extracted, ends_in_chinese, join_paragraphs, starts_in_chinese, tidy_line

VERSION = 1
NO_TEXT_LAYER = "no text layer (scanned?); OCR is not supported"

_LOCK = threading.Lock()
_EDGE = 0.09  # share of the page height at top and bottom where running heads live
_PAGE_NUMBER = re.compile(
    r"^[-—–·\s]*(?:第\s*)?[\d０-９ivxlcIVXLC]{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d+\s*页?)?[-—–·\s]*$"
)
_SENTENCE_END = tuple("。！？：；….!?:;")
_HEADING_SCALE = 1.12
# Titles that word processors and converters fill in by themselves.
_PRODUCER_TITLE = re.compile(
    r"^(?:microsoft word|untitled|anonymous|文档\d*$|document\d*$)|\.(?:docx?|wps|pdf|txt)$", re.I
)


class PdfError(ValueError):
    """A PDF reportx cannot read; str() is the reason."""


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    bold: bool
    page: int


def extract_pdf(data: bytes) -> Extracted:
    with _LOCK:
        pages, heights, title = _read(data)
    lines = [line for page in pages for line in page]
    if sum(len(line.text.strip()) for line in lines) < 20:
        raise PdfError(NO_TEXT_LAYER)
    body = _drop_running_heads(pages, heights)
    hints: dict[str, object] = {"title": title} if title else {}
    return Extracted(join_paragraphs(_paragraphs(body)), hints)


def _read(data: bytes) -> tuple[list[list[_Line]], list[float], str]:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        message = str(e)
        if "password" in message.lower():
            raise PdfError("encrypted PDF (needs a password); reportx cannot read it") from None
        raise PdfError(f"damaged or not a PDF ({message.rstrip('.')})") from None
    try:
        pages: list[list[_Line]] = []
        heights: list[float] = []
        for number in range(len(doc)):
            page = doc[number]
            heights.append(page.get_height())
            pages.append(_page_lines(page, number))
        title = str(doc.get_metadata_dict().get("Title") or "").strip()
        if _PRODUCER_TITLE.search(title):
            title = ""
        return pages, heights, title
    except pdfium.PdfiumError as e:
        raise PdfError(f"damaged PDF ({str(e).rstrip('.')})") from None
    finally:
        doc.close()


def _page_lines(page: pdfium.PdfPage, number: int) -> list[_Line]:
    """The page's lines, from pdfium's line ends. Geometry is read from the first
    and last character of each line only: per-character calls cost ~5x more."""
    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    raw = textpage.raw
    lines: list[_Line] = []
    for start, end in _spans(text, textpage):
        first = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        last = start + len(text[start:end].rstrip()) - 1
        if last < first:
            continue
        left, bottom, _, _ = textpage.get_charbox(first, loose=True)
        _, _, right, _ = textpage.get_charbox(last, loose=True)
        size = round(pdfium_c.FPDFText_GetFontSize(raw, first), 1)
        bold = pdfium_c.FPDFText_GetFontWeight(raw, first) >= 600
        # pdfium writes U+FFFE for a hyphen it takes to end a line; it is the hyphen as printed.
        line_text = text[start:end].replace("\ufffe", "-")
        lines.append(_Line(line_text, left, right, bottom + size, size, bold, number))
    # Content-stream order puts footers and headers anywhere; a page reads top to bottom.
    lines.sort(key=lambda ln: -ln.top)
    return lines


def _spans(text: str, textpage: pdfium.PdfTextPage) -> list[tuple[int, int]]:
    """(start, end) of each line: pdfium's CR LF ends lines, and a hyphen it took
    for a soft one (U+FFFE) joins two lines that a baseline jump splits again."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\r\n|[\r\n]|\ufffe", text):
        if m.group() != "\ufffe":
            spans.append((start, m.start()))
            start = m.end()
        elif m.end() < len(text) and start < m.start():
            here = textpage.get_charbox(m.start(), loose=True)[1]
            after = textpage.get_charbox(m.end(), loose=True)[1]
            if abs(here - after) > 2:
                spans.append((start, m.end()))
                start = m.end()
    spans.append((start, len(text)))
    return spans


def _drop_running_heads(pages: list[list[_Line]], heights: list[float]) -> list[_Line]:
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip())

    def at_edge(line: _Line) -> bool:
        height = heights[line.page]
        return line.top > height * (1 - _EDGE) or line.top < height * _EDGE + line.size

    repeats = Counter(key(line) for page in pages for line in {key(ln): ln for ln in page if at_edge(ln)}.values())
    needed = max(2, len(pages) // 3)
    kept = []
    for page in pages:
        for line in page:
            edge = at_edge(line)
            if edge and (repeats[key(line)] >= needed or _PAGE_NUMBER.match(line.text.strip())):
                continue
            kept.append(line)
    return kept


def _paragraphs(lines: list[_Line]) -> list[str]:
    if not lines:
        return []
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    body_size = weights.most_common(1)[0][0]
    body = [ln for ln in lines if abs(ln.size - body_size) < 0.5]
    # The text's left edge: the leftmost position many lines share (when most paragraphs
    # are one or two lines, their indented first lines may outnumber the others).
    starts = Counter(round(ln.x0) for ln in body)
    left = min(x for x, n in starts.items() if n >= 0.05 * len(body))
    right = max(ln.x1 for ln in body)
    pitches = [a.top - b.top for a, b in zip(body, body[1:], strict=False)
               if a.page == b.page and 0 < a.top - b.top < 3 * body_size]
    pitch = statistics.median(pitches) if pitches else body_size * 1.5

    def heading(line: _Line) -> bool:
        return line.size >= body_size * _HEADING_SCALE or (line.bold and not all(ln.bold for ln in body[:50]))

    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or _starts_paragraph(previous, line, heading, left, right, pitch, body_size):
            paragraphs.append([])
        paragraphs[-1].append(line.text.strip())
        previous = line
    return [tidy_line(_join(parts), spaces_in_chinese=False) for parts in paragraphs]


def _starts_paragraph(prev: _Line, line: _Line, heading: object, left: float, right: float,
                      pitch: float, body_size: float) -> bool:
    assert callable(heading)
    if heading(prev) != heading(line) or abs(prev.size - line.size) > 0.5:
        return True
    if line.x0 > left + 0.8 * body_size and not heading(line):
        return True  # first-line indent
    # A paragraph's last line: it ends a sentence, and the next line's first word would have fit after it.
    ended = prev.text.rstrip().endswith(_SENTENCE_END)
    room = right - prev.x1
    if ended and room > _first_word_width(prev, line) + 1.5 * body_size:
        return True
    if prev.page == line.page and prev.top - line.top > 1.45 * pitch * max(prev.size, line.size) / body_size:
        return True
    return False


def _first_word_width(prev: _Line, line: _Line) -> float:
    text = line.text.strip()
    word = text[:1] if starts_in_chinese(text) else text.split(" ", 1)[0]
    per_char = (line.x1 - line.x0) / max(len(text), 1)
    return len(word) * per_char


def _join(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        if re.search(r"[A-Za-z]-$", text) and part[:1].islower():
            text = text[:-1] + part
        elif ends_in_chinese(text) or starts_in_chinese(part):
            text += part
        else:
            text += " " + part
    return text
