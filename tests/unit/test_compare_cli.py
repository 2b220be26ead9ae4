"""`reportx compare` and `reportx digest` on real files, and which reports a user's words name."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import run_cli as run
from helpers import write_reports

from index.compare.pick import PickError, parse_spec, pick_report, previous_of
from index.model import ReportMeta

NATIONAL = "national-zh/{}年中华人民共和国国务院政府工作报告.txt"


def meta(title: str, year: int | None, lang: str = "zh", folder: str = "/r/national") -> ReportMeta:
    return ReportMeta(f"{title}-{lang}", title, year, lang, f"{folder}/{title}.txt", "h")


LIBRARY = [
    meta("2023年中华人民共和国国务院政府工作报告", 2023), meta("2024年中华人民共和国国务院政府工作报告", 2024),
    meta("2025年中华人民共和国国务院政府工作报告", 2025),
    meta("2024年北京市政府工作报告", 2024, folder="/r/provinces"),
    meta("2025年北京市政府工作报告", 2025, folder="/r/provinces"),
    meta("2025年上海市政府工作报告", 2025, folder="/r/provinces"),
    meta("2024 Government Work Report", 2024, "en", "/r/en"), meta("2025 Government Work Report", 2025, "en", "/r/en"),
]


def test_year_specs():
    assert parse_spec("2024") == parse_spec(" 2024 ") and parse_spec("2024").lang is None
    assert parse_spec("2024:zh").lang == parse_spec("zh2024").lang == "zh" and parse_spec("2025-en").lang == "en"
    assert parse_spec("report-2024") is None and parse_spec("12024") is None


def test_default_pairing_is_the_same_kind_a_year_earlier():
    by_title = {m.title: m for m in LIBRARY}
    assert previous_of(by_title["2025年北京市政府工作报告"], LIBRARY).title == "2024年北京市政府工作报告"
    assert previous_of(by_title["2025年中华人民共和国国务院政府工作报告"], LIBRARY).year == 2024
    assert previous_of(by_title["2025 Government Work Report"], LIBRARY).title == "2024 Government Work Report"
    with pytest.raises(PickError, match="no en report earlier than 2024"):
        previous_of(by_title["2024 Government Work Report"], LIBRARY)


def test_a_year_names_the_report_most_like_the_other_one():
    beijing = pick_report("2025年北京市政府工作报告-zh", LIBRARY)
    assert pick_report("2024", LIBRARY, like=beijing).title == "2024年北京市政府工作报告"
    assert pick_report("2024:en", LIBRARY, like=beijing).title == "2024 Government Work Report"
    with pytest.raises(PickError, match="'2025:zh' names 3 reports"):
        pick_report("2025:zh", LIBRARY)
    with pytest.raises(PickError, match="no report of 2030"):
        pick_report("2030", LIBRARY)
    with pytest.raises(PickError, match="not a report id, a file or a year"):
        pick_report("no-such-thing", LIBRARY)


@pytest.fixture
def three_years(corpus: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "national"
    folder.mkdir()
    for year in (2023, 2024, 2025):
        source = corpus / NATIONAL.format(year)
        shutil.copy(source, folder / source.name)
    return folder


def test_compare_a_file_with_the_year_before_from_its_folder(three_years: Path, capsys):
    code, out, err = run(capsys, "compare", str(three_years / Path(NATIONAL.format(2025)).name), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["old"]["year"], data["new"]["year"]) == (2024, 2025)
    assert data["counts"]["changed"] > 50
    cpi = [r for s in data["sections"] for r in s["rows"]
           if r["kind"] == "changed" and "居民消费价格涨幅" in r["new"]["text"]]
    assert ["3%", "2%"] in cpi[0]["numbers"]
    assert any(p.get("number") and p["text"] == "2%" for p in cpi[0]["new_pieces"])


def test_compare_by_year_through_the_library_as_markdown_and_html(three_years: Path, capsys, tmp_path: Path):
    assert run(capsys, "index", str(three_years))[0] == 0
    code, md, err = run(capsys, "compare", "2023", "2024", "--format", "md", "--section", "生态")
    assert code == 0, err
    headings = re.findall(r"^(#{1,2}) (.+)$", md, re.M)
    assert headings[0][1].startswith("2023年中华人民共和国国务院政府工作报告 → 2024年")
    assert all("生态" in h for _, h in headings[1:]) and len(headings) >= 2
    out = tmp_path / "cmp.html"
    code, _, err = run(capsys, "compare", "2024:zh", "--format", "html", "-o", str(out))
    assert code == 0 and "written to" in err

    class Check(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)

    check = Check()
    check.feed(out.read_text(encoding="utf-8"))
    assert "table" in check.tags and "del" in check.tags and "ins" in check.tags and "script" not in check.tags
    code, text, _ = run(capsys, "compare", "2025:zh")
    assert code == 0 and "figures: 3% → 2%" in text


def test_compare_bad_input_is_one_line(three_years: Path, capsys, tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    for args, reason in [(("nonsense-id",), "not a report id, a file or a year"),
                         ((str(bad), str(three_years)), "binary file"),
                         (("1999",), "no report of 1999")]:
        code, _, err = run(capsys, "compare", *args)
        assert code == 1 and reason in err and "Traceback" not in err and err.count("\n") == 1, err


def test_digest_command_formats(tmp_path: Path, capsys):
    folder = write_reports(tmp_path / "r")
    assert run(capsys, "index", str(folder))[0] == 0
    code, out, _ = run(capsys, "digest", "碳达峰", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2 and rows[0]["matches"].startswith("碳达峰")
    code, md, _ = run(capsys, "digest", "", "--theme", "digital-ai", "--year", "2024")
    assert code == 0 and md.startswith("# Digest: Digital economy & AI\n") and "**人工智能" in md
    code, _, err = run(capsys, "digest", "", "--theme", "nope")
    assert code == 2 and "unknown theme nope" in err
    code, _, err = run(capsys, "digest", "")
    assert code == 2 and "give a query, a --theme, or both" in err


def test_an_unwritable_output_is_one_line(tmp_path: Path, capsys):
    folder = write_reports(tmp_path / "r")
    assert run(capsys, "index", str(folder))[0] == 0
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = run(capsys, "digest", "碳达峰", "-o", str(blocker / "digest.md"))
    assert code == 1 and "cannot write" in err and "Traceback" not in err and err.count("\n") == 1
    reports = sorted(folder.iterdir())
    code, _, err = run(capsys, "compare", str(reports[0]), str(reports[1]), "-o", str(blocker / "cmp.md"))
    assert code == 1 and "cannot write" in err and err.count("\n") == 1
