"""Reading reports in other formats, on small files written in the test.

The corpus-wide checks (recall, trees, search) are in test_formats_corpus.py.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from formats_support import (
    encrypted_pdf,
    govcn_page,
    paragraphs_of,
    report_docx,
    report_pdf,
    reports_csv,
    scanned_pdf,
    sentences_jsonl,
    table_page,
    trs_page,
)

from index.formats.discover import discover_files, summarize_skipped
from index.formats.encoding import decode_text
from index.formats.pdf import NO_TEXT_LAYER
from index.reader import ReadError, read_report, read_reports

ZH = [
    "政府工作报告",
    "各位代表：",
    "一、2024年工作回顾",
    "过去一年，国内生产总值超过134万亿元，增长5%。我们推动高质量发展，加快发展新质生产力。",
    "（一）扩大国内需求。实施提振消费专项行动，推进“两重”建设。",
    "二、2025年工作任务",
    "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。",
]


def _texts(path: Path) -> list[str]:
    """The extracted text's lines: paragraphs and heading lines."""
    return paragraphs_of(read_report(path).text)


def _titles(path: Path) -> list[str]:
    return [s.title for top in read_report(path).sections for s in top.walk()]


# -- encodings ------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030", "big5"])
def test_text_files_in_every_common_encoding(tmp_path, encoding):
    text = "臺灣同胞與大陸同胞，共同發展經濟。政府工作報告在年度會議上提出。\n\n我們要堅持改革開放。\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # a BOM, as Windows' "Unicode (big endian)" writes it
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    assert read_report(path).text == text


def test_big5_is_not_mistaken_for_gbk_on_real_text(corpus):
    # Traditional characters of a real report, written as Big5: GB18030 also "decodes" them.
    simplified = (corpus / "national-zh" / "2019年中华人民共和国国务院政府工作报告.txt").read_text(encoding="utf-8")
    big5 = simplified[:3000].encode("big5", errors="ignore")
    assert decode_text(big5) == big5.decode("big5")
    gbk = simplified[:3000].encode("gb18030")
    assert decode_text(gbk) == simplified[:3000]


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "doc07.txt"
    path.write_bytes(govcn_page(ZH, "2025年政府工作报告"))
    assert _texts(path) == ZH


# -- web pages --------------------------------------------------------------------

@pytest.mark.parametrize("page", [govcn_page, trs_page, table_page])
def test_web_page_layouts_give_the_article_only(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_bytes(page(ZH, "2025年政府工作报告"))
    report = read_report(path)
    assert paragraphs_of(report.text) == ZH
    assert _titles(path) == ["前言", "一、2024年工作回顾", "（一）扩大国内需求", "二、2025年工作任务"]
    assert report.meta.title == "2025年政府工作报告"


def test_web_page_title_date_and_unknown_layout(tmp_path):
    path = tmp_path / "x.htm"
    path.write_text(
        "<html><head><title>Report on the Work of the Government - english.www.gov.cn</title>"
        '<meta property="article:published_time" content="2025-03-12T09:00:00+08:00"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        "<div class='main'><div class='left'><ul><li><a>Premier</a></li><li><a>State Council</a></li></ul></div>"
        "<div class='right'><p>On behalf of the State Council, I will now report to you on the work of the "
        "government for your deliberation and approval.</p><h2>I. A Review of Our Work in 2024</h2>"
        "<p>The year 2024 was a truly remarkable year in China's development. We kept the economy stable "
        "and made new progress in pursuing high-quality development.</p>"
        "<p>Share: <a>WeChat</a> <a>Weibo</a></p></div></div>"
        "<footer>Copyright © The State Council</footer></body></html>",
        encoding="utf-8",
    )
    report = read_report(path)
    assert report.meta.title == "Report on the Work of the Government"
    assert report.meta.year == 2025 and report.meta.lang == "en"
    named = tmp_path / "GR2024_en.html"  # the year in a file name beats the page's date
    named.write_bytes(path.read_bytes())
    assert read_report(named).meta.year == 2024
    texts = [p.text for p in report.paragraphs()]
    assert texts[0].startswith("On behalf of the State Council") and len(texts) == 2
    assert "Home" not in report.text and "Copyright" not in report.text and "WeChat" not in report.text
    assert _titles(path)[-1] == "I. A Review of Our Work in 2024"


# -- Word -----------------------------------------------------------------------------

def test_docx_numbering_headings_and_no_header_footer(tmp_path):
    path = tmp_path / "report.docx"
    report_docx(ZH, path)
    assert _texts(path) == ZH  # 一、 and 二、 are Word's automatic numbering, rebuilt
    text = read_report(path).text
    assert "送审稿" not in text and "第 1 页" not in text
    assert "一、2024年工作回顾" in _titles(path)


def test_docx_renamed_and_damaged(tmp_path):
    good = tmp_path / "a.docx"
    report_docx(ZH, good)
    renamed = tmp_path / "report.doc"
    renamed.write_bytes(good.read_bytes())
    assert _texts(renamed) == ZH
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(ReadError, match="broken.docx: .*(damaged|ZIP)"):
        read_report(broken)


# -- PDF -------------------------------------------------------------------------------

def test_pdf_paragraphs_headings_and_running_heads(tmp_path):
    path = tmp_path / "r.pdf"
    paragraphs = ZH + ["这是一段很长的段落，" * 40 + "结束。"] * 30  # several pages
    pages = report_pdf(paragraphs, path, running_head="国务院公报")
    assert pages >= 3
    report = read_report(path)
    assert paragraphs_of(report.text) == paragraphs
    assert "国务院公报" not in report.text and "- 2 -" not in report.text


def test_pdf_removes_producer_spaces_in_chinese_keeps_english_words(tmp_path):
    path = tmp_path / "r.pdf"
    # One page: a running head cannot be told from a title there, so the test has none.
    report_pdf(["国内生产总值超过 134 万亿元，增长 5%。2024 年城镇新增就业 1256 万人。"], path, running_head="")
    assert _texts(path) == ["国内生产总值超过134万亿元，增长5%。2024年城镇新增就业1256万人。"]
    en = tmp_path / "en.pdf"
    sentence = "We will pursue high-quality development and strengthen macroeconomic regulation. " * 12
    report_pdf(["I. Major Tasks for 2025", sentence.strip()], en, lang="en", running_head="")
    assert _texts(en) == ["I. Major Tasks for 2025", sentence.strip()]


@pytest.mark.parametrize("make, reason", [
    (scanned_pdf, NO_TEXT_LAYER),
    (encrypted_pdf, "encrypted PDF"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage"), "damaged"),
])
def test_bad_pdfs_are_named_with_the_reason(tmp_path, make, reason):
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(ReadError) as caught:
        read_report(path)
    assert str(caught.value) == f"{path}: {caught.value.reason}" and reason in caught.value.reason


def test_pdf_from_several_threads(tmp_path):
    path = tmp_path / "r.pdf"
    report_pdf(ZH * 20, path)
    results: list[int] = []

    def read() -> None:
        from index.formats.pdf import extract_pdf

        results.append(len(extract_pdf(path.read_bytes()).text))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and len(results) == 4


def test_extracted_text_is_kept_and_reused(tmp_path, monkeypatch):
    from index.formats import cache

    path = tmp_path / "r.pdf"
    report_pdf(ZH, path)
    first = read_report(path)
    kept = list(cache.cache_dir().glob("*.pdf-v*.json"))
    assert len(kept) == 1
    stored = json.loads(kept[0].read_text(encoding="utf-8"))
    stored["text"] = stored["text"].replace("各位代表：", "各位代表：（缓存）")
    kept[0].write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert read_report(path).text != first.text  # the kept text is what the reader sees
    kept[0].write_text("{damaged", encoding="utf-8")
    assert read_report(path).text == first.text


# -- collections ------------------------------------------------------------------------

def test_csv_rows_are_reports(tmp_path):
    path = tmp_path / "reports.csv"
    path.write_bytes(reports_csv([("2025年政府工作报告", 2025, "zh", "\n\n".join(ZH)),
                                  ("Report 2024", 2024, "en", "I. A Review\n\nWe did well.")]))
    reports = read_reports(path)
    assert [(r.meta.title, r.meta.year, r.meta.lang) for r in reports] == [
        ("2025年政府工作报告", 2025, "zh"), ("Report 2024", 2024, "en")]
    assert reports[0].meta.path == f"{path}#gwr-2025-zh-1"
    again = read_report(Path(reports[0].meta.path))
    assert again.text == reports[0].text and again.meta.id == reports[0].meta.id
    assert reports[0].meta.id.startswith("reports-gwr-2025-zh-1-")  # notes files are named by it
    assert paragraphs_of(again.text) == ZH


def test_sentence_rows_join_back_into_reports_by_paragraph(tmp_path):
    path = tmp_path / "aligned.jsonl"
    path.write_bytes(sentences_jsonl("gwr2025", ZH) + sentences_jsonl("gwr2024", ZH[:3]))
    reports = read_reports(path)
    assert [r.meta.path.rsplit("#", 1)[1] for r in reports] == ["gwr2025", "gwr2024"]
    assert paragraphs_of(reports[0].text) == ZH


def test_sidecar_names_the_columns(tmp_path):
    path = tmp_path / "data.tsv"
    path.write_text("编号\tbody_zh\tyr\nA1\t一、总体要求\\n\\n我们要坚持稳中求进。\t2023\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no text column .*body_zh"):
        read_reports(path)
    (tmp_path / "data.meta.yaml").write_text("text_field: body_zh\nyear_field: yr\n", encoding="utf-8")
    [report] = read_reports(path)
    assert report.meta.year == 2023 and report.meta.path.endswith("data.tsv#A1")


@pytest.mark.parametrize("name, data, reason", [
    ("x.jsonl", b'{"text": "a"}\nnot json\n', "line 2 is not JSON"),
    ("x.json", b'"just a string"', "not a list of objects"),
    ("x.csv", b"id,text\n1,\n", "empty"),
])
def test_bad_collections_say_why(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read_reports(path)


# -- folders -----------------------------------------------------------------------------

def test_every_skipped_file_is_named(tmp_path):
    (tmp_path / "a.txt").write_text("报告")
    (tmp_path / "a.meta.yaml").write_text("title: A")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README.md").write_text("about")
    (tmp_path / ".hidden.txt").write_text("x")
    found = discover_files([tmp_path])
    assert [p.name for p in found.files] == ["a.txt"]
    assert sorted(Path(p).name for p, _ in found.skipped) == ["pic.png", "slides.pptx"]
    assert summarize_skipped(found.skipped) == (
        "2 files skipped: 1 .png (not a report format), 1 .pptx (not a report format)")
