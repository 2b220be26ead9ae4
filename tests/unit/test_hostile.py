"""Hostile input and faults (issue #18): every case gives a one-line message naming the
file and the reason, an exit code, no traceback, nothing a terminal would obey, in
bounded time; notes and the index lose nothing.

Every command runs as a real `reportx` process (the generous timeouts are for hangs).
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPORTS, THEMES, write_reports

from index.highlight import make_snippet, match_spans
from index.notes.model import Annotation
from index.notes.store import NotesStore
from index.query import parse_query
from index.reader import read_report
from index.themes import ReportTheme, ThemeMatcher, fold

REPO = Path(__file__).resolve().parents[2]
ESCAPES = "\x1b]52;c;aGVsbG8=\x07 \x1b[2J \x1b]0;pwned\x07 \x9b31m"
FORBIDDEN = ("\x1b", "\x07", "\x00", "\x9b", "Traceback")
HANG = 120  # seconds: only a hang gets near it


def reportx(*args: str, timeout: float = HANG, **kw) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "explorer.cli", *args], cwd=REPO, capture_output=True,
                          text=True, errors="surrogateescape", timeout=timeout, **kw)
    for stream in (proc.stdout, proc.stderr):
        for bad in FORBIDDEN:
            assert bad not in stream, f"{bad!r} in the output of reportx {' '.join(args)}: {stream[-500:]}"
    return proc


def one_line(text: str, *needles: str) -> None:
    lines = [line for line in text.splitlines() if all(n in line for n in needles)]
    assert lines, f"no line with {needles} in: {text[-800:]}"


# -- the terminal belongs to the user -------------------------------------------------


def hostile_folder(tmp_path: Path) -> Path:
    folder = write_reports(tmp_path / "reports")
    body = f"2024 Carbon Report {ESCAPES}\n\nWe cut carbon emissions {ESCAPES} fast.\n\n" + "x" * 9000 + "\x00 carbon nul\n"
    (folder / f"esc{ESCAPES[:12]}.txt").write_text(body, encoding="utf-8")
    return folder


def test_escape_sequences_reach_no_command_output(tmp_path):
    folder = hostile_folder(tmp_path)
    esc_file = next(folder.glob("esc*.txt"))
    assert reportx("index", str(folder)).returncode == 0
    for args in (["search", "carbon"], ["search", "carbon", "--json"], ["outline", str(esc_file)],
                 ["outline", str(esc_file), "--json"], ["themes"], ["themes", "--json"]):
        proc = reportx(*args)
        assert proc.returncode == 0, proc.stderr
    shown = reportx("search", "carbon").stdout
    assert "␛]52;c;" in shown and "␀ carbon nul" in shown  # visible, as the reader shows them
    data = json.loads(reportx("search", "carbon", "--json", "--limit", "0").stdout)
    assert any(ESCAPES in h["title"] for h in data["hits"])  # JSON keeps the exact text, escaped

    report = read_report(esc_file)
    start = report.text.index("carbon emissions")
    store = NotesStore(tmp_path / "notes")
    store.add(Annotation.from_selection(report, start, start + 16, kind="note", note=f"mine {ESCAPES}",
                                        tags=[f"t{ESCAPES[:5]}"]))
    for fmt in ("md", "csv", "json"):
        proc = reportx("notes", "export", "--format", fmt, "--notes-dir", str(tmp_path / "notes"))
        assert proc.returncode == 0 and "mine" in proc.stdout


async def test_escape_sequences_reach_no_app_text(tmp_path):
    from explorer.app import ReportxApp

    folder = hostile_folder(tmp_path)
    app = ReportxApp(index_dir=tmp_path / "index", themes=THEMES, paths=[folder], notes_dir=tmp_path / "notes")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if not app.screen.indexing and app.screen.reports:
                break
        app.notify(f"file {ESCAPES}", title=f"title {ESCAPES}")
        app.screen.status.progress = f"indexing {ESCAPES}"
        await pilot.pause(0.2)
        screen = app.export_screenshot()
    for bad in FORBIDDEN[:4]:
        assert bad not in screen
    assert "␛" in screen


# -- no traceback -----------------------------------------------------------------------


def test_hostile_files_are_named_and_the_rest_is_indexed(tmp_path):
    folder = write_reports(tmp_path / "reports")
    (folder / os.fsdecode(b"bad\xff\xfename 2023.txt")).write_text("2023 Report\n\nCarbon in a badly named file.\n")
    os.mkfifo(folder / "fifo.txt")
    os.mkfifo(folder / "GR2025_en.meta.yaml")  # a FIFO sidecar
    bomb = "\n".join(['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
                     + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)])
    (folder / "bomb.txt").write_text(f"---\n{bomb}\ntitle: *a8\n---\nReport\n\nCarbon.\n")
    (folder / "side.txt").write_text("Report 2021\n\nCarbon side.\n")
    (folder / "side.meta.yaml").write_text(bomb + "\ntitle: *a8\n")
    (folder / "types_2022.txt").write_text("---\nyear: true\nlang: fr\ntitle: [1, 2]\nid: \"a,b c\"\n---\n"
                                      "2022 Report\n\nCarbon typed.\n")
    (folder / "inf_2019.txt").write_text("---\nyear: .inf\n---\n2019 Report\n\nCarbon inf.\n")
    (folder / "big.txt").write_text("---\nyear: 3000000000\n---\n2018 Report\n\nCarbon big.\n")
    (folder / "surrogate.txt").write_text('---\nid: "\\ud800x"\n---\n2017 Report\n\nCarbon surrogate.\n')
    (folder / "dup1.txt").write_text("---\nid: same\n---\n2016 Report\n\nCarbon one.\n")
    (folder / "dup2.txt").write_text("---\nid: same\n---\n2015 Report\n\nCarbon two.\n")
    os.symlink(folder, folder / "loop")  # a folder link back up: not followed
    (tmp_path / "self").symlink_to(tmp_path / "self")
    began = time.monotonic()
    proc = reportx("index", str(folder), str(tmp_path / "self"), str(folder / "fifo.txt"))
    assert time.monotonic() - began < HANG / 2
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr
    one_line(err, "self", "symbolic link loop")
    one_line(err, "fifo.txt", "FIFO")
    one_line(err, "GR2025_en.meta.yaml", "FIFO")
    one_line(err, "bomb.txt", "alias")
    one_line(err, "side.meta.yaml", "alias")
    one_line(err, "types_2022.txt", "'year'", "True is not a year")
    one_line(err, "types_2022.txt", "'lang'", "'fr'")
    one_line(err, "types_2022.txt", "'title'", "[1, 2]")
    one_line(err, "types_2022.txt", "'id'", "'a,b c'")
    one_line(err, "inf_2019.txt", "'year'", "inf")
    one_line(err, "big.txt", "'year'", "3000000000")
    one_line(err, "surrogate.txt")
    one_line(err, "dup2.txt", "'same'", "dup1.txt")
    found = json.loads(reportx("search", "carbon", "--json", "--limit", "0").stdout)
    texts = {h["path"].rsplit("/", 1)[-1]: h for h in found["hits"]}
    assert {"types_2022.txt", "inf_2019.txt", "big.txt", "dup1.txt"} <= set(texts)
    assert "dup2.txt" not in texts and "bomb.txt" not in texts
    assert texts["types_2022.txt"]["year"] == 2022 and texts["inf_2019.txt"]["year"] == 2019  # the name decides
    assert texts["types_2022.txt"]["lang"] == "en" and texts["big.txt"]["year"] is None
    assert any("2023" in h["title"] for h in found["hits"])  # the non-UTF-8 name is indexed too
    assert reportx("outline", str(folder / "fifo.txt")).returncode == 1


def test_unreadable_file_and_folder_are_skipped_by_name(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files and folders without permission bits")
    folder = write_reports(tmp_path / "reports")
    (folder / "secret.txt").write_text("2020 Report\n\nCarbon.\n")
    (folder / "secret.txt").chmod(0)
    (folder / "closed").mkdir()
    (folder / "closed").chmod(0)
    try:
        proc = reportx("index", str(folder))
    finally:
        (folder / "closed").chmod(0o755)
    assert proc.returncode == 0
    one_line(proc.stderr, "secret.txt", "permission denied")
    one_line(proc.stderr, "closed", "permission denied")


def test_read_only_index_and_notes_folders_are_one_line(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = write_reports(tmp_path / "reports")
    assert reportx("index", str(folder)).returncode == 0
    index = Path(os.environ["REPORTX_INDEX_DIR"])
    for p in [index, *index.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        (folder / "new.txt").write_text("2020 Report\n\nCarbon new.\n")
        proc = reportx("index", str(folder))
        assert proc.returncode == 1
        one_line(proc.stderr, str(index))
        assert reportx("search", "carbon").returncode == 0  # still searchable
    finally:
        index.chmod(0o755)


def test_full_disk_cleans_up_and_the_next_run_works(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    rng = random.Random(7)
    words = "carbon peak energy reform growth market green finance rural digital".split()
    for i in range(12):
        (folder / f"r{i:02}_{2000 + i}.txt").write_text(
            f"{2000 + i} Report\n\n" + "\n\n".join(" ".join(rng.choices(words, k=60)) for _ in range(300)))
    index = Path(os.environ["REPORTX_INDEX_DIR"])

    def small_disk() -> None:  # writes past 600 KB fail as on a full disk (EFBIG, like ENOSPC)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (600_000, 600_000))

    proc = reportx("index", str(folder), preexec_fn=small_disk)
    assert proc.returncode == 1
    one_line(proc.stderr, str(index), "failed", "half-written files were removed")
    from whoosh import index as wi

    from index.schema import INDEX_NAME

    ix = wi.open_dir(str(index), indexname=INDEX_NAME)
    live = {s.segment_id() for s in ix._segments()}
    for f in index.iterdir():
        if f.name.startswith(INDEX_NAME + "_") and not f.name.endswith("LOCK"):
            assert any(seg in f.name for seg in live), f"left behind: {f.name}"
    ix.close()
    proc = reportx("index", str(folder))
    assert proc.returncode == 0
    hits = json.loads(reportx("search", "carbon", "--json", "--limit", "0").stdout)["hits"]
    assert len({h["report"] for h in hits}) == 12  # every report, after the failed run


# -- a damaged index is found and repaired ----------------------------------------------


def _damage(index: Path, pattern: str, how: str) -> None:
    victim = max(index.glob(f"*{pattern}"), key=lambda p: p.stat().st_size)
    assert victim.stat().st_size > 0, f"{victim.name} is empty: nothing to damage"
    if how == "delete":
        victim.unlink()
    elif how == "truncate":
        os.truncate(victim, victim.stat().st_size // 2)
    else:  # zero the start, same size
        with open(victim, "r+b") as f:
            f.write(b"\0" * min(4096, victim.stat().st_size))


@pytest.mark.parametrize("pattern, how", [
    ("match_text.col", "delete"), ("report.col", "truncate"), (".pst", "truncate"), ("_stored.col", "zero"),
    ("paragraph_column.col", "truncate"), ("_text_len.col", "delete"), (".trm", "zero"),
])
def test_damaged_index_is_rebuilt_with_one_message(tmp_path, pattern, how):
    # A word in 20 paragraphs of one report: its postings go to the postings file,
    # where a term in fewer than 16 is kept in the term file (index.segment_codec).
    many = "报告\n\n" + "\n\n".join(f"第{i}段：稳定就业。" for i in range(20))
    folder = write_reports(tmp_path / "reports", {**REPORTS, "2023年报告.txt": many})
    assert reportx("index", str(folder)).returncode == 0
    before = json.loads(reportx("search", "碳达峰", "--json").stdout)["total"]
    _damage(Path(os.environ["REPORTX_INDEX_DIR"]), pattern, how)
    proc = reportx("search", "碳达峰", "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["total"] == before == 2
    assert proc.stderr.count("is damaged") == 1 and "rebuil" in proc.stderr


def test_whoosh_read_error_without_a_manifest_is_repaired(tmp_path):
    folder = write_reports(tmp_path / "reports")
    assert reportx("index", str(folder)).returncode == 0
    index = Path(os.environ["REPORTX_INDEX_DIR"])
    (index / "integrity.json").unlink()
    _damage(index, ".trm", "truncate")
    proc = reportx("search", "carbon", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["total"] > 0
    assert "damaged" in proc.stderr


# -- nothing runs away ------------------------------------------------------------------


def test_a_400_kb_paragraph_searches_in_bounded_time(tmp_path):
    rng = random.Random(1)
    words = "we will cut carbon emissions and develop clean energy for a green future".split()
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "long_2024.txt").write_text("2024 Report\n\n" + " ".join(rng.choices(words, k=66_000)) + "\n")
    assert reportx("index", str(folder)).returncode == 0
    began = time.monotonic()
    proc = reportx("search", "carbon")
    assert proc.returncode == 0 and "carbon" in proc.stdout
    assert time.monotonic() - began < 20  # was 44-49 s


def test_snippet_window_is_the_one_with_most_matches():
    rng = random.Random(2)
    words = "carbon peak energy reform growth market green".split()
    terms = parse_query("carbon OR green").highlight
    for _ in range(200):
        text = " ".join(rng.choices(words, k=rng.randint(20, 200)))
        spans = match_spans(text, terms)
        if not spans or len(text) <= 200:
            continue
        best = max(range(len(spans)), key=lambda i: (sum(1 for s, e in spans[i:] if e <= spans[i][0] + 200), -i))
        assert text[spans[best][0]:spans[best][0] + 10] in make_snippet(text, spans).text


@pytest.mark.parametrize("query, says", [
    ("AND OR NOT", "only operators"), ("foo:bar", "Unknown field 'foo:'"), ("year:abc", "year: takes a year"),
    ("path:/etc/passwd", "Unknown field 'path:'"), ("lang:fr", "lang: takes"), ("?*", "wildcards match more than"),
    (" OR ".join(f"{a}{b}*" for a in "bcdfgmprst" for b in "aeiouylrnh"), "wildcards match more than"),
])
def test_queries_not_understood_say_so_quickly(tmp_path, query, says):
    folder = write_reports(tmp_path / "reports", {**REPORTS, **{
        f"gen{i}_2020.txt": "2020 Report\n\n" + " ".join(f"{a}{b}{c}{i}" for a in "bcdfgmprst" for b in "aeiouylrnh"
                                                          for c in "xyz") for i in range(40)}})
    assert reportx("index", str(folder)).returncode == 0
    began = time.monotonic()
    proc = reportx("search", query)
    assert time.monotonic() - began < 30
    assert proc.returncode == 2
    one_line(proc.stderr, says)


def test_themes_file_problems_are_named(tmp_path):
    cases = {
        "comma.yaml": ('themes:\n  - id: "a,b"\n    label: A\n    keywords: {en: [carbon]}\n', "line 2", "no commas"),
        "alias.yaml": ("themes:\n  - &t\n    id: a\n    label: A\n    keywords: {en: [carbon]}\n  - *t\n", "line", "alias"),
        "colour.yaml": ("themes:\n  - id: a\n    label: A\n    colour: 123\n    keywords: {en: [carbon]}\n", "line 4", "colour"),
        "label.yaml": ('themes:\n  - id: a\n    label: "A\\e]0;x\\a"\n    keywords: {en: [carbon]}\n', "line 3", "label"),
        "keyword.yaml": ("themes:\n  - id: a\n    label: A\n    keywords: {en: [1]}\n", "line", "quote numbers"),
    }
    for name, (text, where, says) in cases.items():
        (tmp_path / name).write_text(text)
        proc = reportx("themes", "--themes", str(tmp_path / name))
        assert proc.returncode == 1
        one_line(proc.stderr, name, where, says)
    os.mkfifo(tmp_path / "fifo.yaml")
    proc = reportx("themes", "--themes", str(tmp_path / "fifo.yaml"))
    assert proc.returncode == 1
    one_line(proc.stderr, "fifo.yaml", "FIFO")


def test_theme_tagging_does_not_grow_with_the_number_of_themes():
    rng = random.Random(5)
    chars = "发展改革开放创新经济建设社会民生环境保护绿色低碳能源科技教育文化"
    themes = [ReportTheme(f"t{i}", f"T{i}", "green", "", (f"word{i}",),
                          ("".join(rng.sample(chars, 2)), "".join(rng.sample(chars, 3)))) for i in range(3000)]
    texts = ["".join(rng.choices(chars, k=150)) + f" word{rng.randrange(3000)}" for _ in range(300)]
    began = time.perf_counter()
    matcher = ThemeMatcher(themes)
    tags = [matcher.match(t) for t in texts]
    assert time.perf_counter() - began < 20
    for text, found in zip(texts[:50], tags[:50]):  # the plain rule, theme by theme
        expected = [t.id for t in themes if any(fold(k) in fold(text) for k in t.keywords_zh)
                    or any(f" {k} " in f" {text} " for k in t.keywords_en)]
        assert found == expected


# -- worker processes ---------------------------------------------------------------------


def _session(sid: int) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(pid))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find stray processes")
def test_kill_9_loop_over_index_leaves_a_usable_index_and_no_processes(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    rng = random.Random(3)
    words = "carbon peak energy reform growth market green finance rural digital 发展 改革 绿色".split()
    for i in range(30):  # ~2.4 MB: big enough for the worker processes
        (folder / f"r{i:02}_{1990 + i}.txt").write_text(
            f"{1990 + i} Report\n\n" + "\n\n".join(" ".join(rng.choices(words, k=80)) for _ in range(150)))
    for delay in (1.5, 3.0, 4.5):
        proc = subprocess.Popen([sys.executable, "-m", "explorer.cli", "index", str(folder)], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 15
        while _session(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _session(proc.pid) == [], f"processes left after kill -9 at {delay} s"
    done = reportx("index", str(folder))
    assert done.returncode == 0
    assert len({h["report"] for h in json.loads(reportx("search", "carbon", "--json", "--limit", "0").stdout)["hits"]}) == 30


def test_library_from_python_starts_workers_from_the_forkserver(tmp_path):
    code = ("import multiprocessing, sys; from pathlib import Path; from index.library import Library;"
            "lib = Library(Path(sys.argv[1])); lib._writer(parallel=True).cancel();"
            "print(multiprocessing.get_start_method())")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "ix")], cwd=REPO, capture_output=True,
                         text=True, timeout=HANG)
    assert out.stdout.strip() == "forkserver", out.stderr


# -- notes -------------------------------------------------------------------------------


@pytest.mark.parametrize("field, value, says", [
    ("tags", "abc", '"tags" must be a list'), ("start", "abc", '"start" must be a number'),
    ("paragraph", True, '"paragraph" must be a number'), ("note", ["x"], '"note" must be text'),
])
def test_notes_field_of_the_wrong_type_makes_the_file_read_only(tmp_path, field, value, says):
    folder = write_reports(tmp_path / "reports")
    assert reportx("index", str(folder)).returncode == 0
    notes = tmp_path / "notes"
    store = NotesStore(notes)
    zh, en = read_report(folder / "2024年政府工作报告.txt"), read_report(folder / "GR2025_en.txt")
    store.add(Annotation.from_selection(zh, 20, 25, kind="note", note="keep zh"))
    store.add(Annotation.from_selection(en, 60, 70, kind="note", note="keep en"))
    bad = notes / f"{zh.meta.id}.json"
    doc = json.loads(bad.read_text())
    doc["annotations"][0][field] = value
    bad.write_text(json.dumps(doc))
    before = bad.read_bytes()
    proc = reportx("notes", "export", "--notes-dir", str(notes))
    assert proc.returncode == 0 and "keep en" in proc.stdout  # the rest is exported
    one_line(proc.stderr, bad.name, says)
    assert bad.read_bytes() == before  # never rewritten
    assert NotesStore(notes).read_only(zh.meta.id)


def test_import_of_a_note_with_a_5000_character_report_id_writes_nothing(tmp_path):
    folder = write_reports(tmp_path / "reports")
    assert reportx("index", str(folder)).returncode == 0
    item = {"type": "Annotation", "id": "urn:uuid:1", "created": "2024-01-01T00:00:00Z",
            "target": {"reportx:report": {"id": "r" * 5000}, "selector": [
                {"type": "TextQuoteSelector", "exact": "x"}, {"type": "TextPositionSelector", "start": 0, "end": 1}]}}
    (tmp_path / "in.json").write_text(json.dumps([item]))
    proc = reportx("notes", "import", str(tmp_path / "in.json"), "--notes-dir", str(tmp_path / "notes"))
    assert proc.returncode == 1
    one_line(proc.stderr, "in.json", "cannot name a notes file")
    assert not list((tmp_path / "notes").glob("*.json")) if (tmp_path / "notes").exists() else True
