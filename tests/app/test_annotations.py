"""Pilot tests of annotations in the app: select, annotate, edit, delete, orphans, search."""

from __future__ import annotations

import json

from helpers import write_reports
from pilot import SIZE, main_screen, palette_query, settle, type_query
from pilot import make_app as build_app

from explorer.screens.annotate import AnnotateScreen
from explorer.widgets.annotations_panel import AnnotationsPanel, NoteResults
from explorer.widgets.reader import HIGHLIGHT_COLOURS, Reader

REPORT = "2030年政府工作报告.txt"
TEXT = ("政府工作报告\n\n一、回顾\n\n第一句很短。第二句在这里！第三句结束？\n\n"
        "下一段第一句。下一段第二句。\n\n二、任务\n\n最后一段讲蓝天保卫战。\n")


def make_app(tmp_path, text: str = TEXT):
    folder = write_reports(tmp_path / "lib", {REPORT: text})
    app = build_app([folder], notes_dir=tmp_path / "notes")
    return app


def notes_file(tmp_path, app):
    reader = main_screen(app).query_one(Reader)
    return tmp_path / "notes" / f"{reader.report.id}.json"


def selected_text(reader: Reader) -> str:
    start, end = reader.selected_range()
    report = main_screen(reader.app).notes.session.opened.report
    return report.text[start:end]


async def open_at(app, pilot, paragraph_text: str) -> Reader:
    await settle(app, pilot)
    reader = main_screen(app).query_one(Reader)
    reader.cursor = next(i for i, p in enumerate(reader.paragraphs) if p.text.startswith(paragraph_text))
    await pilot.pause()
    return reader


async def annotate(app, pilot, note: str = "", tags: str = "", colour_steps: int = 0) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, AnnotateScreen)
    if note:
        await pilot.press(*note)
    await pilot.press("tab")
    if tags:
        await pilot.press(*tags)
    if colour_steps:
        await pilot.press("tab")  # the colour choice
        for _ in range(colour_steps):
            await pilot.press("right")
        await pilot.press("enter")
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def test_select_a_sentence_and_extend_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_at(app, pilot, "第一句")
        assert selected_text(reader) == "第一句很短。第二句在这里！第三句结束？"  # the paragraph by default
        await pilot.press("v")
        assert selected_text(reader) == "第一句很短。"
        await pilot.press("l")
        assert selected_text(reader) == "第一句很短。第二句在这里！"
        await pilot.press("right", "l")  # across into the next paragraph
        assert selected_text(reader).endswith("结束？\n\n下一段第一句。")
        await pilot.press("h", "left")
        assert selected_text(reader) == "第一句很短。第二句在这里！"
        await pilot.press("j")  # to the end of the next paragraph
        assert selected_text(reader).endswith("下一段第二句。")
        assert reader.current.text.startswith("下一段")
        await pilot.press("k")
        assert selected_text(reader) == "第一句很短。第二句在这里！第三句结束？"
        styles = [seg.style for strip in reader.drawn_lines(reader.selection.first) for seg in strip]
        assert any(s and s.underline for s in styles)  # the selection is drawn
        await pilot.press("escape")
        assert reader.selection is None and app.focused is reader


async def test_add_a_note_then_edit_delete_and_undo(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_at(app, pilot, "第一句")
        await pilot.press("v", "l")
        await annotate(app, pilot, note="important", tags="economy, 目标", colour_steps=1)
        path = notes_file(tmp_path, app)
        saved = json.loads(path.read_text(encoding="utf-8"))
        [ann] = saved["annotations"]
        assert ann["quote"] == "第一句很短。第二句在这里！"
        assert ann["note"] == "important" and ann["kind"] == "note"
        assert ann["tags"] == ["economy", "目标"] and ann["colour"] == "green"
        assert saved["schema"] == "reportx-notes/1"
        assert reader.selection is None

        # the highlight is in the reader's rendered lines, with the note mark in the gutter
        segments = [seg for strip in reader.drawn_lines(reader.cursor) for seg in strip]
        green = [seg.text for seg in segments if seg.style and seg.style.bgcolor
                 and seg.style.bgcolor.name == HIGHLIGHT_COLOURS["green"]]
        assert "".join(green) == "第一句很短。第二句在这里！"
        assert any(seg.text == "✎" for seg in segments)

        await pilot.press("A")
        panel = main_screen(app).query_one(AnnotationsPanel)
        assert app.focused is panel and len(panel.anchored) == 1
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("end", *" now", "ctrl+s")
        await settle(app, pilot)
        assert json.loads(path.read_text(encoding="utf-8"))["annotations"][0]["note"] == "important now"

        await pilot.press("d")
        await settle(app, pilot)
        assert json.loads(path.read_text(encoding="utf-8"))["annotations"] == []
        assert reader.notes == {}
        await pilot.press("u")
        await settle(app, pilot)
        [back] = json.loads(path.read_text(encoding="utf-8"))["annotations"]
        assert back["note"] == "important now" and len(panel.anchored) == 1

        await pilot.press("enter")  # jump to it
        assert app.focused is reader and reader.current.text.startswith("第一句")


async def test_highlight_without_note_and_a_bookmark(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_at(app, pilot, "下一段")
        await annotate(app, pilot)  # no note: a highlight of the whole paragraph
        await pilot.press("j", "m")
        await settle(app, pilot)
        anns = json.loads(notes_file(tmp_path, app).read_text(encoding="utf-8"))["annotations"]
        assert [(a["kind"], a["quote"]) for a in anns] == [
            ("highlight", "下一段第一句。下一段第二句。"), ("bookmark", "")]
        assert anns[1]["paragraph"] == reader.current.number
        assert any(seg.text == "⚑" for strip in reader.drawn_lines(reader.cursor) for seg in strip)


async def test_notes_survive_a_restart_and_orphans_after_the_text_changes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "最后一段")
        await annotate(app, pilot, note="blue sky")
        await open_at(app, pilot, "第一句")
        await annotate(app, pilot, note="stays")

    changed = TEXT.replace("最后一段讲蓝天保卫战。", "最后一段全部改写了。")
    app = make_app(tmp_path, changed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        opened = screen.notes.session.opened
        assert [a.note for a in opened.anchored] == ["stays"]
        assert [a.note for a in opened.orphans] == ["blue sky"]
        assert any("could not be placed" in n.message for n in app.notices)
        await pilot.press("A", "o")
        panel = screen.query_one(AnnotationsPanel)
        assert panel.show_orphans and [a.quote for a in panel.shown] == ["最后一段讲蓝天保卫战。"]
        await pilot.press("enter")  # an orphan has no place to jump to
        assert any("orphan" in n.message for n in app.notices)
    notes = json.loads(next((tmp_path / "notes").glob("*.json")).read_text(encoding="utf-8"))
    assert len(notes["annotations"]) == 2  # the orphan is kept


async def test_a_corrupt_notes_file_is_reported_and_never_overwritten(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        path = notes_file(tmp_path, app)
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = '{"schema": "reportx-notes/1",\n  "annotations": [\n    {oops}\n'
    path.write_text(broken, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = [n.message for n in app.notices]
        assert any(str(path) in m and "line 3" in m for m in messages)
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, AnnotateScreen)
        await pilot.press("m")
        await settle(app, pilot)
        assert sum("read-only" in n.message for n in app.notices) >= 2
        await type_query(app, pilot, "蓝天")  # the app keeps working
        assert main_screen(app).result.total == 1
    assert path.read_text(encoding="utf-8") == broken


async def test_the_notes_section_of_a_search_shows_once_there_are_notes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "第一句")
        notes = main_screen(app).query_one(NoteResults)
        await type_query(app, pilot, "第二句")
        assert not notes.display  # no notes at all: nothing to say about them
        main_screen(app).query_one(Reader).focus()
        await annotate(app, pilot, note="Growth target")
        await type_query(app, pilot, "最后一段")
        assert notes.display and notes.notes == []  # "No notes match"
        assert "No notes match" in str(notes.get_option_at_index(0).prompt)


async def test_notes_search_by_text_tag_and_colour(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "第一句")
        await annotate(app, pilot, note="Growth target", tags="economy")
        await open_at(app, pilot, "最后一段")
        await annotate(app, pilot, note="air quality", tags="environment", colour_steps=2)
        screen = main_screen(app)
        notes = screen.query_one(NoteResults)
        await type_query(app, pilot, "growth")
        assert [a.note for a in notes.notes] == ["Growth target"] and notes.display
        await type_query(app, pilot, "tag:environment")
        assert [a.note for a in notes.notes] == ["air quality"]
        await type_query(app, pilot, "colour:blue")
        assert [a.note for a in notes.notes] == ["air quality"]
        await type_query(app, pilot, "第二句")  # the quote counts too
        assert [a.note for a in notes.notes] == ["Growth target"]

        await type_query(app, pilot, "句")  # one character: searched on Enter
        await pilot.press("enter")
        await settle(app, pilot)
        total = screen.result.total
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert screen.notes.annotated_only and 0 < screen.result.total < total
        assert all(h.text.startswith("第一句") for h in screen.result.hits)

        notes.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.query_one(Reader).current.text.startswith("第一句")


async def test_a_missing_report_file_keeps_notes_read_only(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "第一句")
        await annotate(app, pilot, note="kept")
        (tmp_path / "lib" / REPORT).unlink()
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        screen.notes.report_opened(reader.report.id, reader.report.path)
        await settle(app, pilot)
        assert any("cannot be read" in n.message for n in app.notices)
        assert [a.note for a in screen.notes.session.opened.orphans] == ["kept"]
        await pilot.press("m")
        await settle(app, pilot)
        assert len(json.loads(notes_file(tmp_path, app).read_text(encoding="utf-8"))["annotations"]) == 1


async def test_clicking_a_paragraph_moves_the_cursor(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_at(app, pilot, "第一句")
        target = next(i for i, p in enumerate(reader.paragraphs) if p.text.startswith("下一段"))
        y = reader.text_line_of(target) - int(reader.scroll_y)
        await pilot.click(Reader, offset=(6, y))
        assert reader.cursor == target


async def test_palette_exports_notes_as_markdown(tmp_path, monkeypatch):
    from index.paths import export_dir

    monkeypatch.chdir(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "第一句")
        await annotate(app, pilot, note="exported note", tags="x")
        await pilot.press("ctrl+p")
        await palette_query(app, pilot, "Notes: export as Markdown")
        await pilot.press("enter")
        await settle(app, pilot)
        [exported] = export_dir().glob("reportx-notes-*.md")  # where every export goes, not the working folder
        assert not list(tmp_path.glob("reportx-notes-*.md"))
        text = exported.read_text(encoding="utf-8")
        assert "exported note" in text and "第一句很短" in text
        assert any(str(exported) in n.message for n in app.notices)
