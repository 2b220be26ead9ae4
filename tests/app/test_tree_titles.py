"""The app's report tree at 80 columns: one year's reports told apart, an
unknown year shown as "no year" (issue #11)."""

from __future__ import annotations

from types import SimpleNamespace

from helpers import write_reports
from pilot import main_screen, settle

from explorer.launch import build_app
from explorer.widgets.section_tree import SectionTree

BODY = "各位代表：\n\n一、2024年工作回顾\n\n过去一年很不平凡。\n\n二、2025年工作安排\n\n今年要稳中求进。\n"
REPORTS = {
    "2025年上海市政府工作报告.txt": "2025年上海市政府工作报告\n\n" + BODY,
    "2025年黑龙江省政府工作报告.txt": "2025年黑龙江省政府工作报告\n\n" + BODY,
    "2025年内蒙古自治区政府工作报告.txt": "2025年内蒙古自治区政府工作报告\n\n" + BODY,
    "doc07.txt": "下载 打印 全屏 收藏\n\n各位代表：\n\n一、工作回顾\n\n正文。\n",
}


async def test_provinces_of_one_year_are_told_apart_at_80_columns(tmp_path):
    folder = write_reports(tmp_path / "lib", REPORTS)
    app = build_app(SimpleNamespace(paths=[folder], index_dir=None, themes_file=None, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        tree = main_screen(app).query_one(SectionTree)
        years = {str(node.label): [str(child.label) for child in node.children] for node in tree.root.children}
        assert sorted(years["2025"]) == ["上海市", "内蒙古自治区", "黑龙江省"]
        assert years["no year"] == ["Doc07"]  # never "????", never an invented 政府工作报告
        assert all("????" not in label for label in years)


async def test_provinces_beside_the_national_and_an_english_report_are_readable_at_80_columns(tmp_path):
    from helpers import REPORTS as SAMPLES
    from rich.style import Style

    national = "2025年中华人民共和国国务院政府工作报告"
    reports = {**REPORTS, f"{national}.txt": f"{national}\n\n{BODY}", "GR2025_en.txt": SAMPLES["GR2025_en.txt"]}
    folder = write_reports(tmp_path / "lib", reports)
    app = build_app(SimpleNamespace(paths=[folder], index_dir=None, themes_file=None, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        tree = main_screen(app).query_one(SectionTree)
        year = next(node for node in tree.root.children if str(node.label) == "2025")
        shown = [tree.render_label(child, Style(), Style()).plain for child in year.children]  # as drawn, cut to fit
        for name in ("上海市", "黑龙江省", "内蒙古自治区", "中华人民共和"):
            assert any(label.startswith(f"▶ {name}") for label in shown), (name, shown)
        assert not any(" …" in label for label in shown)  # a cut wide character leaves no gap


async def test_short_of_room_a_section_keeps_its_hit_count_and_more_of_its_title(tmp_path):
    from pilot import type_query
    from rich.style import Style

    body = BODY.replace("二、2025年工作安排", "二、2025年经济社会发展总体要求和政策取向")
    folder = write_reports(tmp_path / "lib", {"2025年上海市政府工作报告.txt": "2025年上海市政府工作报告\n\n" + body})
    app = build_app(SimpleNamespace(paths=[folder], index_dir=None, themes_file=None, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "稳中求进")
        tree = main_screen(app).query_one(SectionTree)
        [report] = tree.root.children[0].children
        section = next(child for child in report.children if str(child.label).startswith("二、"))
        shown = tree.render_label(section, Style(), Style()).plain
        assert shown.endswith("… ●1") and "二、2025年经" in shown, shown  # the paragraph count gave way


async def test_the_tree_never_scrolls_sideways_at_80_columns(tmp_path):
    """Its labels are cut to the pane, so no horizontal scrollbar, not even once
    opening a report makes the tree longer than the screen."""
    provinces = ["上海市", "云南省", "内蒙古自治区", "北京市", "吉林省", "四川省", "天津市", "宁夏回族自治区",
                 "安徽省", "山东省", "山西省", "广东省", "广西壮族自治区", "新疆维吾尔自治区", "江苏省", "江西省"]
    body = BODY.replace("二、2025年工作安排", "二、2025年经济社会发展总体要求和政策取向")
    reports = {f"2025年{name}政府工作报告.txt": f"2025年{name}政府工作报告\n\n{body}" for name in provinces}
    folder = write_reports(tmp_path / "lib", reports)
    app = build_app(SimpleNamespace(paths=[folder], index_dir=None, themes_file=None, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        tree = main_screen(app).query_one(SectionTree)
        for report in tree.root.children[0].children[:2]:
            report.expand()
            await pilot.pause()
        await settle(app, pilot)
        assert tree.show_vertical_scrollbar
        assert not tree.show_horizontal_scrollbar
