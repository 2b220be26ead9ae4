"""What the analytics need to know about each indexed report: its kind
(national, provincial, other), its size, and its stored text.

Sizes and kinds are read from the stored paragraphs once per report content
and kept in reportx's cache folder by content hash, so a trend in a fresh
process does not re-read the whole library.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from whoosh.query import Term

from index.analysis import english_spans
from index.atomic import atomic_write_text
from index.cache import cached
from index.library import Library, ReportRecord
from index.paths import cache_dir
from index.schema import PARAGRAPH
from index.textnorm import cjk_run_pattern, fold

Kind = Literal["national", "provincial", "other"]
KINDS: tuple[Kind, ...] = ("national", "provincial", "other")

PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
)
_PROVINCE_EN = re.compile(
    r"\b(province|provincial|autonomous region|municipality|municipal|beijing|tianjin|hebei|shanxi|"
    r"inner mongolia|liaoning|jilin|heilongjiang|shanghai|jiangsu|zhejiang|anhui|fujian|jiangxi|"
    r"shandong|henan|hubei|hunan|guangdong|guangxi|hainan|chongqing|sichuan|guizhou|yunnan|tibet|"
    r"xizang|shaanxi|gansu|qinghai|ningxia|xinjiang)\b")
# English titles name no government unless it is a province's (caught above).
_NATIONAL_TITLE = re.compile(
    r"国务院|中华人民共和国|state council|people's republic of china"
    r"|report on the work of the government|government work report", re.IGNORECASE)
# A report speaks of its own government: the State Council in a national report,
# a province's, city's or county's government in a local one (特区政府 is Hong Kong's
# or Macao's, spoken of by national reports).
_STATE_COUNCIL = re.compile(r"国务院|state council", re.IGNORECASE)
_LOCAL_GOVERNMENT = re.compile(
    r"(?:省|市|(?<!特)区|县|州|盟|旗)(?:人民)?政府"
    r"|(?:provincial|municipal|county|district|city) (?:people's )?government", re.IGNORECASE)

CACHE_VERSION = 1
"""Part of the report facts cache's name: a change to what is counted must bump it."""


@dataclass(frozen=True)
class ReportInfo:
    id: str
    title: str
    year: int | None
    lang: str
    path: str
    content_hash: str
    kind: Kind
    chars: int
    """CJK ideographs in the report (the unit of a Chinese rate)."""
    words: int
    """Non-CJK words (the unit of an English rate)."""

    @property
    def size(self) -> int:
        """Characters for a Chinese report, words for an English one."""
        return self.chars if self.lang == "zh" else self.words


def report_kind(title: str, path: str, state_council: int, local: int) -> Kind:
    """National, provincial or other, from the title, else from how the text
    speaks of its own government."""
    name = f"{title} {Path(path).stem}"
    if any(p in name for p in PROVINCES) or _PROVINCE_EN.search(name):
        return "provincial"
    if _NATIONAL_TITLE.search(name):
        return "national"
    return "national" if state_council > local else "other"


def report_infos(library: Library) -> list[ReportInfo]:
    """Every indexed report with its kind and size, oldest first."""
    searcher = library.searcher()
    return cached(searcher, "analytics:reports", lambda: _infos(library))


def _infos(library: Library) -> list[ReportInfo]:
    records = library.reports()
    store = ReportCache("reports", CACHE_VERSION)
    infos = []
    for r in records:
        facts = _valid_facts(store.get(r.content_hash))
        if facts is None:
            facts = _facts(paragraph_texts(library, r.id))
            store.put(r.content_hash, facts)
        infos.append(_info(r, facts))
    store.save()
    return sorted(infos, key=lambda i: (i.year or 0, i.lang, i.kind, i.title))


def _valid_facts(value: Any) -> dict[str, int] | None:
    keys = ("chars", "words", "state_council", "local")
    if isinstance(value, dict) and all(isinstance(value.get(k), int) for k in keys):
        return {k: value[k] for k in keys}
    return None


def _info(r: ReportRecord, facts: dict[str, int]) -> ReportInfo:
    kind = report_kind(r.title, r.path, facts["state_council"], facts["local"])
    return ReportInfo(r.id, r.title, r.year, r.lang, r.path, r.content_hash, kind, facts["chars"], facts["words"])


def _facts(texts: Iterable[str]) -> dict[str, int]:
    chars = words = state_council = local = 0
    for text in texts:
        folded = fold(text)
        chars += sum(len(run) for run in cjk_run_pattern().findall(folded))
        words += sum(1 for _ in english_spans(folded))
        state_council += len(_STATE_COUNCIL.findall(folded))
        local += len(_LOCAL_GOVERNMENT.findall(folded))
    return {"chars": chars, "words": words, "state_council": state_council, "local": local}


def paragraph_texts(library: Library, report_id: str) -> list[str]:
    """The stored paragraph texts of one report, in reading order.

    Looked up by the report term alone (a few hundred postings), not with
    kind:para as well, whose postings span the whole library: 50 -> ~3 ms a report.
    """
    searcher = library.searcher()
    docs = [searcher.stored_fields(n) for n in searcher.docs_for_query(Term("report", report_id))]
    return [d["text"] for d in sorted((d for d in docs if d.get("kind") == PARAGRAPH), key=lambda d: d["paragraph"])]


def national_reports(library: Library, lang: str) -> list[ReportInfo]:
    """The national reports in `lang` with a year, oldest first (one per year:
    the longest, when a library holds two versions of a year)."""
    best: dict[int, ReportInfo] = {}
    for info in report_infos(library):
        if info.kind == "national" and info.lang == lang and info.year:
            if info.year not in best or info.size > best[info.year].size:
                best[info.year] = info
    return [best[y] for y in sorted(best)]


class ReportCache:
    """Facts derived from a report's text, by content hash, in one JSON file
    in reportx's cache folder. `version` names the rules that derived them:
    a change of rules starts a new file."""

    def __init__(self, name: str, version: int) -> None:
        self.path = cache_dir() / "analytics" / f"{name}-v{version}.json"
        self.data: dict[str, Any] = {}
        self.dirty = False
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.data = loaded
        except (OSError, ValueError):
            pass

    def get(self, content_hash: str) -> Any:
        return self.data.get(content_hash)

    def put(self, content_hash: str, value: Any) -> None:
        self.data[content_hash] = value
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            atomic_write_text(self.path, json.dumps(self.data, ensure_ascii=False))
        except OSError:
            pass  # a cache that cannot be written only costs time
        self.dirty = False
