"""Saved web pages: the article only, one paragraph per line.

Known content containers first (gov.cn, provincial TRS sites, Xinhua), then
the element holding the most text outside links (old table-and-<font>
layouts). Navigation, share buttons, font-size widgets, related-article lists
and footers are left out, by tag, by class/id, and by link density.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from index.formats.base import Extracted, join_paragraphs, tidy_line
from index.formats.encoding import decode_text

VERSION = 1

CONTAINERS = (
    "#UCAP-CONTENT", ".pages_content", ".TRS_Editor", ".trs_editor_view", "#zoom", "#Zoom", "#detail",
    "#p-detail", ".rm_txt_con", ".article-content", "#articleContent", "#content", "article", ".content",
)
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tbody thead tfoot tr td th section article "
    "blockquote center pre hr main figure figcaption address".split()
)
_SKIP = frozenset("script style noscript iframe form button select input textarea nav aside footer "
                  "header svg canvas object embed template".split())
_BOILER_ATTR = re.compile(
    r"share|bdshare|print|font-?size|fontsize|zoom-?(?:btn|tool)|breadcrumb|crumb|position|location|"
    r"related|relevant|recommend|footer|(?<![a-z])nav|menu|toolbar|comment|qrcode|erweima|pages-date|"
    r"pages_print|editor-info|copyright|sidebar|advert|(?<![a-z])ad(?![a-z])",
    re.I,
)
_BOILER_LINE = re.compile(
    r"^(?:【[^】]{1,8}】\s*)+$|^【?(?:责任编辑|字号|打印|关闭|分享|扫一扫|相关稿件|我要纠错|"
    r"【字体|字体[:：]|浏览次数|点击数)[^。]{0,40}$|^(?:大|中|小)(?:\s*[|/]?\s*(?:大|中|小)){2}$"
)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.I)
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_DATE_METAS = ("firstpublishedtime", "publishdate", "pubdate", "article:published_time", "og:release_date",
               "dc.date", "date")
_TITLE_METAS = ("articletitle", "og:title", "title", "dc.title")
_TITLE_SITE = re.compile(r"\s*(?:[_|｜]|-{1,2}|——)\s*[^_|｜]*(?:网|政府|门户|gov|新华|人民|portal|xinhua)[^_|｜]*$",
                         re.I)
_MIN_CONTAINER_CHARS = 200


def extract_html(data: bytes) -> Extracted:
    declared = _CHARSET.search(data[:4096])
    text = decode_text(data, declared.group(1).decode("ascii", "replace") if declared else None)
    tree = LexborHTMLParser(text)
    body = tree.body
    paragraphs: list[str] = []
    if body is not None:
        root = _container(body)
        paragraphs = [line for line, links in _lines(root) if line and not _boilerplate(line, links)]
    return Extracted(join_paragraphs(paragraphs), _hints(tree, text))


def _container(body: LexborNode) -> LexborNode:
    for selector in CONTAINERS:
        node = body.css_first(selector)
        if node is not None and len(_own_text(node)) >= _MIN_CONTAINER_CHARS:
            return node
    return _densest(body)


def _own_text(node: LexborNode) -> str:
    return "".join(line for line, _ in _lines(node))


def _densest(body: LexborNode) -> LexborNode:
    """The element with the most text outside links, counting half of each
    child block's text for its parent (so the element holding the paragraphs
    wins over any single paragraph, and over the page that also holds menus)."""
    scores: dict[int, tuple[float, LexborNode]] = {}
    for node in body.traverse(include_text=True):
        if not node.is_text_node:
            continue
        length = len((node.text_content or "").strip())
        if length < 2 or _inside(node, _SKIP | {"a"}):
            continue
        block = _block_parent(node)
        weight = 1.0
        while block is not None and weight > 0.2:
            score, _ = scores.get(block.mem_id, (0.0, block))
            scores[block.mem_id] = (score + length * weight, block)
            block, weight = _block_parent(block), weight / 2
    if not scores:
        return body
    return max(scores.values(), key=lambda item: item[0])[1]


def _block_parent(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag not in _BLOCKS and parent.tag != "body":
        parent = parent.parent
    return parent


def _inside(node: LexborNode, tags: frozenset[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _lines(root: LexborNode) -> list[tuple[str, int]]:
    """(paragraph, characters inside links) for every block below `root`."""
    lines: list[tuple[str, int]] = []
    parts: list[str] = []
    links = 0

    def flush() -> None:
        nonlocal links
        line = tidy_line("".join(parts))
        if line:
            lines.append((line, links))
        parts.clear()
        links = 0

    def walk(node: LexborNode, in_link: bool) -> None:
        nonlocal links
        for child in node.iter(include_text=True):
            tag = child.tag
            if child.is_text_node:
                piece = child.text_content or ""
                parts.append(piece)
                if in_link:
                    links += len(piece.strip())
            elif tag in _SKIP or _is_boilerplate_element(child):
                continue
            elif tag == "br":
                flush()
            elif tag in _BLOCKS:
                flush()
                walk(child, in_link)
                flush()
            elif tag not in ("-comment",):
                walk(child, in_link or tag == "a")

    walk(root, False)
    flush()
    return lines


def _is_boilerplate_element(node: LexborNode) -> bool:
    attrs = node.attributes
    marks = " ".join(v or "" for k, v in attrs.items() if k in ("class", "id", "role"))
    if not marks:
        return False
    # A known content container is never boilerplate, whatever words its class holds.
    return bool(_BOILER_ATTR.search(marks)) and not any(marks == sel.lstrip("#.") for sel in CONTAINERS)


def _boilerplate(line: str, link_chars: int) -> bool:
    if link_chars and link_chars >= 0.6 * len(line.replace(" ", "")):
        return True
    return len(line) <= 60 and bool(_BOILER_LINE.search(line))


def _hints(tree: LexborHTMLParser, text: str) -> dict[str, object]:
    metas = {
        (m.attributes.get("name") or m.attributes.get("property") or "").lower(): m.attributes.get("content") or ""
        for m in tree.css("meta")
    }
    hints: dict[str, object] = {}
    title = next((metas[k] for k in _TITLE_METAS if metas.get(k, "").strip()), "")
    if not title:
        node = tree.css_first("title")
        title = node.text() if node is not None else ""
    title = _TITLE_SITE.sub("", tidy_line(title))
    if title:
        hints["title"] = title
    date = next((metas[k] for k in _DATE_METAS if _DATE.search(metas.get(k, ""))), "")
    m = _DATE.search(date)
    if m:
        hints["year"] = int(m.group(1))
    return hints
