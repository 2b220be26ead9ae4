"""The fixed query list: 60 curated terms × variants = 200 queries.

Terms come from the reports' own vocabulary (30 English, 30 Chinese; a term
with a space is a phrase). Variants, all deterministic:

- the term alone                                   60
- the term with a theme filter (themes cycled)     60
- two terms, AND (term i with term i+7)            60
- three terms, AND (every third term)              20

Each query is written once in reportx syntax and once for the SQLite FTS5
baseline: English as a quoted-term MATCH (porter unicode61); Chinese terms of
three or more characters as quoted trigram MATCH strings, two-character
Chinese terms (trigram cannot index them) as `instr(folded, term) > 0` on the
same table — a scan, which is what SQLite offers for them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

EN_TERMS = [
    "carbon", "emissions", "pollution", "innovation", "employment", "rural",
    "energy", "coal", "digital", "poverty", "infrastructure", "education",
    "pension", "deficit", "consumption", "investment", "exports", "manufacturing",
    "technology", "housing", "grain", "renewable",
    # phrases
    "new quality productive forces", "carbon neutrality", "artificial intelligence",
    "blue skies", "climate change", "real economy", "social security", "green development",
]
ZH_TERMS = [
    "碳中和", "碳达峰", "污染防治", "生态环境", "新质生产力", "人工智能", "数字经济",
    "乡村振兴", "改革开放", "高质量发展", "脱贫攻坚", "新能源", "节能减排", "绿色发展",
    "制造业", "基础设施", "民营企业", "环境保护",
    # two characters: below trigram's reach
    "就业", "创新", "科技", "教育", "医疗", "养老", "粮食", "煤炭", "消费", "投资", "财政", "住房",
]
EXACT_QUERIES = {
    "numbers with units": ["1.3万亿元", "8000亿元", "1.5万亿元", "14亿", "150万", "0.2个百分点", "5000公里", "２５０万吨"],
    "percentages": ["5%左右", "3%", "2%", "4.5%", "7.5%左右", "6%以上", "10%以上", "５％左右"],
    "symbols": ["人工智能+", "人工智能＋", "“人工智能+”", "低空+", "R&D", "COVID-19", "万元/"],
    "latin and digits in chinese": ["PM2.5", "ＰＭ２．５", "pm2.5浓度", "5G基站", "5G", "C919", "M2", "CPI"],
    "heading only": ["共同富裕", "工作回顾", "年工作安排", "政府自身建设"],
    "traditional": ["聯合國", "碳達峰", "數據要素", "鄉村振興", "粵港澳大灣區", "經濟"],
    "spaces": ['"2024 年"', '"2025 年"', '"碳达峰 碳中和"', "李克强", "2024年"],
}
"""Queries matched as written (index.textnorm.is_exact), by kind: the bench
checks their recall against a scan of every paragraph and heading."""
FILTER_THEMES = ["carbon-neutrality", "pollution-control", "digital-ai", "energy", "new-productive-forces"]


@dataclass(frozen=True)
class BenchQuery:
    terms: tuple[str, ...]
    lang: str  # script of the terms: "zh" or "en"
    themes: tuple[str, ...] = ()
    kind: str = "single"

    @property
    def text(self) -> str:
        """reportx (Whoosh) syntax: terms ANDed, phrases quoted."""
        return " ".join(f'"{t}"' if " " in t else t for t in self.terms)

    @property
    def label(self) -> str:
        return self.text + (f" [theme:{','.join(self.themes)}]" if self.themes else "")

    def to_json(self) -> dict:
        return {**asdict(self), "text": self.text}


def build_queries() -> list[BenchQuery]:
    out: list[BenchQuery] = []
    for lang, terms in (("en", EN_TERMS), ("zh", ZH_TERMS)):
        n = len(terms)
        for t in terms:
            out.append(BenchQuery((t,), lang))
        for i, t in enumerate(terms):
            out.append(BenchQuery((t,), lang, (FILTER_THEMES[i % len(FILTER_THEMES)],), "theme"))
        for i, t in enumerate(terms):
            out.append(BenchQuery((t, terms[(i + 7) % n]), lang, kind="two"))
        for i in range(0, n, 3):
            out.append(BenchQuery((terms[i], terms[(i + 3) % n], terms[(i + 11) % n]), lang, kind="three"))
    return out


def fts5_plan(q: BenchQuery) -> tuple[str, str | None, list[str]]:
    """(table, MATCH expression or None, substrings that need instr)."""
    from index.textnorm import fold

    if q.lang == "en":
        return "en", " ".join(f'"{t}"' for t in q.terms), []
    long = [fold(t) for t in q.terms if len(t) >= 3]
    short = [fold(t) for t in q.terms if len(t) < 3]
    return "zh", (" ".join(f'"{t}"' for t in long) or None), short
