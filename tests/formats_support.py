"""Builders of report files in other formats, made from report text (the corpus or
a test's own): saved web pages in three real layouts, Word files with automatic
numbering, PDFs (with reportlab's built-in Chinese CID font, test-only), and
collections. Also used by the bench (`python -m bench`) for its PDF rows."""

from __future__ import annotations

import csv
import io
import json
import re
from html import escape
from pathlib import Path

_TOP = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[IVX]{1,4}[.．]\s*)")
_CJK = "\u4e00-\u9fff"


def paragraphs_of(text: str) -> list[str]:
    """Non-empty lines: what a .txt report's paragraphs (and heading lines) are."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def is_top_heading(line: str) -> bool:
    return bool(_TOP.match(line)) and len(line) <= 60 and not line.endswith(("。", "."))


def recall(source: list[str], extracted: list[str]) -> float:
    got = set(extracted)
    return sum(1 for p in source if p in got) / len(source)


def spaced(text: str) -> str:
    """Spaces between digits and Chinese, as PDF producers put them (`2024 年`)."""
    text = re.sub(f"([0-9%])([{_CJK}])", r"\1 \2", text)
    return re.sub(f"([{_CJK}])([0-9])", r"\1 \2", text)


# -- web pages ----------------------------------------------------------------

BOILERPLATE = ("首页", "字号", "打印本页", "分享到", "责任编辑", "相关稿件", "版权所有", "网站地图", "微信",
               "京ICP备", "关闭窗口", "当前位置")


def _broken(text: str, every: int = 37) -> str:
    """Source line breaks inside a paragraph, as page editors leave them: between
    two Chinese characters, or in place of a space."""
    out, since = [], 0
    for i, char in enumerate(text):
        since += 1
        between_zh = i and re.match(f"[{_CJK}]", text[i - 1]) and re.match(f"[{_CJK}]", char)
        if since >= every and (between_zh or char == " "):
            out.append("\n")
            since = 0
            if char == " ":
                continue
        out.append(char)
    return "".join(out)


def govcn_page(paragraphs: list[str], title: str) -> bytes:
    body = "\n".join(
        f'<p style="text-indent: 2em; font-family: 宋体;"><strong>{escape(p)}</strong></p>' if is_top_heading(p)
        else f'<p style="text-indent: 2em;">&nbsp;&nbsp;{_broken(escape(p))}</p>'
        for p in paragraphs
    )
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)}_中国政府网</title>
<meta name="firstpublishedtime" content="2024-03-12-17:03:21">
<script>var x = "<p>not text</p>";</script><style>p {{ margin: 0 }}</style></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zhengce">政策</a></li>
<li><a href="/hudong">互动</a></li><li><a href="/fuwu">服务</a></li></ul></div>
<div class="BreadcrumbNav">当前位置：<a href="/">首页</a> &gt; <a href="/zhengce">政策</a> &gt; 正文</div>
<div class="article oneColumn pub_border"><h1>{escape(title)}</h1>
<div class="pages-date">2024-03-12 17:03 来源：新华社 <span class="font">字号：<a>默认</a> <a>大</a> <a>超大</a></span>
 | <a class="bigger">打印本页</a></div>
<div class="pages_content" id="UCAP-CONTENT">
{body}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="editor">责任编辑：王洋</div></div>
<div class="related"><h3>相关稿件</h3><ul><li><a href="/1">政府工作报告全文发布</a></li>
<li><a href="/2">图解政府工作报告</a></li></ul></div>
<div class="footer">版权所有：中国政府网 | 中文域名：中国政府网.政务 | 网站识别码bm01000001 | 京ICP备05070218号
<a href="/map">网站地图</a></div></body></html>"""
    return page.encode("utf-8")


def trs_page(paragraphs: list[str], title: str) -> bytes:
    """A provincial site: TRS editor markup, declared and encoded GBK."""
    body = "\n".join(
        f'<p style="text-align: center;"><b><span style="font-size: 16pt">{escape(p)}</span></b></p>'
        if is_top_heading(p) else
        f'<p class="MsoNormal" style="text-indent: 32pt"><span style="font-family: 仿宋_GB2312">{escape(p)}</span></p>'
        for p in paragraphs
    )
    page = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{escape(title)}--门户网站</title><meta name="PubDate" content="2025/01/22 09:30">
</head><body><table class="top"><tr><td><a href="/">网站首页</a> | <a>政务公开</a> | <a>办事服务</a></td></tr></table>
<div class="position">您的位置：<a>首页</a> &gt; <a>政务公开</a></div>
<div class="xl_title">{escape(title)}</div><div class="xl_info">发布时间：2025-01-22 来源：省政府办公厅
 【字体：<a>大</a> <a>中</a> <a>小</a>】 <a href="javascript:window.print()">打印本页</a> <a>关闭窗口</a></div>
<div class="TRS_Editor"><div class="Custom_UnionStyle">
{body}
</div></div>
<div class="xgwz"><p>相关文章：<a>关于印发政府工作报告分工的通知</a></p></div>
<div class="bottom"><p>版权所有：省人民政府办公厅 地址：省府路1号 电话：0000-1234567</p></div>
</body></html>"""
    return page.encode("gb18030")


def table_page(paragraphs: list[str], title: str) -> bytes:
    """An old site: nested tables, <font> tags, paragraphs split by <br>, GBK, no known container."""
    body = "<br>\n".join(
        f'<b>{escape(p)}</b>' if is_top_heading(p) else f"&nbsp;&nbsp;&nbsp;&nbsp;{escape(p)}<br>"
        for p in paragraphs
    )
    nav = "".join(f'<tr><td><a href="/{i}"><font size="2">栏目{i}：政务动态</font></a></td></tr>' for i in range(12))
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK">
<title>{escape(title)}</title></head><body bgcolor="#ffffff">
<table width="760" align="center"><tr><td width="160" valign="top"><table>{nav}</table></td>
<td valign="top"><table width="100%">
<tr><td align="center"><font size="4" color="#cc0000"><b>{escape(title)}</b></font></td></tr>
<tr><td><font size="3" face="宋体">
{body}
</font></td></tr></table></td></tr>
<tr><td colspan="2" align="center">
<font size="2">版权所有 区人民政府 技术支持：某某网络公司 备案号：蒙ICP备000号</font></td></tr>
</table></body></html>"""
    return page.encode("gb18030")


# -- Word ---------------------------------------------------------------------

def report_docx(paragraphs: list[str], path: Path) -> None:
    """Top headings in Heading 1 with Word's automatic numbering (一、), running header and footer."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "政府工作报告（送审稿）"
    section.footer.paragraphs[0].text = "第 1 页"
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        f'</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    top = 0
    numerals = "一二三四五六七八九十"
    for p in paragraphs:
        m = _TOP.match(p)
        # Automatic numbering where the text counts on (一、 二、 ...); literal where it restarts.
        if m and is_top_heading(p) and top < 10 and p.startswith(numerals[top] + "、"):
            top += 1
            paragraph = document.add_paragraph(p[m.end():], style="Heading 1")
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
        else:
            document.add_paragraph(p)
    document.save(str(path))


# -- PDF ----------------------------------------------------------------------

def report_pdf(paragraphs: list[str], path: Path, lang: str = "zh", running_head: str = "政府工作报告") -> int:
    """A typeset report: indented body, larger top headings, running head and page numbers.
    Returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if lang == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font, wrap = "STSong-Light", "CJK"
    else:
        font, wrap = "Times-Roman", None
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, firstLineIndent=22,
                          spaceAfter=3, wordWrap=wrap)
    head = ParagraphStyle("head", fontName=font, fontSize=15, leading=21, spaceBefore=9, spaceAfter=6,
                          wordWrap=wrap)
    story = [Paragraph(escape(p), head if is_top_heading(p) else body) for p in paragraphs]

    def decorate(canvas: object, doc: object) -> None:
        canvas.setFont(font, 9)  # type: ignore[attr-defined]
        canvas.drawString(72, 800, running_head)  # type: ignore[attr-defined]
        canvas.drawCentredString(297, 30, f"- {doc.page} -")  # type: ignore[attr-defined]

    document = SimpleDocTemplate(str(path), pagesize=A4, title="", author="")
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return document.page


def scanned_pdf(path: Path) -> None:
    """A page with a picture of text and no text layer, as a scanner makes it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for y in range(100, 760, 14):
        c.rect(72, y, 450, 8, fill=1, stroke=0)  # lines of "ink"
    c.showPage()
    c.save()


def encrypted_pdf(path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(72, 720, "Confidential report")
    c.save()


# -- collections --------------------------------------------------------------

def reports_csv(reports: list[tuple[str, int, str, str]], delimiter: str = ",") -> bytes:
    """(title, year, lang, text) rows with an id column."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["id", "标题", "年份", "lang", "正文"])
    for n, (title, year, lang, text) in enumerate(reports, 1):
        writer.writerow([f"gwr-{year}-{lang}-{n}", title, year, lang, text])
    return out.getvalue().encode("utf-8")


def sentences_jsonl(doc_id: str, paragraphs: list[str], lang: str = "zh") -> bytes:
    """One sentence per row with document and paragraph ids, as aligned corpora are kept."""
    lines = []
    for number, paragraph in enumerate(paragraphs):
        pieces = re.findall(r"[^。！？]+[。！？]?", paragraph) if lang == "zh" else [paragraph]
        for sentence in pieces:
            lines.append(json.dumps({"doc_id": doc_id, "para": number, "sentence": sentence},
                                    ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")
