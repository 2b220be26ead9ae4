"""The app over a folder of mixed formats: reports from a PDF, a web page and a
collection open in the reader, and one notice names the files it skipped."""

from __future__ import annotations

from formats_support import govcn_page, report_pdf, reports_csv, scanned_pdf
from pilot import SIZE, main_screen, make_app, settle

ZH = ["政府工作报告", "各位代表：", "一、2024年工作回顾", "过去一年，国内生产总值增长5%。我们加快发展新质生产力。",
      "二、2025年工作任务", "今年城镇新增就业1200万人以上。"]


async def test_mixed_folder_opens_and_names_what_it_skipped(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    report_pdf(ZH * 3, folder / "2023年报告.pdf")
    (folder / "2024年报告.html").write_bytes(govcn_page(ZH, "2024年政府工作报告"))
    (folder / "set.csv").write_bytes(reports_csv([("2022年报告", 2022, "zh", "\n\n".join(ZH))]))
    scanned_pdf(folder / "scan.pdf")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    app = make_app(paths=[folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert sorted(r.year for r in screen.reports) == [2022, 2023, 2024]
        notices = [n for n in app.notices if n.title == "Skipped"]
        assert len(notices) == 1
        message = notices[0].message
        assert message.startswith("2 files skipped: ")
        assert "scan.pdf: no text layer (scanned?); OCR is not supported" in message
        assert "photo.png: " in message
        pdf = next(r for r in screen.reports if r.year == 2023)
        screen.open_report(pdf.id, None)
        await settle(app, pilot)
        assert any("加快发展新质生产力" in p.text for p in screen.reader.paragraphs)
        # Notes anchor to the extracted text: the PDF's report opens for notes, not read-only.
        opened = screen.notes.session.opened
        assert opened is not None and opened.report is not None and not opened.read_only
        assert opened.report.text.count("加快发展新质生产力") == 3
        row = next(r for r in screen.reports if r.year == 2022)
        assert row.path.endswith("set.csv#gwr-2022-zh-1")
        screen.open_report(row.id, None)
        await settle(app, pilot)
        opened = screen.notes.session.opened
        assert opened is not None and opened.report is not None and opened.report.meta.id == row.id
