"""The command line: outline, index, search and themes, for people and scripts."""

import json

import pytest
from conftest import SAMPLES
from helpers import run_cli as run
from helpers import write_reports

from explorer.cli import main


def test_outline_json_shape(capsys, tmp_path):
    folder = write_reports(tmp_path / "r")
    code, out, _ = run(capsys, "outline", str(folder / "2024年政府工作报告.txt"), "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["title"], data["year"], data["lang"]) == ("2024年政府工作报告", 2024, "zh")
    for node in data["sections"]:
        assert set(node) == {"title", "level", "paragraphs", "children"}


def test_outline_of_unreadable_file_is_one_line(capsys, tmp_path):
    (tmp_path / "x.txt").write_bytes(b"")
    code, _, err = run(capsys, "outline", str(tmp_path / "x.txt"))
    assert code == 1 and "x.txt: empty file" in err and "Traceback" not in err


def test_index_then_search_json(capsys, tmp_path):
    folder = write_reports(tmp_path / "r")
    code, out, _ = run(capsys, "index", str(folder))
    assert code == 0 and "reports indexed" in out
    code, out, _ = run(capsys, "search", "碳达峰", "--json", "--limit", "0")
    data = json.loads(out)
    assert code == 0 and data["query"] == "碳达峰" and data["total"] == 2
    hit = data["hits"][0]
    assert set(hit) >= {"report", "path", "title", "year", "lang", "section", "paragraph", "score", "snippet", "themes"}
    assert isinstance(hit["section"], list) and "theme_counts" in data


def test_search_filters_and_errors(capsys, tmp_path):
    run(capsys, "index", str(write_reports(tmp_path / "r")))
    code, out, _ = run(capsys, "search", "碳达峰", "--json", "--year", "2025", "--lang", "en")
    assert json.loads(out)["total"] == 1
    code, _, err = run(capsys, "search", "NOT coal")
    assert code == 2 and "NOT" in err
    with pytest.raises(SystemExit):
        main(["search", "x", "--year", "20x5"])


def test_search_output_for_people_shows_literal_text(capsys, tmp_path):
    run(capsys, "index", str(write_reports(tmp_path / "r", {"m.txt": "Text with [bold]markup[/bold] and carbon.\n"})))
    code, out, _ = run(capsys, "search", "carbon")
    assert code == 0 and "[bold]markup[/bold]" in out


def test_search_on_empty_library_explains(capsys):
    code, _, err = run(capsys, "search", "carbon")
    assert code == 1 and "reportx index" in err


def test_themes_lists_counts(capsys, tmp_path):
    run(capsys, "index", str(SAMPLES))
    code, out, _ = run(capsys, "themes", "--json")
    data = json.loads(out)
    assert code == 0 and len(data) >= 8
    assert any(t["paragraphs"] > 0 for t in data)


def test_broken_themes_file_is_reported(capsys, tmp_path):
    bad = tmp_path / "themes.yaml"
    bad.write_text("themes:\n  - id: x\n    label: [oops\n")
    code, _, err = run(capsys, "themes", "--themes", str(bad))
    assert code == 1 and "themes.yaml" in err and "line" in err


def test_common_options_may_come_before_the_command(capsys, tmp_path):
    folder = write_reports(tmp_path / "r")
    elsewhere = tmp_path / "elsewhere"
    code, out, _ = run(capsys, "--index-dir", str(elsewhere), "index", str(folder))
    assert code == 0 and "reports indexed" in out and any(elsewhere.iterdir())
    code, out, _ = run(capsys, f"--index-dir={elsewhere}", "search", "碳达峰", "--json")
    assert code == 0 and json.loads(out)["total"] == 2
    code, out, _ = run(capsys, f"--index-dir={elsewhere}", "--notes-dir", str(tmp_path / "n"), "search", "碳达峰", "--json")
    assert code == 0 and json.loads(out)["total"] == 2  # both forms, in any order


def test_the_explorer_without_a_terminal_says_so_and_exits(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "explorer.cli", "--index-dir", str(tmp_path / "index")],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "terminal" in done.stderr and "Traceback" not in done.stderr
