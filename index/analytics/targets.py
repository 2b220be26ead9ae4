"""The main expected targets (主要预期目标) of each year's national report.

The targets passage is found by its cue (主要预期目标是, 主要目标是, 预期目标是;
"main projected targets" in English) and read indicator by indicator, each
value with the clause it came from. The deficit ratio and special bonds are
stated elsewhere in the report, in sentences about this year's plans. What a
report does not state is absent, never guessed; a report that says it sets
no growth target (2020) says so in the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from index.analytics.corpus import ReportCache, ReportInfo, national_reports, paragraph_texts
from index.cache import cached
from index.library import Library

Status = Literal["stated", "absent", "not set"]


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    short: str
    """A column heading that fits 80 columns."""
    zh: re.Pattern[str]
    en: re.Pattern[str]
    whole_report: bool = False
    """Stated outside the targets passage (deficit, bonds): searched in the whole report."""


@dataclass(frozen=True)
class Target:
    indicator: str
    status: Status
    value: str | None = None
    clause: str = ""

    def to_json(self) -> dict[str, object]:
        return {"status": self.status, "value": self.value, "clause": self.clause}


@dataclass
class YearTargets:
    year: int
    lang: str
    report: str
    title: str
    targets: dict[str, Target] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "lang": self.lang, "report": self.report, "title": self.title,
                "targets": {k: t.to_json() for k, t in self.targets.items()}}


_PCT = (r"(?P<value>(?:低于|不超过)?\d+(?:\.\d+)?\s*[%％]"
        r"(?:\s*[－\-—–~～至到]\s*\d+(?:\.\d+)?\s*[%％])?(?:左右|以上|以内|以下|上下)?)")
_GAP = r"[^，,；;。：:\d%％]{0,10}?"
_EN_NUM = (r"(?P<value>(?:(?:about|around|approximately|over|more than|above|below|under|within"
           r"|no more than|up to)\s+)?\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?\s*(?:%|percent))")
_EN_GAP = r"[^.;:\d]{0,60}?"


def _zh(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _en(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("gdp", "GDP growth", "GDP",
              _zh(r"(?:国内生产总值(?!能耗)|经济增长速度|经济增速|经济增长|GDP)(?:预期目标)?(?:增长|为|是)?"
                  + _GAP + _PCT),
              _en(r"(?:GDP growth|increase the GDP|GDP (?:will |to )?(?:grow|increase)|growth rate|growth target)"
                  + _EN_GAP + _EN_NUM)),
    Indicator("cpi", "CPI", "CPI",
              _zh(r"(?:居民消费价格|商品零售价格|物价)(?:总水平)?(?:涨幅|上涨|涨)" + _GAP + _PCT),
              _en(r"(?:CPI|consumer price)" + _EN_GAP + _EN_NUM)),
    Indicator("jobs", "new urban jobs", "jobs",
              _zh(r"城镇新增就业[^，,；;。\d]{0,4}?(?P<value>\d+(?:\.\d+)?\s*万人?(?:左右|以上)?)"),
              _en(r"(?P<value>(?:(?:over|more than|about|around)\s+)?(?:\d+(?:\.\d+)?|nine|ten|eleven|twelve)"
                  r"\s+million)\s+(?:new\s+)?(?:jobs\s+in\s+urban\s+areas|urban\s+jobs|new urban jobs|jobs)")),
    Indicator("surveyed_unemployment", "surveyed unemployment", "surv.",
              _zh(r"城镇调查失业率" + _GAP + _PCT),
              _en(r"surveyed (?:urban )?unemployment rate" + _EN_GAP + _EN_NUM)),
    Indicator("registered_unemployment", "registered unemployment", "reg.",
              _zh(r"城镇登记失业率" + _GAP + _PCT),
              _en(r"registered (?:urban )?unemployment rate" + _EN_GAP + _EN_NUM)),
    Indicator("energy_intensity", "energy intensity", "energy",
              _zh(r"(?:单位国内生产总值能耗|单位GDP能耗|能耗强度|能源消耗强度)[^，,；;。\d]{0,12}?(?:下降|降低)"
                  + _GAP + _PCT),
              _en(r"(?:(?:energy (?:consumption|intensity)[^.;:\d]{0,30}?(?:drop|cut|fall|reduc\w*|decreas\w*)"
                  + _EN_GAP + _EN_NUM + r")|(?:(?:drop|cut|reduction|decrease) of\s+"
                  + _EN_NUM.replace("?P<value>", "?P<value2>") + r"\s+in energy (?:consumption|intensity)))")),
    Indicator("grain", "grain output", "grain",
              _zh(r"粮食(?:总)?产量[^，,；;。\d]{0,8}?(?P<value>\d+(?:\.\d+)?\s*(?:万亿斤|亿斤|亿吨|万吨|亿公斤|万亿公斤)(?:左右|以上)?)"),
              _en(r"grain output" + r"[^.;:\d]{0,30}?(?P<value>(?:(?:over|more than|about|around|above)\s+)?"
                  r"\d+(?:\.\d+)?\s+(?:million|billion)\s+(?:metric\s+)?tons)")),
    Indicator("deficit_ratio", "deficit ratio", "deficit",
              _zh(r"赤字率" + _GAP + _PCT),
              _en(r"deficit-to-GDP ratio" + _EN_GAP + _EN_NUM), whole_report=True),
    Indicator("special_bonds", "special bonds", "bonds",
              _zh(r"(?:地方政府|地方)?专项债券[^，,；;。\d]{0,6}?(?P<value>\d+(?:\.\d+)?\s*(?:万亿元|亿元))"),
              _en(r"(?:(?P<value>\d+(?:\.\d+)?\s+(?:trillion|billion)\s+yuan)\s+(?:of|in)\s+(?:local\s+)?"
                  r"government\s+special(?:-purpose)?\s+bonds)"), whole_report=True),
)
INDICATOR_IDS = tuple(i.id for i in INDICATORS)

_CUE = {"zh": re.compile(r"预期目标|主要目标"), "en": re.compile(r"\btargets\b", re.IGNORECASE)}
_STRONG_CUE = {
    "zh": re.compile(r"(?:主要预期目标|预期目标|主要目标)(?:是|为)"),
    "en": re.compile(r"targets?\b[^.]{0,60}?(?:are|is|as follows|:)", re.IGNORECASE),
}
_QUALIFIED = re.compile(r"左右|以上|以内|around|about|approximately|over|more than|within|no more than", re.IGNORECASE)
_NO_GROWTH_TARGET = {
    "zh": re.compile(r"(?:没有|未|不)(?:提出|设定|设)[^。；]{0,12}(?:经济增速|经济增长|增长速度|GDP)[^。；]{0,6}目标"),
    "en": re.compile(r"(?:not|no)\s+(?:set|setting)?\s*(?:a\s+|any\s+)?(?:specific\s+)?(?:target|goal)s?\s+for\s+"
                     r"(?:economic\s+)?growth", re.IGNORECASE),
}
# A plan for this year, not a review: the sentence says so.
_THIS_YEAR = {"zh": re.compile(r"今年|拟|安排|预计|建议"),
              "en": re.compile(r"this year|we have set|is set|projected|will be|we plan|is planned", re.IGNORECASE)}
_PAST = {"zh": re.compile(r"去年|过去|五年|上年|十年"),
         "en": re.compile(r"last year|past (?:five )?years?|in \d{4},", re.IGNORECASE)}
# Where a growth target is stated outside the targets passage.
_GROWTH_SET = {"zh": re.compile(r"今年[^。]{0,20}(?:增长|增速)|预期目标|增长目标"),
               "en": re.compile(r"(?:set(?:ting)?|target(?:ed)?)[^.]{0,30}growth|growth[^.]{0,30}(?:set at|target)",
                                re.IGNORECASE)}
WINDOW_CHARS = {"zh": 700, "en": 1800}
"""How much text after a cue the targets passage spans (a cue may stand on its own
line, and English lists run one target to a line)."""

_SENTENCE = {"zh": re.compile(r"[^。！？!?\n]+[。！？!?]?"),
             "en": re.compile(r"(?:[^.!?\n]|\.(?=\d))+[.!?]?")}


RULES_VERSION = 2
"""Part of the cache's name: a change to the rules above must bump it."""


def targets_table(library: Library, langs: tuple[str, ...] = ("zh", "en")) -> list[YearTargets]:
    """One row per national report (oldest first, Chinese before English).

    Reading every report takes ~1 s, so each report's targets are kept in the
    cache folder by content hash."""
    searcher = library.searcher()
    return cached(searcher, ("analytics:targets", langs),
                  lambda: _table(library, langs))


def _table(library: Library, langs: tuple[str, ...]) -> list[YearTargets]:
    store = ReportCache("targets", RULES_VERSION)
    rows: list[YearTargets] = []
    for lang in langs:
        for info in national_reports(library, lang):
            row = _from_json(store.get(info.content_hash), info)
            if row is None:
                row = read_targets(paragraph_texts(library, info.id), info)
                store.put(info.content_hash, {k: t.to_json() for k, t in row.targets.items()})
            rows.append(row)
    store.save()
    return sorted(rows, key=lambda r: (r.year, r.lang != "zh"))


def _from_json(data: object, info: ReportInfo) -> YearTargets | None:
    if not isinstance(data, dict) or set(data) != set(INDICATOR_IDS):
        return None
    row = YearTargets(info.year or 0, info.lang, info.id, info.title)
    for key, value in data.items():
        if not isinstance(value, dict) or value.get("status") not in ("stated", "absent", "not set"):
            return None
        row.targets[key] = Target(key, value["status"], value.get("value"), str(value.get("clause") or ""))
    return row


def read_targets(paragraphs: list[str], info: ReportInfo) -> YearTargets:
    lang = info.lang if info.lang in _CUE else "zh"
    row = YearTargets(info.year or 0, info.lang, info.id, info.title)
    passage = _passage(paragraphs, lang)
    sentences = [s for p in paragraphs for s in _sentences(p, lang)]
    for indicator in INDICATORS:
        pattern = indicator.zh if lang == "zh" else indicator.en
        found = None
        if indicator.whole_report:
            found = _first(pattern, [s for s in sentences if _THIS_YEAR[lang].search(s)], _PAST[lang])
        elif passage:
            found = _first(pattern, passage)
        if found is None and indicator.id == "gdp":
            found = _no_growth_target(sentences, lang) or _first(
                pattern, [s for s in sentences if _GROWTH_SET[lang].search(s)], _PAST[lang])
        row.targets[indicator.id] = Target(indicator.id, found.status, found.value, found.clause) if found \
            else Target(indicator.id, "absent")
    return row


def _first(pattern: re.Pattern[str], sentences: list[str], past: re.Pattern[str] | None = None) -> Target | None:
    """The first match, with its clause; with `past`, none whose clause looks back."""
    for sentence in sentences:
        for m in pattern.finditer(sentence):
            if past and past.search(_clause(sentence, m.start(), m.end())):
                continue
            value = next(v for k, v in m.groupdict().items() if k.startswith("value") and v)
            return Target("", "stated", _value(value), _clause(sentence, m.start(), m.end()))
    return None


def _no_growth_target(sentences: list[str], lang: str) -> Target | None:
    for sentence in sentences:
        if _NO_GROWTH_TARGET[lang].search(sentence):
            return Target("gdp", "not set", None, sentence.strip())
    return None


def _value(text: str) -> str:
    return re.sub(r"\s+", "" if re.search(r"[\u4e00-\u9fff%％]", text) and not re.search("[a-z]", text) else " ",
                  text).replace("％", "%").strip()


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause (between ，；) holding the match, widened to the whole match."""
    stops = "，,；;：、"
    begin = max((sentence.rfind(c, 0, start) for c in stops), default=-1) + 1
    ends = [i for i in (sentence.find(c, end) for c in stops) if i != -1]
    stop = min(ends) if ends else len(sentence)
    return sentence[begin:stop].strip(" \t—-")


def _sentences(paragraph: str, lang: str) -> list[str]:
    return [m.group().strip() for m in _SENTENCE[lang].finditer(paragraph) if m.group().strip()]


def _passage(paragraphs: list[str], lang: str) -> list[str]:
    """The sentences of the targets passage: from a cue over the next
    WINDOW_CHARS characters. Of several cues (a review also speaks of "the
    main targets"), the one followed by the most indicators, values stated as
    targets (5%左右, over 11 million) and a cue that introduces them (…目标是)."""
    best: list[str] = []
    best_score = 0.0
    for i, paragraph in enumerate(paragraphs):
        for cue in _CUE[lang].finditer(paragraph):
            text = paragraph[cue.start():]
            j = i + 1
            while len(text) < WINDOW_CHARS[lang] and j < len(paragraphs):
                text += "\n" + paragraphs[j]
                j += 1
            window = _sentences(text[:WINDOW_CHARS[lang]], lang)
            found = [t for t in (_first(ind.zh if lang == "zh" else ind.en, window)
                                 for ind in INDICATORS if not ind.whole_report) if t]
            if not found:
                continue
            score = len(found) + 0.5 * sum(1 for t in found if _QUALIFIED.search(t.value or "")) \
                + (1 if _STRONG_CUE[lang].match(paragraph, cue.start()) else 0)
            if score > best_score:
                best, best_score = window, score
    return best
