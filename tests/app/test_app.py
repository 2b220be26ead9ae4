"""Pilot tests of the explorer app on the bundled samples and small libraries."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from helpers import write_reports
from pilot import SIZE, main_screen, make_app, palette_query, settle, type_query
from rich.console import Console

from explorer.screens.help import HelpScreen
from explorer.screens.main import MainScreen
from explorer.state import state_path
from explorer.widgets.reader import Reader
from explorer.widgets.search_pane import ResultsList, SearchBox
from explorer.widgets.section_tree import SectionTree
from explorer.widgets.theme_panel import ThemePanel


async def test_first_run_indexes_the_samples_and_opens_the_newest():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert [r.year for r in screen.reports] == [2025, 2024]
        reader = screen.query_one(Reader)
        assert reader.report.year == 2025
        assert reader.virtual_size.height > 10


async def test_a_newer_report_indexed_later_replaces_the_one_opened_by_default(tmp_path):
    from helpers import REPORTS, THEMES

    from index.library import Library

    zh_2024, en_2025 = "2024年政府工作报告.txt", "GR2025_en.txt"
    folder = write_reports(tmp_path / "lib", {zh_2024: REPORTS[zh_2024]})
    library = Library(None, THEMES)
    library.update([folder])
    library.close()
    write_reports(folder, {en_2025: REPORTS[en_2025]})  # new since the last run: indexed at launch
    app = make_app(paths=[folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert [r.year for r in screen.reports] == [2025, 2024]
        assert screen.query_one(Reader).report.year == 2025


async def _until(pilot, condition, seconds: float = 20) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


@pytest.mark.parametrize("searched_first", [False, True], ids=["search-after-opening", "search-before-any-report"])
async def test_a_newer_report_indexed_later_leaves_the_reader_alone_once_the_user_searched(tmp_path, monkeypatch,
                                                                                          searched_first):
    import threading

    from helpers import REPORTS, THEMES

    from explorer.services.library import LibraryService
    from index.library import Library

    zh_2024, en_2025 = "2024年政府工作报告.txt", "GR2025_en.txt"
    folder = write_reports(tmp_path / "lib", {zh_2024: REPORTS[zh_2024]})
    library = Library(None, THEMES)
    library.update([folder])
    library.close()
    write_reports(folder, {en_2025: REPORTS[en_2025]})
    go_on = threading.Event()
    index = LibraryService.index

    def held_index(self, paths, progress):  # the indexer commits only once the user has searched
        go_on.wait(20)
        return index(self, paths, progress)

    monkeypatch.setattr(LibraryService, "index", held_index)
    reports = LibraryService.reports
    listed = threading.Event()

    def held_reports(self):  # with searched_first, the first report shows only after the search
        listed.wait(20)
        return reports(self)

    if searched_first:
        monkeypatch.setattr(LibraryService, "reports", held_reports)
    else:
        listed.set()
    app = make_app(paths=[folder])
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        if not searched_first:
            await _until(pilot, lambda: reader.report is not None and screen.indexing)
            assert reader.report.year == 2024
        await pilot.press("slash", *"carbon")
        listed.set()
        await _until(pilot, lambda: screen.result is not None and screen.result.request.query == "carbon")
        await _until(pilot, lambda: reader.report is not None and screen.indexing)
        assert reader.report.year == 2024
        go_on.set()
        await _until(pilot, lambda: not screen.indexing)
        await settle(app, pilot)
        assert [r.year for r in screen.reports] == [2025, 2024]
        assert reader.report.year == 2024  # the user's search did not lose its place


async def test_search_and_open_a_hit():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "carbon")
        screen = main_screen(app)
        results = screen.query_one(ResultsList)
        assert screen.result.total == len(results.hits) > 0
        await pilot.press("enter")  # from the box to the results
        assert app.focused is results
        results.highlighted = 1
        await pilot.press("enter")
        await settle(app, pilot)
        hit = results.hits[1]
        reader = screen.query_one(Reader)
        assert app.focused is reader
        assert reader.report.id == hit.report
        assert reader.current.number == hit.paragraph
        assert reader.spans.get(hit.paragraph)  # highlighted in the reader


async def test_every_listed_hit_arrives_and_the_status_count_follows_the_pause():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "development")  # settle waits for typing's pause
        screen = main_screen(app)
        results = screen.query_one(ResultsList)
        listed_at_once = results.scrollable_content_region.height // 3 + 1
        assert len(results.hits) > listed_at_once  # some of them came after the first frame
        assert results.option_count == len(results.hits)
        assert screen.status.results == f"{screen.result.total:,} hits"
        results.highlighted = results.option_count - 1
        prompt = str(results.get_option_at_index(results.option_count - 1).prompt)
        assert str(results.hits[-1].year) in prompt


async def test_a_query_longer_than_the_box_scrolls_to_its_end():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"carbon neutrality and pollution control in the river basins")
        await settle(app, pilot)
        box = main_screen(app).query_one(SearchBox)
        assert box.cursor_position == len(box.value)
        assert box.scroll_x > 0 and box.scroll_x == box.max_scroll_x
        assert "basins" in "".join(s.text for s in box.render_line(0))


async def test_query_error_shown_inline_and_recent_queries_recalled():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "carbon")
        await pilot.press("enter")
        await type_query(app, pilot, 'NOT carbon')
        screen = main_screen(app)
        error = screen.query_one("#search-error")
        assert screen.result.error and error.display
        box = screen.query_one(SearchBox)
        await pilot.press("up")
        assert box.value == "carbon"


async def test_n_and_N_walk_hits_across_reports():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "carbon")
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        reader.focus()
        order = screen.ordered_locations
        assert len({r for r, _ in order}) == 2
        seen = []
        for _ in range(len(order)):
            await pilot.press("n")
            await settle(app, pilot)
            seen.append((reader.report.id, reader.current.number))
        assert sorted(seen) == sorted(order)
        assert seen == order[len(order) - len(seen):] or set(seen) == set(order)
        await pilot.press("N")
        await settle(app, pilot)
        assert (reader.report.id, reader.current.number) == seen[-2]


async def test_n_starts_at_the_top_of_the_results_and_follows_the_list():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        results = screen.query_one(ResultsList)
        for query in ("carbon", "pollution"):  # each new search starts again at the top
            await type_query(app, pilot, query)
            listed = list(dict.fromkeys((h.report, h.paragraph) for h in results.hits))
            assert len(listed) >= 3
            reader.focus()
            seen = []
            for _ in listed:
                await pilot.press("n")
                await settle(app, pilot)
                seen.append((reader.report.id, reader.current.number))
            assert seen == listed
            places = len(set(screen.result.locations))  # the walk and the count above the results agree
            assert f"¶ {len(listed)}/{places} with hits" in str(screen.query_one("#status").render())
            assert f"{places} paragraph" in str(screen.query_one("#search-count").render())
        await pilot.press("slash", "enter")  # to the results; open the second place listed, n goes on to the third
        await settle(app, pilot)
        assert app.focused is results
        results.highlighted = [(h.report, h.paragraph) for h in results.hits].index(listed[1])
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert (reader.report.id, reader.current.number) == listed[2]
        await pilot.press("N", "N")
        await settle(app, pilot)
        assert (reader.report.id, reader.current.number) == listed[0]


async def test_theme_toggle_changes_results_and_counts():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        panel = screen.query_one(ThemePanel)
        assert sum(panel.counts.values()) > 0  # paragraph counts with no query
        no_query_counts = dict(panel.counts)
        await type_query(app, pilot, "carbon")
        assert panel.counts != no_query_counts
        unfiltered = screen.result.total
        assert not panel.display  # hidden at this size: the counts wait for it
        await pilot.press("escape", "t")
        await pilot.pause()
        assert panel.display and app.focused is panel
        shown = {t.id: str(panel.get_option_at_index(i).prompt) for i, t in enumerate(panel.themes)}
        assert all(f" {n:,} " in shown[tid] for tid, n in panel.counts.items())  # the query's counts, on show
        theme = next(t for t in panel.themes if panel.counts.get(t.id))
        panel.highlighted = panel.themes.index(theme)
        await pilot.press("space")
        await settle(app, pilot)
        assert screen.theme_filter == (theme.id,)
        assert screen.result.total == panel.counts[theme.id] <= unfiltered
        assert all(theme.id in h.themes for h in screen.result.hits)
        assert "paragraphs" in str(screen.query_one("#search-count").render())
        other = next(t for t in panel.themes if t.id != theme.id)
        panel.toggle(other.id)
        await settle(app, pilot)
        any_total = screen.result.total
        await pilot.press("s")
        await settle(app, pilot)
        assert screen.theme_mode == "all" and screen.result.total <= any_total
        tree = screen.query_one(SectionTree)
        assert tree.filtered


async def test_theme_panel_keys_leave_select_and_annotate_to_the_reader():
    from explorer.screens.annotate import AnnotateScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        panel, reader = screen.query_one(ThemePanel), screen.query_one(Reader)
        await pilot.press("t")
        assert app.focused is panel
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, AnnotateScreen) and screen.theme_mode == "any"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.focused is panel
        await pilot.press("v")
        assert app.focused is reader and reader.selection is not None
        panel.focus()
        assert panel.border_subtitle == "s: any/all"
        await pilot.press("s")
        await settle(app, pilot)
        assert screen.theme_mode == "all"


def test_no_pane_binds_a_key_of_the_screen_or_the_app():
    """A pane's own keys would shadow the explorer's keys while it has the focus."""
    from explorer.app import ReportxApp
    from explorer.widgets.annotations_panel import AnnotationsPanel

    def keys(owner) -> set[str]:
        return {k.strip() for b in owner.BINDINGS for k in b.key.split(",")}

    everywhere = keys(ReportxApp) | keys(MainScreen)
    allowed = {
        Reader: {"escape"},  # only while a selection is made, else it goes on to the screen
        AnnotationsPanel: {"o"},  # orphans; the screen's o (to the reader) has Escape beside it
    }
    for pane in (Reader, SectionTree, SearchBox, ResultsList, ThemePanel, AnnotationsPanel):
        assert keys(pane) & everywhere <= allowed.get(pane, set()), pane.__name__


async def test_tree_navigation_opens_sections():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        tree = screen.query_one(SectionTree)
        tree.focus()
        report_2024 = tree.report_node("sample-2024-gwr-environment")
        assert report_2024 is not None
        report_2024.expand()
        await pilot.pause()
        section = report_2024.children[1]
        tree.move_cursor(section)
        await pilot.press("enter")
        await settle(app, pilot)
        reader = screen.query_one(Reader)
        assert reader.report.id == "sample-2024-gwr-environment"
        assert reader.current.number == section.data.first
        assert app.focused is reader
        before = reader.current.section
        await pilot.press("right_square_bracket")
        assert reader.current.section != before
        await pilot.press("left_square_bracket")
        assert reader.current.section == before
        await pilot.press("G")
        assert reader.cursor == len(reader.paragraphs) - 1
        await pilot.press("g", "j")
        assert reader.cursor == 1


async def test_screen_batch_works_with_textuals_own_lock():
    # batch() takes Widget.lock: an attribute of that name on the screen would replace it.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        async with screen.batch():
            screen.action_toggle_tree()
        await pilot.pause()
        assert not screen.query_one(SectionTree).display


async def test_palette_has_each_key_once_with_its_key_name():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles))
        assert commands["Search"] == "key: /" and commands["Annotate"] == "key: a"
        assert commands["Annotated only"] == "key: Ctrl+N"


async def test_help_is_generated_from_bindings():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.table)
        text = console.export_text()
        assert "Next hit" in text and "Toggle theme" in text and "Quit" in text
        for bindings in (MainScreen.BINDINGS, ThemePanel.BINDINGS, Reader.BINDINGS):
            first = {}
            for binding in bindings:
                first.setdefault(binding.action, binding.description)
            for description in first.values():
                assert description in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_broken_themes_file_still_starts(tmp_path):
    bad = tmp_path / "themes.yaml"
    bad.write_text("themes:\n  - id: x\n    label: [unclosed\n", encoding="utf-8")
    app = make_app(themes_file=bad)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = [n.message for n in app.notices]
        assert any(str(bad) in m for m in messages)
        screen = main_screen(app)
        assert screen.reports and not screen.themes
        await type_query(app, pilot, "carbon")
        assert screen.result.total > 0


async def test_unreadable_file_is_skipped_with_a_notification(tmp_path):
    folder = write_reports(tmp_path / "lib")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00" + bytes(range(0, 32)) * 50)
    secret = folder / "secret.txt"
    secret.write_text("政府工作报告\n\n保密。\n", encoding="utf-8")
    secret.chmod(0)
    try:
        app = make_app(paths=[folder])
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            screen = main_screen(app)
            assert len(screen.reports) >= 2
            titles = [n.title for n in app.notices]
            if os.geteuid() != 0:
                assert "Skipped" in titles
    finally:
        secret.chmod(0o644)


async def test_empty_library_says_so(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    app = make_app(paths=[empty])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.reports == []
        assert any("No reports" in n.message for n in app.notices)
        await type_query(app, pilot, "carbon")  # still usable
        assert screen.result.total == 0


async def test_state_remembered_across_runs():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        screen.open_report("sample-2024-gwr-environment", 12)
        await settle(app, pilot)
        await pilot.press("j")
        await pilot.press("q")
    saved = json.loads(state_path().read_text(encoding="utf-8"))
    assert saved["report"] == "sample-2024-gwr-environment" and saved["paragraph"] == 13

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        reader = main_screen(app).query_one(Reader)
        assert reader.report.id == "sample-2024-gwr-environment"
        assert reader.current.number == 13


async def test_report_text_is_never_markup(tmp_path):
    folder = write_reports(tmp_path / "lib", {
        "2030年政府工作报告.txt": "政府工作报告\n\n一、回顾\n\n[bold]不是粗体[/bold] 和 \x1b[31m红色\x1b[0m 都照原样显示。\n",
    })
    app = make_app(paths=[folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        reader = main_screen(app).query_one(Reader)
        lines = "".join(s.text for i in range(len(reader.paragraphs)) for line in reader.drawn_lines(i) for s in line)
        assert "[bold]不是粗体[/bold]" in lines
        assert "\x1b" not in lines and "␛[31m" in lines


async def test_damaged_index_is_rebuilt_with_a_notification(tmp_path, monkeypatch):
    from helpers import make_library

    lib = make_library(tmp_path)
    lib.close()
    index_dir = tmp_path / "index"
    for f in index_dir.iterdir():
        if f.suffix in (".seg", ".toc") or "_" in f.name and f.suffix not in (".json",):
            f.write_bytes(b"garbage")
    monkeypatch.setenv("REPORTX_INDEX_DIR", str(index_dir))
    app = make_app(index_dir=index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert any("damaged" in n.message for n in app.notices)
        assert len(main_screen(app).reports) == 2  # rebuilt from the remembered folder


async def test_locked_index_is_reported_and_the_app_keeps_working(tmp_path, monkeypatch):
    import index.library as library_module

    monkeypatch.setattr(library_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    folder = write_reports(tmp_path / "lib")
    holder = library_module.Library(None, [])
    writer = holder._ix.writer()  # another process is indexing
    try:
        app = make_app(paths=[folder])
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert any("another reportx process" in n.message for n in app.notices)
            await type_query(app, pilot, "carbon")
            assert main_screen(app).result.total == 0
    finally:
        writer.cancel()
        holder.close()


async def test_command_palette_opens_a_report_and_toggles_a_theme():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        await pilot.press("ctrl+p")
        await palette_query(app, pilot, "Open report: 2024")
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.query_one(Reader).report.year == 2024
        theme = screen.themes[0]
        await pilot.press("ctrl+p")
        await palette_query(app, pilot, f"Toggle theme: {theme.label}")
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.theme_filter == (theme.id,)


async def test_results_list_is_capped_but_n_reaches_every_hit(monkeypatch):
    from explorer.widgets import search_pane

    monkeypatch.setattr(search_pane, "RESULTS_SHOWN", 3)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "carbon")
        screen = main_screen(app)
        results = screen.query_one(ResultsList)
        total = screen.result.total
        assert total > 3 and len(results.hits) == 3
        places = len(set(screen.result.locations))
        assert f"showing 3 of {total} hits in {places} paragraphs" in str(screen.query_one("#search-count").render())
        order = screen.ordered_locations
        from index.search import SearchRequest, search

        hits = search(screen.library.library, SearchRequest("carbon", limit=0)).hits
        headings = {(h.report, h.paragraph) for h in hits if h.heading}
        assert headings and set(order) == {(h.report, h.paragraph) for h in hits}  # a heading hit: its section
        listed = {(h.report, h.paragraph) for h in results.hits}
        reader = screen.query_one(Reader)
        reader.focus()
        seen = []
        for _ in range(total):
            await pilot.press("n")
            await settle(app, pilot)
            here = (reader.report.id, reader.current.number)
            seen.append(here)
            assert reader.spans.get(here[1]) or here in headings  # highlighted, listed or not
        assert set(seen) == set(order) and set(seen) - listed


async def test_single_chinese_character_waits_for_enter(tmp_path):
    app = make_app(paths=[write_reports(tmp_path / "lib")])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        await type_query(app, pilot, "碳")
        assert screen.result is None or screen.result.request.query != "碳"
        assert "another character" in str(screen.query_one("#search-count").render())
        await pilot.press("enter")  # Enter searches it anyway
        await settle(app, pilot)
        assert screen.result.request.query == "碳" and screen.result.total > 0
        assert app.focused is screen.query_one(ResultsList)
        await type_query(app, pilot, "碳达")  # two characters search as you type
        assert screen.result.request.query == "碳达" and screen.result.total > 0


async def test_digest_is_offered_in_the_exports_folder_not_the_working_directory(tmp_path, monkeypatch):
    from textual.widgets import Input

    from explorer.screens.digest_export import DigestExportScreen
    from index.paths import export_dir

    cwd = tmp_path / "somewhere"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "carbon")
        await pilot.press("escape", "D")
        await pilot.pause()
        assert isinstance(app.screen, DigestExportScreen)
        offered = Path(app.screen.query_one(Input).value)
        assert offered.parent == export_dir() and export_dir().is_relative_to(tmp_path / "home")
        await pilot.press("enter")
        await settle(app, pilot)
        assert offered.is_file() and "carbon" in offered.read_text(encoding="utf-8").lower()
        assert not list(cwd.iterdir())


async def test_new_highlights_redraw_only_the_lines_they_change(monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        reader = main_screen(app).query_one(Reader)
        drawn: list[int] = []
        render_line = Reader.render_line
        monkeypatch.setattr(Reader, "render_line", lambda self, y: drawn.append(y) or render_line(self, y))
        first, last = 0, len(reader.paragraphs) - 1
        in_view, far = reader.paragraphs[first].number, reader.paragraphs[last].number
        reader.set_marks({far: [(0, 2)]}, None)  # a highlight out of view: nothing to redraw
        await pilot.pause()
        assert drawn == []
        reader.set_marks({far: [(0, 2)], in_view: [(0, 1)]}, None)
        await pilot.pause()
        block = reader._blocks[first]
        assert drawn and set(drawn) <= set(range(block.first_line, block.first_line + len(block.lines)))
        hit = reader.get_component_rich_style("reader--hit", partial=True)
        assert hit.bgcolor is not None
        for index in (first, last):  # the far one is rendered with its highlight when drawn
            text = reader.drawn_lines(index)[reader.text_line_of(index) - reader._blocks[index].first_line]
            assert any(seg.style and seg.style.bgcolor == hit.bgcolor for seg in text), index
