"""At 80x24 every pane and dialog stays readable: theme names, the annotate dialog's
buttons, the status line's paragraph number."""

from __future__ import annotations

from pilot import main_screen, make_app, settle
from rich.cells import cell_len
from textual.widgets import Button, RadioButton

from explorer.screens.annotate import AnnotateScreen
from explorer.widgets.status_bar import StatusBar
from explorer.widgets.theme_panel import ThemePanel

SMALL = (80, 24)


async def test_theme_names_use_the_panels_width():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        panel = main_screen(app).query_one(ThemePanel)
        width = panel.scrollable_content_region.width
        for i, theme in enumerate(panel.themes):
            prompt = panel.get_option_at_index(i).prompt
            assert prompt.cell_len <= width
            if not prompt.plain.endswith(theme.label):  # cut: only where the panel ends
                assert prompt.cell_len == width and prompt.plain.endswith("…")
                assert len(prompt.plain) - prompt.plain.index(theme.label[:6]) >= 12, prompt.plain


async def test_annotate_dialog_shows_every_button_label():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotateScreen)
        for button in dialog.query(Button):
            assert button.content_size.height >= 1 and button.content_size.width >= cell_len(str(button.label))
            assert dialog.region.contains_region(button.region)
        for radio in dialog.query(RadioButton):
            assert radio.content_size.width >= cell_len("▐●▌ ") + cell_len(radio.label.plain), radio.label.plain


async def test_status_line_keeps_the_paragraph_number():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        status = main_screen(app).query_one(StatusBar)
        status.location = "2025年内蒙古自治区政府工作报告 › 二、2025年工作安排 › （三）大力推进生态文明建设 ¶42"
        status.progress, status.progress_item = "indexing 12/109", "2025年内蒙古自治区政府工作报告.txt"
        status.results = "1,234 hits in the 12 reports searchable so far"
        line = status.render()
        assert line.cell_len <= status.content_size.width
        assert line.plain.endswith(" ¶42") and "…" in line.plain and "indexing 12/109" in line.plain
        assert ".txt" not in line.plain  # the file being indexed gave way first
        status.results = "1,234 hits"
        assert status.render().plain.endswith("（三）大力推进生态文明建设 ¶42")


def test_status_line_gives_way_from_its_least_useful_end():
    from explorer.widgets.status_bar import status_line

    location = "Report › I. A Review › 1. Growth ¶7"
    assert status_line(0, "indexing 1/2", "a.txt", "3 hits", "", location).plain == \
        " indexing 1/2 a.txt  3 hits  Report › I. A Review › 1. Growth ¶7"
    assert status_line(60, "indexing 1/2", "a.txt", "3 hits", "", location).plain == \
        " indexing 1/2  3 hits  Report › I. A Review › 1. Growth ¶7"
    assert status_line(40, "indexing 1/2", "a.txt", "3 hits", "", location).plain == \
        " indexing 1/2  3 hits  … › 1. Growth ¶7"
    assert status_line(30, "", "", "", "", "一二三四五六七八九十一二三四五六七八 ¶7").plain == "一二三四五六七八九十一二三… ¶7"
    assert status_line(30, "", "", "", "", "Report › 一二三四五六七八九十一二三四五六七八 ¶7").plain == \
        "… › 一二三四五六七八九十一… ¶7"


def test_breakpoint_classes_are_the_ones_textual_gives_on_resize():
    """The main screen starts with its size's classes (explorer.layout.breakpoint_classes):
    they must be the ones Textual's resize handler would set, or the first frame is styled wrong."""
    from textual.screen import Screen

    from explorer.layout import HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS, breakpoint_classes

    screen = Screen()
    for width, height in [(1, 1), (80, 24), (99, 31), (100, 32), (179, 50), (180, 60), (400, 120)]:
        textual = (screen._get_breakpoint_classes(width, HORIZONTAL_BREAKPOINTS)
                   | screen._get_breakpoint_classes(height, VERTICAL_BREAKPOINTS))
        assert set(breakpoint_classes(width, height)) == textual, (width, height)


async def test_the_main_screen_starts_with_its_sizes_classes():
    for size, classes in [(SMALL, {"-narrow", "-short"}), ((200, 50), {"-very-wide", "-tall"})]:
        app = make_app()
        async with app.run_test(size=size):
            assert classes <= app.get_default_screen().classes  # before it is mounted
