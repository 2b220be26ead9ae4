"""`reportx notes export|import` over a real index and real notes files."""

import csv
import io
import json

from helpers import run_cli as run
from helpers import write_reports

from index.notes.model import Annotation
from index.notes.store import NotesStore
from index.reader import read_report


def annotate(tmp_path, capsys):
    folder = write_reports(tmp_path / "r")
    assert run(capsys, "index", str(folder))[0] == 0
    report = read_report(folder / "2024年政府工作报告.txt")
    start = report.text.index("碳达峰碳中和")
    ann = Annotation.from_selection(report, start, start + 6, kind="note", note="双碳目标", tags=["carbon"], colour="green")
    notes_dir = tmp_path / "notes"
    NotesStore(notes_dir).add(ann)
    return folder, notes_dir, ann


def test_export_formats(tmp_path, capsys):
    folder, notes_dir, ann = annotate(tmp_path, capsys)
    code, md, _ = run(capsys, "notes", "export", "--notes-dir", str(notes_dir))
    assert code == 0 and "碳达峰碳中和" in md and "双碳目标" in md and "carbon" in md
    code, out, _ = run(capsys, "notes", "export", "--format", "csv", "--notes-dir", str(notes_dir))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1 and "碳达峰碳中和" in rows[0].values()
    code, out, _ = run(capsys, "notes", "export", "--format", "json", "--notes-dir", str(notes_dir), "--tag", "carbon")
    items = json.loads(out)
    assert items[0]["type"] == "Annotation" and items[0]["reportx:status"] == "anchored"
    code, out, _ = run(capsys, "notes", "export", "--format", "json", "--notes-dir", str(notes_dir), "--tag", "other")
    assert json.loads(out) == []


def test_notes_follow_an_edited_report_and_orphans_are_kept(tmp_path, capsys):
    folder, notes_dir, ann = annotate(tmp_path, capsys)
    path = folder / "2024年政府工作报告.txt"
    path.write_text("新增的第一段。\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    out = json.loads(run(capsys, "notes", "export", "--format", "json", "--notes-dir", str(notes_dir))[1])
    assert out[0]["reportx:status"] == "anchored"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("积极稳妥推进碳达峰碳中和，扎实开展碳达峰十大行动。", ""), encoding="utf-8")
    out = json.loads(run(capsys, "notes", "export", "--format", "json", "--notes-dir", str(notes_dir))[1])
    assert out[0]["reportx:status"] == "orphan"
    assert len(NotesStore(notes_dir).load(ann.report.id)) == 1  # still in the file


def test_import_round_trip_without_duplicates(tmp_path, capsys):
    folder, notes_dir, ann = annotate(tmp_path, capsys)
    export = tmp_path / "notes.json"
    assert run(capsys, "notes", "export", "--format", "json", "--notes-dir", str(notes_dir), "-o", str(export))[0] == 0
    other = tmp_path / "other-notes"
    code, _, err = run(capsys, "notes", "import", str(export), "--notes-dir", str(other))
    assert code == 0 and "1 added" in err
    code, _, err = run(capsys, "notes", "import", str(export), "--notes-dir", str(other))
    assert "0 added" in err and "1 unchanged" in err
    imported = NotesStore(other).load(ann.report.id)
    assert [a.id for a in imported] == [ann.id] and imported[0].note == "双碳目标"


def test_import_of_a_broken_file_is_one_message(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"type": "Annotation",\n oops}]')
    code, _, err = run(capsys, "notes", "import", str(bad), "--notes-dir", str(tmp_path / "n"))
    assert code == 1 and "line 2" in err and "Traceback" not in err


def test_unreadable_notes_file_is_reported_not_overwritten(tmp_path, capsys):
    folder, notes_dir, ann = annotate(tmp_path, capsys)
    broken = notes_dir / f"{ann.report.id}.json"
    broken.write_text("{ not json")
    code, _, err = run(capsys, "notes", "export", "--notes-dir", str(notes_dir))
    assert code == 0 and "warning" in err and broken.name in err
    assert broken.read_text() == "{ not json"


def test_imported_notes_export_with_title_year_section_and_back_reference(tmp_path, capsys):
    """A W3C annotation from another tool names only the file and the quote: the Markdown export
    still shows the report's title and year, the note's section path and where it is."""
    folder = write_reports(tmp_path / "r")
    assert run(capsys, "index", str(folder))[0] == 0
    path = folder / "2024年政府工作报告.txt"
    text = read_report(path).text
    start = text.index("培育具身智能")
    item = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:3f0c7d52-0000-4000-8000-000000000001",
            "type": "Annotation", "created": "2025-01-02T03:04:05Z", "motivation": "commenting",
            "body": {"type": "TextualBody", "value": "未来产业", "purpose": "commenting"},
            "target": {"source": str(path.resolve()), "selector": [
                {"type": "TextQuoteSelector", "exact": "培育具身智能"},
                {"type": "TextPositionSelector", "start": start, "end": start + 6}]}}
    export = tmp_path / "other-tool.json"
    export.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
    notes_dir = tmp_path / "notes"
    assert run(capsys, "notes", "import", str(export), "--notes-dir", str(notes_dir))[0] == 0
    code, md, _ = run(capsys, "notes", "export", "--notes-dir", str(notes_dir))
    assert code == 0
    assert "## 2024 · 2024年政府工作报告" in md
    assert "### 二、2024年工作任务" in md and "(no section)" not in md
    paragraph = next(p.number for p in read_report(path).paragraphs() if "培育具身智能" in p.text)
    assert f" ¶{paragraph} · {path.resolve()}" in md
