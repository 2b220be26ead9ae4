"""The views across the years on small libraries written here: trend, concordance,
collocates, first appearance, new expressions, targets, and their command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from analytics_support import PROVINCIAL, REPORTS
from helpers import make_library, run_cli, write_reports

from index.analytics.collocates import collocates
from index.analytics.corpus import national_reports, report_infos, report_kind
from index.analytics.hits import AnalyticsError
from index.analytics.kwic import concordance
from index.analytics.novelty import first_appearance, new_expressions
from index.analytics.targets import targets_table
from index.analytics.trend import series_for, trend


@pytest.fixture
def library(tmp_path):
    lib = make_library(tmp_path, reports=REPORTS)
    yield lib
    lib.close()


def texts_of(library) -> dict[str, str]:
    from index.analytics.corpus import paragraph_texts

    return {r.id: "\n".join(paragraph_texts(library, r.id)) for r in library.reports()}


def test_kinds_from_title_then_from_the_text():
    assert report_kind("2025年浙江省政府工作报告", "/x/a.txt", 0, 0) == "provincial"
    assert report_kind("2024年中华人民共和国国务院政府工作报告", "/x/a.txt", 0, 0) == "national"
    assert report_kind("2019 政府工作报告", "/x/2019.txt", 0, 5) == "other"  # speaks of its 区政府
    assert report_kind("2020年政府工作报告", "/x/b.txt", 4, 0) == "national"  # speaks of the State Council
    assert report_kind("2024 Report on the Work of the Government", "/x/c.txt", 0, 0) == "national"


def test_trend_counts_every_occurrence_and_rates_per_10k(library):
    result = trend(library, series_for(library, ["碳达峰"]))
    rows = {(r.year, r.lang): r for r in result.rows}
    texts = texts_of(library)
    infos = {i.id: i for i in report_infos(library)}
    for (year, lang), row in rows.items():
        ids = [i for i, info in infos.items() if info.year == year and info.lang == lang]
        assert row.count == sum(texts[i].count("碳达峰") for i in ids)
        assert row.size == sum(infos[i].size for i in ids)
    assert rows[(2024, "zh")].count == 2 and rows[(2024, "zh")].paragraphs == 1
    assert rows[(2020, "zh")].count == 0  # a year without it is a zero row, not missing
    assert rows[(2024, "zh")].rate == pytest.approx(2 * 10_000 / rows[(2024, "zh")].size)
    assert {lang for _, lang in rows} == {"zh"}  # no English rows: the term never matches there


def test_trend_of_a_theme_and_by_kind(library):
    result = trend(library, series_for(library, [], ["carbon"]), by_kind=True)
    assert result.series[0].label == "theme:carbon"
    assert {r.kind for r in result.rows} == {"national"}
    assert sum(r.count for r in result.rows if r.lang == "en") >= 1  # "carbon peaking"


def test_trend_counts_the_national_reports_unless_split_by_kind(tmp_path, capsys):
    library = make_library(tmp_path, reports={**REPORTS, **PROVINCIAL})
    try:
        national = trend(library, series_for(library, ["新质生产力"]))
        split = trend(library, series_for(library, ["新质生产力"]), by_kind=True)
    finally:
        library.close()
    assert national.scope == "national" and {r.kind for r in national.rows} == {"national"}
    assert {(r.year, r.count, r.reports) for r in national.rows} == {(2020, 0, 1), (2023, 0, 1), (2024, 3, 1)}
    assert {(r.year, r.kind): r.count for r in split.rows} == {
        (2020, "national"): 0, (2023, "national"): 0, (2024, "national"): 3, (2024, "provincial"): 3}
    [provincial] = [r for r in split.rows if r.kind == "provincial"]
    assert {h.title for h in split.hits_of(provincial)} == {"2024年浙江省政府工作报告"}
    # the command line counts the same reports by default
    run_cli(capsys, "index", str(tmp_path / "reports"))
    code, out, _ = run_cli(capsys, "trend", "新质生产力", "--json")
    assert code == 0 and json.loads(out)["rows"] == [r.to_json() for r in national.rows]
    code, out, _ = run_cli(capsys, "trend", "新质生产力", "--by-kind", "--csv")
    assert {(r["year"], r["kind"]): r["count"] for r in csv.DictReader(io.StringIO(out))}[("2024", "provincial")] == "3"
    code, out, _ = run_cli(capsys, "trend", "新质生产力")
    assert "national reports, one a year" in out


def test_unknown_theme_and_bad_query_are_one_line_errors(library):
    with pytest.raises(AnalyticsError, match="unknown theme nope"):
        series_for(library, [], ["nope"])
    with pytest.raises(AnalyticsError):
        concordance(library, "NOT x")


def test_concordance_aligns_on_the_match(library):
    lines = concordance(library, "碳达峰", width=6)
    assert len(lines) == sum(t.count("碳达峰") for t in texts_of(library).values())
    paragraphs = {(r.id, p["paragraph"]): p["text"] for r in library.reports() for p in library.paragraphs(r.id)}
    for line in lines:
        assert line.hit == "碳达峰" and len(line.left) <= 6 and len(line.right) <= 6
        assert line.left + line.hit + line.right in paragraphs[(line.report, line.paragraph)]
    assert [line.year for line in lines] == sorted(line.year for line in lines)
    by_left = concordance(library, "碳达峰", width=6, sort="left")
    keys = [line.left[::-1] for line in by_left]
    assert keys == sorted(keys)  # nearest character first
    by_right = concordance(library, "碳达峰", width=6, sort="right")
    assert [line.right for line in by_right] == sorted(line.right for line in by_right)


def test_concordance_counts_words_for_english(library):
    [line] = concordance(library, '"carbon peaking"', width=6)
    assert line.hit == "carbon peaking" and line.left == "We worked toward" and line.right == "and the digital"


def test_collocates_are_words_near_the_matches(library):
    found = collocates(library, "新质生产力", min_freq=1)
    words = {c.word: c for c in found}
    assert words["发展"].left >= 2 and words["发展"].right >= 1  # 加快发展, 因地制宜发展 / ，发展数字经济
    assert all(c.word != "新质生产力" for c in found)
    assert found == sorted(found, key=lambda c: (-c.score, -c.total, c.word))


def test_first_appearance(library):
    found = first_appearance(library, "新质生产力")
    assert found.first_year == 2024 and found.years == {2024: 2}
    assert found.first is not None and "新质生产力" in found.first.text
    assert first_appearance(library, "碳达峰").first_year == 2023
    assert first_appearance(library, "量子计算").first_year is None


def test_new_expressions_are_new_and_whole(library):
    found = new_expressions(library, 2024)
    texts = texts_of(library)
    earlier = [texts[r.id] for r in national_reports(library, "zh") if r.year < 2024]
    assert found.new[0].text == "新质生产力" and found.new[0].count == 3
    for e in found.new:
        assert e.text in texts[found.report.id] and not any(e.text in t for t in earlier)
        assert e.example and e.text in e.example
    # Only the whole expression: no piece of it is listed as well.
    assert not {"新质生产", "质生产力", "发展新质生产力"} & {e.text for e in found.new}
    gone = {e.text for e in found.gone}
    assert any("数字中国" in g for g in gone)


def test_new_expressions_vs_one_year_and_errors(library):
    assert new_expressions(library, 2024, vs=2023).compared[0].year == 2023
    with pytest.raises(AnalyticsError, match="no national report of 1999"):
        new_expressions(library, 1999)
    with pytest.raises(AnalyticsError, match="before 2020"):
        new_expressions(library, 2020)


def test_targets_with_their_clauses(library):
    rows = {(r.year, r.lang): r.targets for r in targets_table(library)}
    t2024 = rows[(2024, "zh")]
    assert t2024["gdp"].value == "5%左右" and t2024["gdp"].clause == "国内生产总值增长5%左右"
    assert t2024["energy_intensity"].value == "2.5%左右"
    assert t2024["deficit_ratio"].value == "3%" and t2024["special_bonds"].value == "3.9万亿元"
    assert t2024["registered_unemployment"].status == "absent" and t2024["registered_unemployment"].value is None
    t2020 = rows[(2020, "zh")]
    assert t2020["gdp"].status == "not set" and "没有提出全年经济增速具体目标" in t2020["gdp"].clause
    assert t2020["jobs"].value == "900万人以上" and t2020["deficit_ratio"].value == "3.6%以上"
    en = rows[(2024, "en")]
    assert en["gdp"].value == "around 5 percent" and en["jobs"].value == "over 12 million"
    assert en["deficit_ratio"].value == "3 percent" and en["grain"].status == "absent"
    # The review's figures (增长5.2%, 1206万人) are never taken for targets.
    assert rows[(2023, "zh")]["jobs"].value == "1200万人左右"


def test_cli_views_print_csv_and_json(capsys, tmp_path):
    run_cli(capsys, "index", str(write_reports(tmp_path / "r", REPORTS)))
    code, out, _ = run_cli(capsys, "trend", "碳达峰", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["year"]: r["count"] for r in rows} == {"2020": "0", "2023": "1", "2024": "2"}
    code, out, _ = run_cli(capsys, "kwic", "新质生产力", "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 3 and data["lines"][0]["hit"] == "新质生产力"
    code, out, _ = run_cli(capsys, "first", "新质生产力")
    assert code == 0 and "2024" in out
    code, out, _ = run_cli(capsys, "new", "2024", "--json")
    assert code == 0 and json.loads(out)["new"][0]["text"] == "新质生产力"
    code, out, _ = run_cli(capsys, "targets", "--csv", "--lang", "zh")
    rows = list(csv.DictReader(io.StringIO(out)))
    gdp = {r["year"]: (r["status"], r["value"]) for r in rows if r["indicator"] == "gdp"}
    assert gdp == {"2020": ("not set", ""), "2023": ("stated", "5%左右"), "2024": ("stated", "5%左右")}
    code, out, _ = run_cli(capsys, "collocates", "新质生产力", "--min-freq", "1", "--csv")
    assert code == 0 and out.startswith("word,left,right,total,corpus,score")
    code, out, _ = run_cli(capsys, "targets")
    assert code == 0 and "~5%" in out  # 5%左右, compact for 80 columns


def test_cli_errors_are_one_line(capsys, tmp_path):
    code, _, err = run_cli(capsys, "trend", "碳达峰")
    assert code == 1 and "reportx index" in err
    run_cli(capsys, "index", str(write_reports(tmp_path / "r", REPORTS)))
    code, _, err = run_cli(capsys, "new", "1999")
    assert code == 2 and err.count("\n") == 1 and "1999" in err and "Traceback" not in err
    code, _, err = run_cli(capsys, "trend", "--theme", "nope")
    assert code == 2 and "unknown theme nope" in err
    code, _, err = run_cli(capsys, "kwic", "NOT x")
    assert code == 2 and "Traceback" not in err
    code, out, _ = run_cli(capsys, "kwic", "[bold]x[/bold]")
    assert code == 0


def test_report_text_is_never_markup(capsys, tmp_path):
    reports = {"2024年中华人民共和国国务院政府工作报告.txt": "各位代表：\n\n推进[bold]碳达峰[/bold]工作。\n"}
    run_cli(capsys, "index", str(write_reports(tmp_path / "r", reports)))
    code, out, _ = run_cli(capsys, "kwic", "碳达峰")
    assert code == 0 and "[bold]" in out and "[/bold]" in out


def test_analytics_core_never_imports_textual():
    import subprocess
    import sys

    code = ("import sys, index.analytics.export, index.analytics.corpus; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'explorer')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
