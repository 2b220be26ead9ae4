"""Lines that belong to the web page or the wiki a report was copied from.

Buttons (下载 打印 全屏 收藏, 【字号：大 中 小】, 打印本页 关闭窗口), share lists,
related-link lists and licence footers (公有领域, "Public domain", `false`) are
not part of the report: sections, search, titles and years all skip them.
"""

from __future__ import annotations

import re

from index.textnorm import fold

# Buttons and share targets, compared with the line's spaces and brackets removed.
_BUTTONS = {
    "下载", "打印", "全屏", "收藏", "打印本页", "关闭窗口", "关闭", "关闭本页", "分享", "分享到",
    "字号", "大", "中", "小", "字号大中小", "返回顶部", "返回", "顶部", "纠错", "我要纠错",
    "微信", "微博", "新浪微博", "腾讯微博", "qq空间", "qq好友", "豆瓣", "人人网", "扫一扫",
    "手机扫一扫", "【", "】", "|", "/", "print", "download", "share", "fullscreen", "close",
    "favorite", "bookmark", "wechat", "weibo", "top", "backtotop", "textsize", "a+", "a-",
}
_TOKEN_SPLIT = re.compile(r"[\s|｜/·•、:：,，]+")
_BRACKETS = re.compile(r"[【】\[\]〔〕()（）<>《》「」]")
_RELATED_HEAD = re.compile(r"^[【\[]?(相关链接|相关阅读|相关新闻|相关文章|延伸阅读|推荐阅读|热点推荐|"
                           r"related(?: links| articles| news| stories)?|read more|see also)[】\]]?[:：]?$",
                           re.I)
_BULLET = re.compile(r"^[·•▪■□◆◇○●>»]")
# Licence and wiki footers: the whole line is one of these, or it speaks of
# the public domain / the wiki it came from.
_FOOTER_WORDS = {"false", "true", "null", "none", "公有领域", "public domain", "公共领域"}
_FOOTER = re.compile(r"公有领域|公共领域|public domain|维基文库|wikisource|wikipedia|维基百科|"
                     r"知识共享|creative commons|cc[- ]by|本作品.{0,20}(版权|著作权)|"
                     r"(copyright|版权所有).{0,40}(all rights|保留|reserved)", re.I)


LINE_MAX = 200  # chrome and footer lines are short: longer lines are never looked at
BUTTONS_MAX = 80


def is_button_line(text: str) -> bool:
    """A line made only of page buttons, e.g. "下载 打印 全屏 收藏" or "【字号：大 中 小】"."""
    return _is_buttons(fold(text.strip()))


def _is_buttons(folded: str) -> bool:
    if not folded or len(folded) > BUTTONS_MAX:
        return False
    tokens = [t for t in _TOKEN_SPLIT.split(_BRACKETS.sub(" ", folded)) if t]
    if not tokens:
        return bool(_BRACKETS.sub("", folded).strip() == "")
    joined = "".join(tokens)
    return all(t in _BUTTONS for t in tokens) or joined in _BUTTONS


def is_footer_line(text: str) -> bool:
    """A licence or wiki footer line (never report text)."""
    return _is_footer(fold(text.strip()))


def _is_footer(folded: str) -> bool:
    folded = folded.rstrip("。.")
    if folded in _FOOTER_WORDS:
        return True
    return len(folded) <= 200 and _FOOTER.search(folded) is not None


def is_related_head(text: str) -> bool:
    return _RELATED_HEAD.match(fold(text.strip())) is not None


def first_lines(lines: list[str], count: int) -> list[int]:
    """Indexes of the first `count` non-blank lines that are not chrome."""
    found: list[int] = []
    # chrome sits at the top: looking a few lines further than `count` is enough
    head = chrome_lines(lines[: count * 4 + 40])
    for i, line in enumerate(lines[: count * 4 + 40]):
        if line.strip() and i not in head:
            found.append(i)
            if len(found) == count:
                break
    return found


def chrome_lines(lines: list[str]) -> set[int]:
    """Indexes of `lines` that are page chrome or footers.

    A related-link list is its head line plus the bulleted or short linked
    lines right after it (up to the first blank line or sentence)."""
    found: set[int] = set()
    in_related = False
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            in_related = False
            continue
        if len(text) > LINE_MAX:
            in_related = False
            continue
        # buttons and headings of link lists are short; a longer footer is
        # found by its words, case aside, without folding the line
        folded = fold(text) if len(text) <= BUTTONS_MAX else text.lower()
        if (len(text) <= BUTTONS_MAX and _is_buttons(folded)) or _is_footer(folded):
            found.add(i)
        elif _RELATED_HEAD.match(folded):
            found.add(i)
            in_related = True
        elif in_related and (_BULLET.match(text) or not text.endswith(("。", ".", "！", "!", "？", "?"))):
            found.add(i)
        else:
            in_related = False
    return found
