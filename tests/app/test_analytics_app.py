"""Pilot tests of the analysis screen on a small library written in the test."""

from __future__ import annotations

import csv
import json
from types import SimpleNamespace

import pytest
from analytics_support import PROVINCIAL, REPORTS
from helpers import write_reports
from pilot import settle
from textual.widgets import DataTable, Input, Static, TabbedContent, Tabs

from explorer.launch import build_app
from explorer.screens.analysis import AnalysisScreen
from explorer.screens.main import MainScreen
from explorer.widgets.reader import Reader

SIZE = (120, 40)


@pytest.fixture
def app(tmp_path):
    folder = write_reports(tmp_path / "r", REPORTS)
    return build_app(SimpleNamespace(paths=[folder], index_dir=None, themes_file=None))


async def open_analysis(app, pilot, query: str = "新质生产力") -> AnalysisScreen:
    await settle(app, pilot)
    if query:
        await pilot.press("slash", *query)
        await settle(app, pilot)
    await pilot.press("escape", "y")
    await settle(app, pilot)
    assert isinstance(app.screen, AnalysisScreen)
    return app.screen


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_trend_of_the_current_query_lists_a_years_hits(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(app, pilot)
        assert screen.query_one("#analysis-query", Input).value == "新质生产力"
        table = screen.query_one("#trend-table", DataTable)
        years = {r[1]: r[3] for r in rows(table)}
        assert years == {"2020": "0", "2023": "0", "2024": "3"}
        assert table.cursor_row == 2  # the latest year with matches, its hits listed
        hits = screen.query_one("#trend-hits", DataTable)
        assert hits.row_count == 2 and screen.trend_hits[0][1] == 7
        table.move_cursor(row=0)
        await pilot.pause()
        assert hits.row_count == 0
        assert "3 matches of 新质生产力" in str(screen.query_one("#analysis-status", Static).render())


async def test_concordance_sorts_and_enter_opens_the_place_in_the_reader(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        assert screen.query_one(TabbedContent).active == "kwic"
        table = screen.query_one("#kwic-table", DataTable)
        assert table.row_count == 3 and all(r[4] == "新质生产力" for r in rows(table))
        assert app.focused is table
        await pilot.press("s")  # by left context, nearest character first
        assert screen.sort == "left"
        lefts = [line.left[::-1] for line in screen.lines]
        assert lefts == sorted(lefts)
        table.move_cursor(row=2)
        place = (screen.lines[2].report, screen.lines[2].paragraph)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        reader = app.screen.query_one(Reader)
        assert (reader.report.id, reader.current.number) == place


async def test_targets_tab_shows_the_clause_of_a_value(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(app, pilot, query="")
        assert "Type a term" in str(screen.query_one("#analysis-status", Static).render())
        await pilot.press("5")
        await settle(app, pilot)
        table = screen.query_one("#targets-table", DataTable)
        assert [r[:3] for r in rows(table)][:2] == [["2024", "en", "around 5 percent"], ["2024", "zh", "5%左右"]]
        assert rows(table)[-1][2] == "no target"  # 2020
        assert "growth of around 5 percent" in str(screen.query_one("#targets-clause", Static).render())  # at once
        table.move_cursor(row=1, column=2)
        await pilot.pause()
        clause = str(screen.query_one("#targets-clause", Static).render())
        assert "国内生产总值增长5%左右" in clause


async def test_new_expressions_tab_and_other_years(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        table = screen.query_one("#new-table", DataTable)
        assert rows(table)[0][0] == "新质生产力" and screen.year == 2024
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert screen.year == 2023 and screen.novelty.year == 2023
        await pilot.press("left_square_bracket")  # 2020 has nothing earlier: stays
        await settle(app, pilot)
        assert screen.year == 2023


async def test_exports_write_the_data_behind_each_view(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(app, pilot)
        screen.export_dir = tmp_path
        await pilot.press("e")
        await pilot.pause()
        with open(tmp_path / "reportx-trend-新质生产力.csv", encoding="utf-8") as f:
            data = list(csv.DictReader(f))
        assert {r["year"]: r["count"] for r in data} == {"2020": "0", "2023": "0", "2024": "3"}
        await pilot.press("2")
        await settle(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        lines = json.loads((tmp_path / "reportx-kwic-新质生产力.json").read_text(encoding="utf-8"))["lines"]
        assert len(lines) == 3 and {line["hit"] for line in lines} == {"新质生产力"}


async def test_a_new_query_and_a_bad_one(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(app, pilot)
        await pilot.press("slash")
        box = screen.query_one("#analysis-query", Input)
        box.value = ""
        await pilot.press(*"碳达峰;数字经济", "enter")
        await settle(app, pilot)
        assert [s.label for s in screen.trend.series] == ["碳达峰", "数字经济"]
        await pilot.press("slash")
        box.value = ""
        await pilot.press(*"NOT x", "enter")
        await settle(app, pilot)
        assert "NOT" in str(screen.query_one("#analysis-status", Static).render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)


async def test_works_at_80x24_with_the_mouse(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_analysis(app, pilot)
        assert not screen.has_class("wide")
        await pilot.click("#analysis-tabs Tab#--content-tab-kwic")
        await settle(app, pilot)
        assert screen.query_one(TabbedContent).active == "kwic"
        assert screen.query_one("#kwic-table", DataTable).row_count == 3


async def test_tabs_by_number_and_by_arrow_keys_on_the_tab_bar(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_analysis(app, pilot)
        shown = {key: b.enabled for key, b in screen.active_bindings.items() if b.binding.show}
        assert all(shown[k] for k in "12345")  # in the footer, as one group
        assert shown["k"] and "s" not in shown  # by kind is the trend's key, sort the concordance's
        await pilot.press("shift+tab")  # from the table to the tab bar
        assert isinstance(app.focused, Tabs)
        await pilot.press("right")
        await settle(app, pilot)
        assert screen.query_one(TabbedContent).active == "kwic"
        assert screen.query_one("#kwic-table", DataTable).row_count == 3
        assert "s" in screen.active_bindings and "k" not in screen.active_bindings
        await pilot.press("left", "left")
        await settle(app, pilot)
        assert screen.query_one(TabbedContent).active == "targets"  # round the end
        await pilot.press("3")
        await settle(app, pilot)
        assert screen.query_one(TabbedContent).active == "collocates"
        commands = [c.title for c in app.get_system_commands(screen)]
        assert "Analysis screen: Trend" in commands and "Analysis screen: Sort" not in commands
        await pilot.press("1")  # the trend's own status line comes back with it
        await settle(app, pilot)
        assert "· national reports ·" in str(screen.query_one("#analysis-status", Static).render())


async def test_trend_counts_national_reports_and_k_splits_by_kind(tmp_path):
    folder = write_reports(tmp_path / "r", {**REPORTS, **PROVINCIAL})
    app = build_app(SimpleNamespace(paths=[folder], index_dir=None, themes_file=None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(app, pilot)
        table = screen.query_one("#trend-table", DataTable)
        assert {r[1]: r[3] for r in rows(table)} == {"2020": "0", "2023": "0", "2024": "3"}
        assert "· national reports ·" in str(screen.query_one("#analysis-status", Static).render())
        await pilot.press("k")
        await settle(app, pilot)
        assert {(r[1], r[3]): r[4] for r in rows(table)}[("2024", "provincial")] == "3"
        [row] = [i for i, r in enumerate(rows(table)) if r[3] == "provincial"]
        table.move_cursor(row=row)
        await pilot.pause()
        hits = rows(screen.query_one("#trend-hits", DataTable))
        assert len(hits) == 2 and all("浙江" in h[0] for h in hits)
        await pilot.press("k")
        await settle(app, pilot)
        assert len(rows(table)) == 3


async def reader_at(app, pilot, name: str, text: str) -> Reader:
    """The reader on the paragraph that starts with `text` of the report whose file name starts with `name`, focused."""
    await settle(app, pilot)
    screen = app.screen
    [report] = [r for r in screen.reports if r.path.rsplit("/", 1)[-1].startswith(name)]
    screen.open_report(report.id, None)
    await settle(app, pilot)
    reader = screen.query_one(Reader)
    [number] = [p.number for p in reader.paragraphs if p.text.startswith(text)]
    reader.go_to(number)
    reader.focus()
    await pilot.pause()
    return reader


async def test_trend_and_concordance_of_a_selection_in_the_reader(app):
    async with app.run_test(size=SIZE) as pilot:
        reader = await reader_at(app, pilot, "2020", "国内生产总值增长6.1%")
        await pilot.press("v")
        assert reader.selected_text() == "国内生产总值增长6.1%。"
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Analysis (trend)" in commands and "Concordance" in commands
        await pilot.press("Y")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AnalysisScreen) and screen.query_one(TabbedContent).active == "kwic"
        assert screen.query_one("#analysis-query", Input).value == "国内生产总值增长6.1%"
        assert [(x.year, x.hit) for x in screen.lines] == [(2020, "国内生产总值增长6.1%")]
        await pilot.press("enter")  # back to the place in the reader
        await settle(app, pilot)
        assert app.screen.query_one(Reader).current.text.startswith("国内生产总值增长6.1%")


async def test_a_selected_sentence_is_cut_down_to_a_term_first(app):
    async with app.run_test(size=SIZE) as pilot:
        await reader_at(app, pilot, "2023", "发展数字经济")
        await pilot.press("v", "y")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        box = screen.query_one("#analysis-query", Input)
        assert box.value == "发展数字经济，推进数字中国建设" and app.focused is box
        assert screen.trend is None and "cut it down" in str(screen.query_one("#analysis-status", Static).render())
        box.value = ""
        await pilot.press(*"数字经济", "enter")
        await settle(app, pilot)
        assert {r[1]: r[3] for r in rows(screen.query_one("#trend-table", DataTable))}["2024"] == "2"


async def test_y_without_a_selection_is_the_trend_of_the_query(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"碳达峰")
        await settle(app, pilot)
        reader = await reader_at(app, pilot, "2024", "国内生产总值增长5.2%")
        assert reader.selection is None
        await pilot.press("y")
        await settle(app, pilot)
        assert app.screen.query_one("#analysis-query", Input).value == "碳达峰"
