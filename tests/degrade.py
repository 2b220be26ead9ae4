"""Degraded copies of clean reports, the way web and wiki copies break them.

`degrade(text, lang, seed)` breaks paragraphs into lines around 《…》 and “…”
spans, names, numbers such as PM2.5 and at random points, puts page chrome
(buttons, share and related-link lists) at the top and a licence footer at the
end. `doc_name(seed)` is a file name without a year. Seeded: the same seed
gives the same copy.
"""

from __future__ import annotations

import random
import re

CHROME_ZH = [
    ["下载 打印 全屏 收藏"], ["【字号：大 中 小】", "打印本页 关闭窗口"], ["下载", "打印", "全屏", "收藏"],
    ["分享到：", "微信", "微博", "QQ空间"], ["【打印】 【关闭】"],
]
CHROME_EN = [["Print | Download | Share"], ["Share", "WeChat", "Weibo"], ["Print", "Close"]]
RELATED_ZH = ["相关链接", "· 国务院关于印发有关文件的通知", "· 国家统计局发布年度统计公报"]
RELATED_EN = ["Related links", "• Full text of the plan", "• Key figures at a glance"]
FOOTERS = [
    ["公有领域", "false"],
    ["本作品在全世界都属于公有领域，因为作者逝世已经超过100年，并且于1931年1月1日以前出版。"],
    ["Public domain", "false", "false"],
    ["这部作品在中华人民共和国属于公有领域，因为它是中华人民共和国的法律法规、国家机关的决议、决定、命令。"],
    ["Public domain", "This work is in the public domain in the United States because it was published "
                      "before January 1, 1931."],
]
_SPAN = re.compile(r"《[^》\n]{1,30}》|“[^”\n]{1,30}”|[A-Z]{2,}\d+(?:\.\d+)?|\d+(?:\.\d+)?%?")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[IVX]+[.．])")
_TERMINAL = "。！？；：.!?;:，,、"


def doc_name(seed: int, suffix: str = ".txt") -> str:
    return f"doc{seed % 100:02d}{suffix}"


def _cut_points(line: str, rng: random.Random, lang: str, blank_mode: bool) -> list[int]:
    """Where to break `line`: around a few spans, and at random points."""
    cuts: set[int] = set()
    spans = list(_SPAN.finditer(line))
    for m in rng.sample(spans, min(len(spans), 2)):
        text = m.group()
        if text[0].isalpha() and text[0].isascii():  # "PM" / "2.5"
            digit = next((i for i, c in enumerate(text) if c.isdigit()), 0)
            cuts.add(m.start() + digit)
        else:
            cuts.update((m.start(), m.end()))
    for _ in range(rng.randint(0, 2)):
        cuts.add(rng.randint(1, len(line) - 1))
    if lang == "en":  # web copies break English between words
        cuts = {line.rfind(" ", 0, c) + 1 for c in cuts}
    # a break after a sentence end is a paragraph break, in the copy as in the clean file
    return sorted(c for c in cuts if 0 < c < len(line)
                  and line[:c].rstrip().rstrip("”’」』）)\"'")[-1:] not in _TERMINAL
                  and not (line[c - 1] == line[c] and not line[c].isalnum())  # inside —— or ……
                  and line[c:].strip() and line[:c].strip())


def _break_line(line: str, rng: random.Random, lang: str, blank_mode: bool) -> str:
    body = line.strip()
    if len(body) < (30 if lang == "zh" else 80) or _NUMBERED.match(body) or rng.random() < 0.4:
        return line
    if not blank_mode and not body.endswith(tuple("。！？.!?；;”\"")):
        return line  # a line-per-sentence file: only whole sentences are broken
    cuts = _cut_points(line, rng, lang, blank_mode)
    pieces: list[str] = []
    for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True):
        if pieces and not line[a:b].strip():
            pieces[-1] += line[a:b]  # a copy has no blank line inside a paragraph
        else:
            pieces.append(line[a:b])
    if lang == "en":
        pieces = [p.rstrip() for p in pieces]
    return "\n".join(pieces)


def degrade(text: str, lang: str, seed: int) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    nonblank = sum(1 for line in lines if line.strip())
    blank_mode = len(lines) - nonblank >= 0.4 * nonblank
    body = [_break_line(line, rng, lang, blank_mode) if line.strip() else line for line in lines]
    chrome = rng.choice(CHROME_ZH if lang == "zh" else CHROME_EN)
    related = RELATED_ZH if lang == "zh" else RELATED_EN
    head = chrome + ([""] + related if rng.random() < 0.5 else []) + [""]
    foot = ["", *rng.choice(FOOTERS)]
    return "\n".join(head + body + foot) + "\n"
