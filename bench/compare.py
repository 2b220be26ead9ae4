"""Comparing two whole national reports (2024 and 2025, Chinese and English): the issue's
target is 300 ms. The baseline is a plain line diff (difflib.unified_diff) of the same files:
what `diff` would show, with no sections, sentences or figures."""

from __future__ import annotations

import difflib
import time
from pathlib import Path

from bench.stats import median

PAIRS = {
    "zh": ("national-zh/2024年中华人民共和国国务院政府工作报告.txt", "national-zh/2025年中华人民共和国国务院政府工作报告.txt"),
    "en": ("national-en/report_2024_en.txt", "national-en/report_2025_en.txt"),
}


def job_compare(job: dict) -> dict:
    from index.compare import compare_reports
    from index.reader import read_report

    corpus = Path(job["corpus"])
    reps = int(job.get("reps", 5))
    out: dict = {}
    for lang, (old_name, new_name) in PAIRS.items():
        old_path, new_path = corpus / old_name, corpus / new_name
        if not (old_path.exists() and new_path.exists()):
            out[lang] = {"skipped": f"{old_name} or {new_name} not in the corpus"}
            continue
        old, new = read_report(old_path), read_report(new_path)
        compare_reports(old, new)  # first run imports rapidfuzz and compiles the patterns
        compare_ms, with_reading_ms, baseline_ms = [], [], []
        for _ in range(reps):
            began = time.perf_counter()
            compare_reports(old, new)
            compare_ms.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            compare_reports(read_report(old_path), read_report(new_path))
            with_reading_ms.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            list(difflib.unified_diff(old_path.read_text(encoding="utf-8").splitlines(),
                                      new_path.read_text(encoding="utf-8").splitlines()))
            baseline_ms.append((time.perf_counter() - began) * 1000)
        out[lang] = {"compare_ms": median(compare_ms), "with_reading_ms": median(with_reading_ms),
                     "baseline_ms": median(baseline_ms)}
    return out


def compare_rows(row, res: dict) -> None:
    """The summary rows: compare only, and reading both files plus comparing them."""
    done = [res[lang] for lang in PAIRS if "compare_ms" in res.get(lang, {})]
    if not done:
        return
    worst = max(r["with_reading_ms"] for r in done)
    row("compare 2 national reports, zh / en (ms)", " / ".join(f"{r['compare_ms']:.0f}" for r in done),
        " / ".join(f"{r['baseline_ms']:.0f}" for r in done), "ms")
    row("  + reading both files, worst (ms)", worst, None, "ms", "≤ 300 ms", worst <= 300, "{:.0f}")
