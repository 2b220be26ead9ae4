"""The compare screen in the real app (Pilot): side by side or inline, change and section jumps, summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_samples import NAMES, NEW, OLD
from pilot import make_app, settle
from textual.widgets import OptionList, Static

from explorer.screens.compare import CompareScreen
from explorer.widgets.diff_view import DiffView


def write_pair(folder: Path, old: str = OLD, new: str = NEW) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = (folder / NAMES[0], folder / NAMES[1])
    paths[0].write_text(old, encoding="utf-8")
    paths[1].write_text(new, encoding="utf-8")
    return paths


async def open_compare(app, pilot, old: Path, new: Path) -> DiffView:
    await settle(app, pilot)
    await app.push_screen(CompareScreen(str(old), str(new)))
    await settle(app, pilot)
    assert isinstance(app.screen, CompareScreen)
    return app.screen.query_one(DiffView)


def lines(view: DiffView) -> list[str]:
    return [strip.text for strip in view.lines]


async def test_side_by_side_rows_keep_old_and_new_on_the_same_lines(tmp_path):
    old, new = write_pair(tmp_path / "r")
    app = make_app([tmp_path / "r"])
    async with app.run_test(size=(160, 45)) as pilot:
        view = await open_compare(app, pilot, old, new)
        assert view.side_by_side
        row = next(t for t in lines(view) if "居民消费价格涨幅3%左右" in t)
        assert "居民消费价格涨幅2%左右" in row and row.index("3%") < row.index("2%")
        assert row.count("~") == 1  # the gutter sign between the columns
        # One scroll position serves both columns: a wrapped row takes the same lines on each side.
        assert all(s.cell_length == view.lines[0].cell_length for s in view.lines)


async def test_narrow_screen_shows_one_column_with_inline_marks(tmp_path):
    old, new = write_pair(tmp_path / "r")
    app = make_app([tmp_path / "r"])
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_compare(app, pilot, old, new)
        assert not view.side_by_side
        assert any("居民消费价格涨幅3%2%左右" in t for t in lines(view))  # deleted, then inserted, in place
        assert any(t.startswith("+ 稳定和扩大就业") for t in lines(view))


async def test_next_and_previous_change_and_sections(tmp_path):
    old, new = write_pair(tmp_path / "r")
    app = make_app([tmp_path / "r"])
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_compare(app, pilot, old, new)
        status = app.screen.query_one("#compare-status", Static)
        total = len(view.changes)
        assert total == 13
        await pilot.press("n")
        assert view.current == 0 and f"change 1 of {total}" in str(status.render())
        await pilot.press("n", "n")
        assert view.current == 2
        assert view.scroll_offset.y == max(0, view.changes[2].first - 1)
        await pilot.press("N")
        assert view.current == 1
        for _ in range(total + 2):
            await pilot.press("n")
        assert view.current == total - 1
        await pilot.press("g", "right_square_bracket")
        first_section = view.scroll_offset.y
        await pilot.press("right_square_bracket")
        assert view.scroll_offset.y > first_section and view.scroll_offset.y in view.section_lines
        await pilot.press("left_square_bracket")
        assert view.scroll_offset.y == first_section


async def test_summary_lists_sections_and_jumps(tmp_path):
    old, new = write_pair(tmp_path / "r")
    app = make_app([tmp_path / "r"])
    async with app.run_test(size=(160, 45)) as pilot:
        view = await open_compare(app, pilot, old, new)
        await pilot.press("s")
        summary = app.screen.query_one("#compare-summary", OptionList)
        assert summary.display and summary.has_focus
        comparison = app.screen.comparison
        assert summary.option_count == len(comparison.sections)
        labels = [str(summary.get_option_at_index(k).prompt) for k in range(summary.option_count)]
        assert any("(moved)" in label for label in labels) and any("(added)" in label for label in labels)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert view.has_focus
        assert view.scroll_offset.y == min(view.section_lines[-1], view.max_scroll_y)
        await pilot.press("u")
        await pilot.pause()
        assert not any(t.strip().startswith("国际收支基本平衡") for t in lines(view))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_report_text_is_data_and_a_bad_file_is_one_line(tmp_path):
    old, new = write_pair(tmp_path / "r", OLD.replace("国际收支基本平衡。", "[bold red]国际收支[/bold red]基本平衡。"))
    app = make_app([tmp_path / "r"])
    async with app.run_test(size=(160, 45)) as pilot:
        view = await open_compare(app, pilot, old, new)
        assert any("[bold red]国际收支[/bold red]基本平衡。" in t for t in lines(view))
        await pilot.press("escape")
        await open_compare(app, pilot, tmp_path / "missing.txt", new)
        title = str(app.screen.query_one("#compare-title", Static).render())
        assert "missing.txt: file not found" in title


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_compare_snapshot(snap_compare, tmp_path, size):
    old, new = write_pair(tmp_path / "r")
    app = make_app([tmp_path / "r"])

    async def run_before(pilot) -> None:
        await open_compare(pilot.app, pilot, old, new)
        await pilot.press("n", "n", "n")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


# -- from the explorer ---------------------------------------------------------------


async def test_c_compares_the_open_report_with_the_year_before(tmp_path):
    write_pair(tmp_path / "r")
    app = make_app([tmp_path / "r"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        main = app.screen
        newest = next(r for r in main.reports if r.year == 2025)
        main.open_report(newest.id, None)
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        comparison = app.screen.comparison
        assert (comparison.old.year, comparison.new.year) == (2024, 2025)
        await pilot.press("escape")
        older = next(r for r in main.reports if r.year == 2024)
        main.open_report(older.id, None)
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert app.screen is main  # nothing earlier than 2024: a notice, no screen


async def test_D_exports_the_results_as_a_digest(tmp_path):
    from html.parser import HTMLParser

    from test_app import type_query
    from textual.widgets import Input

    from explorer.screens.digest_export import DigestExportScreen

    write_pair(tmp_path / "r")
    app = make_app([tmp_path / "r"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "居民消费价格")
        await pilot.press("escape", "D")
        await pilot.pause()
        assert isinstance(app.screen, DigestExportScreen)
        target = tmp_path / "out" / "digest.html"
        target.parent.mkdir()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        page = target.read_text(encoding="utf-8")

        class Marks(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.in_mark, self.marks = False, []

            def handle_starttag(self, tag, attrs) -> None:
                self.in_mark = tag == "mark"

            def handle_endtag(self, tag) -> None:
                self.in_mark = False

            def handle_data(self, data) -> None:
                if self.in_mark:
                    self.marks.append(data)

        marks = Marks()
        marks.feed(page)
        assert marks.marks == ["居民消费价格"] * 4  # two paragraphs in each report
        assert page.index("2024年政府工作报告") < page.index("2025年政府工作报告")
