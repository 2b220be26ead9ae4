"""The views across the years on the real corpus: facts anyone can check in the
text, and targets read from generated variations of a real report."""

from __future__ import annotations

import random
import re

import pytest

from index.analytics.corpus import ReportInfo, national_reports, paragraph_texts, report_infos
from index.analytics.kwic import concordance
from index.analytics.novelty import first_appearance, new_expressions
from index.analytics.targets import read_targets, targets_table
from index.analytics.trend import series_for, trend
from index.library import Library
from index.reader import read_report
from index.textnorm import fold
from index.themes import load_themes, resolve_themes_path

FOLDERS = ("national-zh", "national-en")
PROVINCES = ("2025年浙江省政府工作报告.txt", "2025年北京市政府工作报告.txt")


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (set REPORTX_CORPUS)")
    lib = Library(tmp_path_factory.mktemp("analytics-index"), load_themes(resolve_themes_path()))
    lib.update([CORPUS / f for f in FOLDERS] + [CORPUS / "provincial-2025-zh" / p for p in PROVINCES]
               + [CORPUS / "hailar-gbk" / "2019.txt"])
    yield lib
    lib.close()


def national_text(library: Library, year: int, lang: str = "zh") -> str:
    [info] = [r for r in national_reports(library, lang) if r.year == year]
    return "\n".join(paragraph_texts(library, info.id))


def test_kinds_of_the_corpus_reports(library):
    kinds = {(i.year, i.lang, i.kind) for i in report_infos(library)}
    assert (2025, "zh", "provincial") in kinds and (2019, "zh", "other") in kinds  # Hailar District
    assert (2020, "zh", "national") in kinds  # 2020年政府工作报告-逐句: no 国务院 in its title
    assert len(national_reports(library, "zh")) == 53 and len(national_reports(library, "en")) == 17


@pytest.mark.parametrize(("term", "year"), [("新质生产力", 2024), ("碳达峰", 2021), ("供给侧结构性改革", 2016),
                                            ("数字经济", 2017), ("高质量发展", 2018)])
def test_first_appearance_in_national_reports(library, term, year):
    found = first_appearance(library, term)
    assert found.first_year == year
    assert term in national_text(library, year)
    assert not any(term in national_text(library, y) for y in
                   (r.year for r in national_reports(library, "zh") if r.year < year))


def test_first_appearance_of_an_english_phrase(library):
    assert first_appearance(library, '"new quality productive forces"', lang="en").first_year == 2024


def test_trend_equals_counting_in_the_text(library):
    result = trend(library, series_for(library, ["碳达峰"]), by_kind=True)
    for row in result.rows:
        if row.kind == "national":
            assert row.count == national_text(library, row.year).count("碳达峰"), row.year
    assert {r.year for r in result.rows if r.count and r.kind == "national"} == {2021, 2022, 2023, 2024, 2025}
    provinces = trend(library, series_for(library, ["新质生产力"]), by_kind=True)
    assert any(r.kind == "provincial" and r.year == 2025 and r.count for r in provinces.rows)


def test_trend_of_2025_counts_the_national_report_unless_split(library):
    """The 2025 national report says 新质生产力 as often as its text does; the
    provincial reports of 2025 (Zhejiang, Beijing) count only when split by kind."""
    default = trend(library, series_for(library, ["新质生产力"]))
    assert default.scope == "national" and all(r.reports == 1 and r.kind == "national" for r in default.rows)
    [row] = [r for r in default.rows if r.year == 2025 and r.lang == "zh"]
    assert row.count == national_text(library, 2025).count("新质生产力") > 0
    assert {h.title for h in default.hits_of(row)} == {r.title for r in national_reports(library, "zh") if r.year == 2025}
    split = trend(library, series_for(library, ["新质生产力"]), by_kind=True)
    kinds = {r.kind: r for r in split.rows if r.year == 2025 and r.lang == "zh"}
    assert kinds["national"].count == row.count and kinds["provincial"].reports == 2
    provincial = "\n".join("\n".join(paragraph_texts(library, i.id)) for i in report_infos(library)
                           if i.kind == "provincial")
    assert kinds["provincial"].count == provincial.count("新质生产力") > 0
    assert not any(r.count for r in split.rows if r.kind == "other")  # Hailar 2019: before the term


def test_concordance_lines_are_in_the_text(library):
    lines = concordance(library, "新质生产力", width=10, lang="zh")
    by_report: dict[str, list] = {}
    for line in lines:
        by_report.setdefault(line.report, []).append(line)
    for report, found in by_report.items():
        texts = {p["paragraph"]: re.sub(r"\s+", " ", p["text"]) for p in library.paragraphs(report)}
        assert len(found) == sum(fold(t).count("新质生产力") for t in texts.values())
        for line in found:
            assert line.hit == "新质生产力" and line.left + line.hit + line.right in texts[line.paragraph]
    assert {line.year for line in lines} == {2024, 2025}


# Real expressions of each year's report, read by hand among the top 20 (see the README).
EXPECTED_NEW = {
    2021: {"构建新发展格局", "脱贫攻坚成果", "直达机制", "助企纾困", "统筹发展和安全", "战略科技力量"},
    2024: {"地方债务", "高水平安全", "全球文明倡议", "拖欠企业账款", "教育强国"},
    2025: {"十五五", "零基预算改革", "收购存量商品房", "整治形式主义", "增量政策", "楼市股市"},
}


@pytest.mark.parametrize("year", sorted(EXPECTED_NEW))
def test_new_expressions_of_a_year(library, year):
    found = new_expressions(library, year, limit=20)
    top = [e.text for e in found.new]
    assert EXPECTED_NEW[year] <= set(top), top
    text = fold(national_text(library, year))
    earlier = [fold(national_text(library, r.year)) for r in found.compared]
    for e in found.new:
        assert e.text in text and not any(e.text in t for t in earlier)
    assert "等化险" not in top


def test_targets_table_on_the_corpus(library):
    rows = {(r.year, r.lang): r.targets for r in targets_table(library)}
    assert rows[(2024, "zh")]["gdp"].value == "5%左右"
    assert "国内生产总值增长5%左右" in rows[(2024, "zh")]["gdp"].clause
    assert rows[(2020, "zh")]["gdp"].status == "not set"
    assert rows[(2020, "en")]["gdp"].status == "not set"
    assert rows[(2019, "zh")]["gdp"].value == "6%－6.5%"
    assert rows[(2016, "zh")]["gdp"].value == "6.5%－7%"
    assert rows[(2025, "zh")]["cpi"].value == "2%左右"
    assert rows[(2025, "zh")]["deficit_ratio"].value == "4%左右"
    assert rows[(2025, "zh")]["special_bonds"].value == "4.4万亿元"
    assert rows[(2024, "zh")]["grain"].value == "1.3万亿斤以上"
    assert rows[(2018, "zh")]["surveyed_unemployment"].value == "5.5%以内"
    assert rows[(2024, "zh")]["registered_unemployment"].status == "absent"
    assert rows[(2021, "en")]["gdp"].value == "over 6 percent"
    assert rows[(2025, "en")]["gdp"].value == "around 5 percent"
    # Every stated value is in its clause, and every clause is in its report.
    for (year, lang), targets in rows.items():
        text = re.sub(r"\s+", " ", national_text(library, year, lang))
        for t in targets.values():
            if t.status != "absent":
                assert t.clause and t.clause in text, (year, lang, t)
            number = re.search(r"\d+(?:\.\d+)?", t.value or "")
            if number:  # (English counts may be words: "ten million")
                assert number.group() in t.clause, (year, lang, t)


# -- generated variations of the 2024 report's targets passage ------------------

def _targets_2024(mutate) -> dict:
    from conftest import CORPUS

    path = CORPUS / "national-zh" / "2024年中华人民共和国国务院政府工作报告.txt"
    if not path.exists():
        pytest.skip("the 2024 national report is not in the corpus")
    paragraphs = [mutate(p.text) for p in read_report(path).paragraphs()]
    info = ReportInfo("x", "2024年政府工作报告", 2024, "zh", str(path), "h", "national", 1, 1)
    return read_targets(paragraphs, info).targets


TARGETS = "主要预期目标是："


def test_variations_of_the_targets_wording():
    plain = _targets_2024(lambda t: t)
    assert plain["gdp"].value == "5%左右" and plain["cpi"].value == "3%左右"
    for cue in ("主要目标是：", "预期目标是：", "主要预期目标为："):
        varied = _targets_2024(lambda t, cue=cue: t.replace(TARGETS, cue))
        assert {k: v.value for k, v in varied.items()} == {k: v.value for k, v in plain.items()}, cue
    wide = _targets_2024(lambda t: t.replace("%", "％") if TARGETS in t else t)
    assert wide["gdp"].value == "5%左右"  # the table shows one percent sign
    ranged = _targets_2024(lambda t: t.replace("国内生产总值增长5%左右", "国内生产总值增长5%－5.5%"))
    assert ranged["gdp"].value == "5%－5.5%"


def test_targets_in_any_order_and_missing_ones_absent():
    rng = random.Random(15)

    def shuffle(text: str) -> str:
        if TARGETS not in text:
            return text
        head, body = text.split(TARGETS, 1)
        clauses = body.rstrip("。").split("；")
        rng.shuffle(clauses)
        return head + TARGETS + "；".join(clauses) + "。"

    plain = {k: v.value for k, v in _targets_2024(lambda t: t).items()}
    for _ in range(5):
        assert {k: v.value for k, v in _targets_2024(shuffle).items()} == plain

    def drop_cpi(text: str) -> str:
        return re.sub(r"居民消费价格涨幅[^；。]*；", "", text) if TARGETS in text else text

    dropped = _targets_2024(drop_cpi)
    assert dropped["cpi"].status == "absent" and dropped["cpi"].value is None
    assert dropped["gdp"].value == "5%左右"
