"""Digests: what a search finds, in report and reading order, checked by parsing each format."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from helpers import THEMES, make_library

from index.digest import build_digest, to_csv, to_html, to_markdown
from index.notes.model import Annotation, ReportRef
from index.search import SearchRequest

HOSTILE = {
    "2023年政府工作报告.txt": (
        "一、工作回顾\n\n碳达峰行动<script>alert(1)</script>，**不是粗体** [bold]也不是标记[/bold]。\n\n"
        "二、任务\n\n# 不是标题 推进碳达峰。\n"
    ),
    "2024年政府工作报告.txt": (
        "一、2023年工作回顾\n\n积极稳妥推进碳达峰碳中和，扎实开展碳达峰十大行动。\n\n"
        "数字经济，人工智能+行动。\n\n二、2024年工作任务\n\n（一）绿色发展\n\n加强生态环境保护，推进碳达峰。\n"
    ),
}


class Outline(HTMLParser):
    """Headings, paragraphs and marks of an HTML page, as a parser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.marks: list[str] = []
        self.text: list[str] = []
        self.tags: set[str] = set()

    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in ("h1", "h2", "h3", "h4", "h5", "h6"):
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)
        if self.stack and self.stack[-1] == "mark":
            self.marks.append(data)
        self.text.append(data)


def _digest(tmp_path, notes=()):
    library = make_library(tmp_path, THEMES, HOSTILE)
    return library, build_digest(library, SearchRequest("碳达峰", limit=3), notes)


def test_entries_come_oldest_report_first_in_reading_order(tmp_path):
    _, digest = _digest(tmp_path)
    places = [(e.year, e.paragraph) for e in digest.entries]
    assert places == sorted(places) and len(places) == 4  # the request's limit does not cut a digest
    assert [e.section for e in digest.entries][-1] == ["二、2024年工作任务", "（一）绿色发展"]


def test_markdown_headings_marks_and_back_references(tmp_path):
    _, digest = _digest(tmp_path)
    md = to_markdown(digest)
    headings = [(len(m.group(1)), m.group(2)) for m in re.finditer(r"^(#{1,6}) (.+)$", md, re.M)]
    assert headings[0] == (1, "Digest: “碳达峰”")
    assert (2, "2023年政府工作报告") in headings and (2, "2024年政府工作报告") in headings
    assert headings.index((2, "2023年政府工作报告")) < headings.index((2, "2024年政府工作报告"))
    assert (3, "二、2024年工作任务") in headings and (4, "（一）绿色发展") in headings
    # Report text is never markup: its '#', '**', '<script>' come out escaped.
    assert (3, "不是标题 推进碳达峰。") not in headings
    assert "\\# 不是标题" in md and "\\*\\*不是粗体\\*\\*" in md and "\\<script\\>" in md
    assert md.count("**碳达峰**") == 5
    refs = re.findall(r"^↩ `(.+)`$", md, re.M)
    assert len(refs) == 4 and all(re.match(r"\S+ ¶\d+ · /", r) for r in refs)


def test_html_is_one_self_contained_page_a_parser_reads(tmp_path):
    _, digest = _digest(tmp_path)
    page = to_html(digest)
    outline = Outline()
    outline.feed(page)
    outline.close()
    assert not outline.stack
    assert "script" not in outline.tags and "link" not in outline.tags and "img" not in outline.tags
    assert "<script>alert(1)</script>" in "".join(outline.text)  # shown as text, escaped in the file
    assert [h for h in outline.headings if h[0] == "h2"] == [("h2", "2023年政府工作报告"), ("h2", "2024年政府工作报告")]
    assert ("h4", "（一）绿色发展") in outline.headings
    assert outline.marks.count("碳达峰") == 5
    assert "http" not in page.replace("http-equiv", "")


def test_csv_rows_hold_every_paragraph_with_its_place(tmp_path):
    _, digest = _digest(tmp_path)
    rows = list(csv.DictReader(io.StringIO(to_csv(digest))))
    assert len(rows) == 4
    assert rows[-1]["section"] == "二、2024年工作任务 › （一）绿色发展" and rows[-1]["year"] == "2024"
    assert rows[-1]["matches"] == "碳达峰" and rows[-1]["path"].endswith("2024年政府工作报告.txt")
    assert all(r["text"] and r["paragraph"].isdigit() for r in rows)


def test_theme_only_digest_and_notes_attached(tmp_path):
    library = make_library(tmp_path, THEMES, HOSTILE)
    first = build_digest(library, SearchRequest("", themes=("carbon",)))
    entry = first.entries[-1]
    note = Annotation(ReportRef(entry.report), kind="note", quote="推进碳达峰", note="目标 <b>看这里</b>",
                      paragraph=entry.paragraph, tags=["碳"])
    other = Annotation(ReportRef(entry.report), kind="highlight", quote="x", paragraph=entry.paragraph + 99)
    digest = build_digest(library, SearchRequest("", themes=("carbon",)), [note, other])
    assert digest.title == "Digest: Carbon peaking & neutrality"
    assert [n.note for e in digest.entries for n in e.notes] == ["目标 <b>看这里</b>"]
    assert "> **note** #碳: “推进碳达峰”" in to_markdown(digest)
    assert "目标 &lt;b&gt;看这里&lt;/b&gt;" in to_html(digest)
    assert list(csv.DictReader(io.StringIO(to_csv(digest))))[-1]["notes"] == "note: 目标 <b>看这里</b>"
