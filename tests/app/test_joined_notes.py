"""Notes on a paragraph joined from a web copy's line fragments: the quote is
the file's text, and the highlight lands on the same characters on screen."""

from __future__ import annotations

import json

from pilot import main_screen
from test_annotations import annotate, make_app, notes_file, open_at, selected_text

TEXT = ("政府工作报告\n\n一、回顾\n\n我们要认真贯彻\n《中华人民共和国宪法》\n，坚持实事求是。第二句在这里！\n\n"
        "下一段第一句。\n\n二、任务\n\n最后一段。\n")


async def test_a_note_on_joined_fragments_quotes_the_file_and_highlights_the_paragraph(tmp_path):
    app = make_app(tmp_path, TEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_at(app, pilot, "我们要认真贯彻")
        paragraph = reader.current
        assert paragraph.text == "我们要认真贯彻《中华人民共和国宪法》，坚持实事求是。第二句在这里！"
        assert paragraph.joins
        await pilot.press("v")
        assert selected_text(reader) == "我们要认真贯彻\n《中华人民共和国宪法》\n，坚持实事求是。"
        await pilot.press("l")
        await annotate(app, pilot, note="joined")
        [ann] = json.loads(notes_file(tmp_path, app).read_text(encoding="utf-8"))["annotations"]
        assert ann["quote"] == "我们要认真贯彻\n《中华人民共和国宪法》\n，坚持实事求是。第二句在这里！"
        screen = main_screen(app)
        from explorer.services.notes import note_marks

        marks = note_marks(screen.notes.session.opened.anchored, screen.reader.paragraphs)
        # drawn over the whole joined paragraph, not cut short by the two line breaks
        assert [m[:2] for m in marks[paragraph.number]] == [(0, len(paragraph.text))]
