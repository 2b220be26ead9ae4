"""Small builders for tests: a library of report files in a temp folder."""

from __future__ import annotations

from pathlib import Path

from index.library import Library
from index.themes import ReportTheme

THEMES = [
    ReportTheme("carbon", "Carbon peaking & neutrality", "green", "dual carbon",
                ("carbon peaking", "carbon neutrality"), ("碳达峰", "碳中和")),
    ReportTheme("ai", "Digital economy & AI", "magenta", "AI",
                ("artificial intelligence", "digital economy"), ("人工智能", "数字经济", "具身智能")),
]

REPORTS = {
    "2024年政府工作报告.txt": (
        "政府工作报告\n\n各位代表：\n\n一、2023年工作回顾\n\n"
        "积极稳妥推进碳达峰碳中和，扎实开展碳达峰十大行动。\n\n"
        "深入推进数字经济创新发展，开展人工智能+行动。\n\n"
        "二、2024年工作任务\n\n培育具身智能等未来产业，建设数字中国。\n\n"
        "加强生态环境保护，持续打好蓝天保卫战。AI赋能千行百业。\n"
    ),
    "GR2025_en.txt": (
        "REPORT ON THE WORK OF THE GOVERNMENT\n\nI. A Review of Our Work in 2024\n\n"
        "We cut emissions of major pollutants and worked toward carbon peaking.\n\n"
        "Artificial intelligence and the digital economy grew fast.\n\n"
        "II. Major Tasks for 2025\n\n"
        "We will reduce the emission intensity and promote the 碳达峰 action plan.\n"
    ),
}


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `reportx ARGV...` in-process: (exit code, stdout, stderr)."""
    from explorer.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_reports(folder: Path, reports: dict[str, str] = REPORTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def make_library(tmp_path: Path, themes=THEMES, reports: dict[str, str] = REPORTS) -> Library:
    library = Library(tmp_path / "index", themes)
    library.update([write_reports(tmp_path / "reports", reports)])
    return library
