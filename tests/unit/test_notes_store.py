import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from notes_support import make_report

from index.notes import location
from index.notes.model import Annotation
from index.notes.store import SCHEMA, NotesError, NotesStore

ROOT = Path(__file__).resolve().parents[2]
TEXT = "First paragraph about growth.\nSecond paragraph about jobs and prices.\nThird paragraph about reform.\n"


def note(report, quote, **kw):
    start = report.text.index(quote)
    return Annotation.from_selection(report, start, start + len(quote), **kw)


def run_child(code: str, *args: str, **kw) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'tests'}")
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, **kw)


def test_saved_file_is_pretty_sorted_utf8_and_reloads(tmp_path):
    report = make_report("过去一年，经济恢复。\n就业稳定。\n", report_id="2024-zh")
    store = NotesStore(tmp_path)
    ann = store.add(note(report, "就业稳定", kind="note", note="两行\n笔记", tags=["就业"], colour="green"))
    raw = (tmp_path / "2024-zh.json").read_text(encoding="utf-8")
    assert "就业稳定" in raw and "\\u" not in raw and raw.startswith("{\n  ")
    doc = json.loads(raw)
    assert doc["schema"] == SCHEMA and doc["report"]["id"] == "2024-zh"
    assert list(doc["annotations"][0]) == sorted(doc["annotations"][0])
    (loaded,) = NotesStore(tmp_path).load("2024-zh")
    assert loaded == ann and loaded.note == "两行\n笔记" and loaded.section_path == ["Part one"]


def test_write_is_atomic_and_synced(tmp_path, monkeypatch):
    report = make_report(TEXT)
    store = NotesStore(tmp_path)
    store.add(note(report, "growth"))
    before = (tmp_path / "r1.json").read_bytes()
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))

    def crash(src, dst):
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(NotesError, match="disk gone.*unchanged"):
        store.add(note(report, "jobs"))
    assert (tmp_path / "r1.json").read_bytes() == before
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))
    assert len(synced) == 1  # the temp file was synced before the (failed) rename
    monkeypatch.undo()
    store.add(note(report, "jobs"))
    assert len(store.load("r1")) == 2


def test_corrupt_file_is_left_untouched_reported_and_read_only(tmp_path):
    report = make_report(TEXT)
    store = NotesStore(tmp_path)
    store.add(note(report, "growth"))
    path = tmp_path / "r1.json"
    broken = path.read_text(encoding="utf-8").replace('"kind": "highlight",', '"kind": "highlight"', 1)
    path.write_text(broken, encoding="utf-8")
    fresh = NotesStore(tmp_path)
    assert fresh.load("r1") == []
    (err,) = fresh.errors
    assert err.path == path and err.line == broken[:broken.index('"highlight"')].count("\n") + 2
    assert "r1.json, line" in str(err)
    assert fresh.read_only("r1")
    with pytest.raises(NotesError, match="read-only"):
        fresh.add(note(report, "jobs"))
    assert path.read_text(encoding="utf-8") == broken
    assert list(fresh.all()) == []


def test_newer_schema_is_read_only(tmp_path):
    path = tmp_path / "r1.json"
    content = json.dumps({"schema": "reportx-notes/2", "report": {}, "annotations": [], "future": 1})
    path.write_text(content, encoding="utf-8")
    store = NotesStore(tmp_path)
    assert store.load("r1") == []
    assert "newer reportx" in str(store.errors[0])
    with pytest.raises(NotesError):
        store.add(note(make_report(TEXT), "growth"))
    assert path.read_text(encoding="utf-8") == content


def test_wrong_schema_is_an_error(tmp_path):
    (tmp_path / "r1.json").write_text('{"annotations": []}', encoding="utf-8")
    store = NotesStore(tmp_path)
    assert store.load("r1") == [] and "schema" in str(store.errors[0])


def test_unknown_keys_of_the_same_schema_survive_a_rewrite(tmp_path):
    report = make_report(TEXT)
    store = NotesStore(tmp_path)
    store.add(note(report, "growth"))
    path = tmp_path / "r1.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["annotations"][0]["future_field"] = {"x": 1}
    path.write_text(json.dumps(doc), encoding="utf-8")
    store.add(note(report, "jobs"))
    saved = json.loads(path.read_text(encoding="utf-8"))["annotations"]
    assert saved[0]["future_field"] == {"x": 1}


def test_update_rereads_the_disk_and_keeps_the_other_instances_notes(tmp_path):
    report = make_report(TEXT)
    mine, theirs = NotesStore(tmp_path), NotesStore(tmp_path)
    a = mine.add(note(report, "growth"))
    theirs.add(note(report, "jobs"))
    a.note = "edited"
    mine.update(a)
    notes = {x.quote: x.note for x in NotesStore(tmp_path).load("r1")}
    assert notes == {"growth": "edited", "jobs": ""}


def test_newer_edit_on_disk_wins_over_an_older_copy(tmp_path):
    report = make_report(TEXT)
    store = NotesStore(tmp_path)
    a = store.add(note(report, "growth"))
    stale = Annotation.from_dict(a.to_dict())
    a.note = "newer"
    store.update(a)
    stale.note = "older"
    assert store.update(stale, touch=False).note == "newer"
    assert store.load("r1")[0].note == "newer"


def test_delete_and_undo(tmp_path):
    report = make_report(TEXT)
    store = NotesStore(tmp_path)
    a = store.add(note(report, "growth", note="keep me"))
    store.add(note(report, "jobs"))
    removed = NotesStore(tmp_path).delete(a.id)  # a fresh instance finds the report by scanning
    assert removed.note == "keep me"
    assert [x.quote for x in store.load("r1")] == ["jobs"]
    undo_store = NotesStore(tmp_path)
    assert undo_store.undo_delete() is None
    b = store.load("r1")[0]
    store.delete(b.id)
    assert store.load("r1") == []
    assert store.undo_delete() == b
    assert [x.quote for x in store.load("r1")] == ["jobs"]
    with pytest.raises(KeyError):
        store.delete("no-such-id", "r1")


def test_orphans_are_kept_across_saves(tmp_path):
    report = make_report(TEXT)
    store = NotesStore(tmp_path)
    gone = store.add(note(report, "Second paragraph about jobs and prices.", kind="note", note="precious"))
    kept = store.add(note(report, "Third paragraph about reform."))
    new_report = make_report("New intro.\nFirst paragraph about growth.\nThird paragraph about reform.\n")
    anchored, orphans = store.anchor_all(new_report)
    assert [a.id for a in anchored] == [kept.id] and anchored[0].anchor.method == "exact"
    assert [o.id for o in orphans] == [gone.id] and not orphans[0].anchored
    store.add(note(new_report, "New intro."))  # a save after anchoring
    anchored, orphans = store.anchor_all(new_report)
    assert len(anchored) == 2 and [o.note for o in orphans] == ["precious"]
    assert gone.id in (tmp_path / "r1.json").read_text(encoding="utf-8")


def test_two_processes_adding_concurrently_lose_nothing(tmp_path):
    code = """
        import sys
        from pathlib import Path
        from index.notes.model import Annotation
        from index.notes.store import NotesStore
        from notes_support import make_report
        report = make_report("First paragraph about growth.\\nSecond paragraph.\\n")
        store = NotesStore(Path(sys.argv[1]))
        for i in range(50):
            store.add(Annotation.from_selection(report, 0, 5, kind="note", note=f"{sys.argv[2]}{i}"))
    """
    children = [run_child(code, str(tmp_path), name) for name in ("a", "b")]
    assert [c.wait(timeout=60) for c in children] == [0, 0]
    notes = {a.note for a in NotesStore(tmp_path).load("r1")}
    assert notes == {f"{n}{i}" for n in "ab" for i in range(50)}


def test_killed_during_saves_leaves_old_or_new_version(tmp_path):
    # One large note makes each save write megabytes, so that a kill at a
    # random moment often lands inside a write: a non-atomic writer fails here.
    code = """
        import sys
        from pathlib import Path
        from index.notes.model import Annotation
        from index.notes.store import NotesStore
        from notes_support import make_report
        report = make_report("Paragraph.\\n" * 400)
        store = NotesStore(Path(sys.argv[1]))
        anns = store.load("r1")
        if not anns:
            store.merge([Annotation.from_selection(report, 11 * i, 11 * i + 9, note="0|") for i in range(50)])
            anns = store.load("r1")
        target = anns[0]
        version = int(target.note.split("|")[0])
        while True:
            version += 1
            target.note = f"{version}|" + "x" * 4_000_000
            store.update(target)
            print(version, flush=True)
    """
    rng = random.Random(7)
    path = tmp_path / "r1.json"
    for _ in range(8):
        child = run_child(code, str(tmp_path))
        last = child.stdout.readline()  # first save done: now kill at a random moment
        assert last, "child died before saving"
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        done = int((last + rest).split()[-1])
        doc = json.loads(path.read_text(encoding="utf-8"))  # never broken
        assert len(doc["annotations"]) == 50
        saved = int(doc["annotations"][0]["note"].split("|")[0])
        assert saved in (done, done + 1)  # the last completed save, or the one in flight
    store = NotesStore(tmp_path)
    store.add(Annotation.from_selection(make_report("Paragraph.\n" * 400), 0, 9))
    assert not list(tmp_path.glob(".*.tmp"))  # stale temp files were cleaned up under the lock
    assert len(store.load("r1")) == 51


def test_find_notes_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(location, "default_notes_dir", lambda: tmp_path / "default")
    reports = tmp_path / "project" / "reports" / "zh"
    reports.mkdir(parents=True)
    report = reports / "1955.txt"
    report.write_text("x", encoding="utf-8")
    assert location.find_notes_dir([report]) == tmp_path / "default"
    (tmp_path / "project" / ".reportx").mkdir()
    assert location.find_notes_dir([report]) == tmp_path / "project" / ".reportx" / "notes"
    assert location.find_notes_dir([reports]) == tmp_path / "project" / ".reportx" / "notes"
    assert location.find_notes_dir([report], explicit=tmp_path / "mine") == tmp_path / "mine"


def test_default_notes_dir_is_per_user_data():
    assert location.default_notes_dir().parts[-2:] == ("reportx", "notes")
