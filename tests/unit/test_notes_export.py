import csv
import io
import json

from notes_support import make_report

from index.notes.anchor import anchor_annotation
from index.notes.export import export_csv, export_json, export_markdown, import_json
from index.notes.model import Annotation
from index.notes.store import NotesStore

ZH = "过去一年，经济持续恢复。\n城镇新增就业一千二百万人。\n深化国有企业改革。\n"
EN = "The economy grew.\nWe created jobs.\n"


def sample():
    zh = make_report(ZH, report_id="2024-zh", title="2024年政府工作报告", year=2024, section="一、回顾")
    en = make_report(EN, report_id="2023-en", title="Report 2023", year=2023, section="Review")
    s = ZH.index("城镇")
    anns = [
        Annotation.from_selection(zh, s, s + 13, kind="note", note="就业目标\nsecond line",
                                  tags=["jobs", "就业"], colour="green"),
        Annotation.from_selection(zh, 0, 4, kind="highlight"),
        Annotation.from_selection(en, EN.index("We"), EN.index("We"), kind="bookmark", note="come back"),
        Annotation.from_selection(en, 4, 11, kind="note", note="econ", tags=["growth"]),
    ]
    return {"2024-zh": zh, "2023-en": en}, anns


def test_json_is_w3c_web_annotation():
    reports, anns = sample()
    for a in anns:
        anchor_annotation(a, reports[a.report.id].text)
    items = json.loads(export_json(anns))
    note = next(i for i in items if i["motivation"] == "commenting" and i["reportx:colour"] == "green")
    assert note["@context"] == "http://www.w3.org/ns/anno.jsonld" and note["type"] == "Annotation"
    assert note["id"] == f"urn:uuid:{anns[0].id}"
    assert note["body"][0] == {"type": "TextualBody", "value": "就业目标\nsecond line",
                               "format": "text/plain", "purpose": "commenting"}
    assert [b["value"] for b in note["body"] if b["purpose"] == "tagging"] == ["jobs", "就业"]
    quote, position = note["target"]["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": "城镇新增就业一千二百万人。",
                     "prefix": "过去一年，经济持续恢复。\n", "suffix": "\n深化国有企业改革。\n"}
    assert position == {"type": "TextPositionSelector", "start": 13, "end": 26}
    assert note["target"]["source"] == "/reports/2024-zh.txt"
    assert note["reportx:status"] == "anchored"
    assert note["reportx:current"] == {"method": "position", "start": 13, "end": 26, "exact": quote["exact"]}
    assert {i["motivation"] for i in items} == {"commenting", "highlighting", "bookmarking"}


def test_orphan_status_in_json():
    reports, anns = sample()
    anchor_annotation(anns[0], "全部改写了。\n")
    item = json.loads(export_json(anns[:1]))[0]
    assert item["reportx:status"] == "orphan" and "reportx:current" not in item


def test_round_trip_into_an_empty_store_and_no_duplicates(tmp_path):
    reports, anns = sample()
    data = export_json(anns)
    store = NotesStore(tmp_path)
    first = import_json(data, store, reports)
    assert (first.added, first.updated, first.unchanged, first.orphaned) == (4, 0, 0, 0)
    restored = {a.id: a for a in store.all()}
    assert restored == {a.id: a for a in anns}  # every persisted field survives
    again = import_json(data, store, reports)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert len(list(store.all())) == 4


def test_import_updates_only_when_newer_and_counts_orphans(tmp_path):
    reports, anns = sample()
    store = NotesStore(tmp_path)
    import_json(export_json(anns), store, reports)
    anns[0].note = "edited later"
    anns[0].touch()
    anns[1].note = "edited but stale"
    anns[1].modified = "2000-01-01T00:00:00.000000Z"
    changed = dict(reports)
    changed["2023-en"] = make_report("Completely different text now.\n", report_id="2023-en")
    result = import_json(json.loads(export_json(anns)), store, changed)
    assert (result.added, result.updated, result.unchanged, result.orphaned) == (0, 1, 3, 2)
    notes = {a.id: a.note for a in store.all()}
    assert notes[anns[0].id] == "edited later" and notes[anns[1].id] == ""


def test_import_finds_reports_by_path(tmp_path):
    reports, anns = sample()
    by_path = {r.meta.path: r for r in reports.values()}
    result = import_json(export_json(anns), NotesStore(tmp_path), by_path)
    assert result.added == 4 and result.orphaned == 0


def test_markdown_groups_by_report_and_section():
    reports, anns = sample()
    md = export_markdown(anns, title="My notes")
    assert md.startswith("# My notes\n")
    assert md.index("## 2023 · Report 2023") < md.index("### Review") < md.index("## 2024 · 2024年政府工作报告")
    assert md.index("## 2024") < md.index("### 一、回顾")
    assert ("> 城镇新增就业一千二百万人。\n\n就业目标\nsecond line\n\n— note · colour: green · tags: #jobs #就业  \n"
            "↩ 2024-zh ¶1 · /reports/2024-zh.txt\n") in md
    assert "*Bookmark at paragraph 1*\n\ncome back" in md
    assert md.count("### 一、回顾") == 1  # one heading for both notes of the section
    only = export_markdown(anns, tag="growth")
    assert "econ" in only and "城镇" not in only


def test_markdown_flags_orphans_and_multiline_quotes():
    text = "Line one\nline two of the same quote\n"
    report = make_report(text)
    a = Annotation.from_selection(report, 0, 20)
    anchor_annotation(a, "unrelated\n")
    md = export_markdown([a])
    assert "> Line one\n> line two of" in md and "orphan" in md


def test_csv_one_row_per_annotation():
    reports, anns = sample()
    rows = list(csv.DictReader(io.StringIO(export_csv(anns))))
    assert len(rows) == 4
    row = next(r for r in rows if r["id"] == anns[0].id)
    assert row["quote"] == "城镇新增就业一千二百万人。" and row["note"] == "就业目标\nsecond line"
    assert row["tags"] == "jobs; 就业" and row["colour"] == "green" and row["section"] == "一、回顾"
    assert row["report_id"] == "2024-zh" and row["paragraph"] == "1" and row["status"] == "unknown"
    assert [r["report_id"] for r in rows] == ["2023-en", "2023-en", "2024-zh", "2024-zh"]
    assert len(list(csv.DictReader(io.StringIO(export_csv(anns, report_id="2024-zh"))))) == 2
