"""Bench rows for other formats: extracting a 20-page Chinese PDF, and indexing
the corpus typeset as PDFs against the same reports as .txt.

PDFs are typeset from the corpus text with reportlab (a test-only dependency)
by tests/formats_support.py, once per run, in the bench's temp folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import REPO_ROOT

PDF_PAGES = 20


def _support():
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    import formats_support

    return formats_support


def make_folders(corpus: Path, dest: Path) -> tuple[Path, Path]:
    """The corpus as .txt (paragraphs one per line) and as PDFs of the same paragraphs."""
    from index.reader import ReadError, discover, read_report

    support = _support()
    txt, pdf = dest / "as-txt", dest / "as-pdf"
    for path in discover([corpus]):
        try:
            report = read_report(path)
        except ReadError:
            continue
        rel = path.relative_to(corpus).with_suffix("")
        paragraphs = support.paragraphs_of(report.text)
        (txt / rel).parent.mkdir(parents=True, exist_ok=True)
        (pdf / rel).parent.mkdir(parents=True, exist_ok=True)
        (txt / rel).with_suffix(".txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        support.report_pdf(paragraphs, (pdf / rel).with_suffix(".pdf"), report.meta.lang)
    return txt, pdf


def twenty_page_pdf(corpus: Path, dest: Path) -> Path:
    """A Chinese report typeset to at least PDF_PAGES pages (the 2024 report, continued by 2023's)."""
    support = _support()
    paragraphs: list[str] = []
    for year in (2024, 2023, 2022):
        source = next((corpus / "national-zh").glob(f"{year}年*.txt"), None)
        if source is not None:
            paragraphs += support.paragraphs_of(source.read_text(encoding="utf-8"))
    path = dest / "twenty-pages.pdf"
    lines = len(paragraphs)
    while lines > 10:
        pages = support.report_pdf(paragraphs[:lines], path)
        if pages <= PDF_PAGES:
            break
        lines = lines * PDF_PAGES // pages
    return path


def time_extract(path: Path, reps: int) -> dict:
    import pypdfium2

    from index.formats.pdf import extract_pdf

    data = path.read_bytes()
    pages = len(pypdfium2.PdfDocument(data))
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        extract_pdf(data)
        times.append(time.perf_counter() - began)
    return {"pages": pages, "seconds": statistics.median(times), "all": times}


def run_formats(corpus: Path, tmp: Path, worker: Callable[[dict], dict], step: Callable[[str], None],
                quick: bool) -> dict:
    step("formats: typesetting the corpus as PDFs (reportlab)")
    txt, pdf = make_folders(corpus, tmp / "formats")
    out: dict = {"extract": time_extract(twenty_page_pdf(corpus, tmp / "formats"), 3 if quick else 7)}
    step(f"  {out['extract']['pages']}-page Chinese PDF extracted in {out['extract']['seconds']:.3f} s")
    for name, root in (("txt", txt), ("pdf", pdf)):
        runs = []
        for i in range(1 if quick else 3):
            # A fresh cache: the PDF build must extract, not reuse text kept by an earlier run.
            cache = tempfile.mkdtemp(prefix="cache-", dir=tmp)
            previous = os.environ.get("XDG_CACHE_HOME")
            os.environ["XDG_CACHE_HOME"] = cache
            try:
                runs.append(worker({"job": "build", "engine": "reportx", "index": str(tmp / f"fmt-{name}-{i}"),
                                    "roots": [str(root)]}))
            finally:
                if previous is None:
                    os.environ.pop("XDG_CACHE_HOME", None)
                else:
                    os.environ["XDG_CACHE_HOME"] = previous
        out[f"index_{name}"] = runs
        step(f"  indexing the corpus as .{name}: {statistics.median(r['seconds'] for r in runs):.1f} s "
             f"({runs[0]['summary']['indexed']} reports)")
    return out


def rows(res: dict, row: Callable[..., None]) -> None:
    ex = res["extract"]
    row(f"extract a {ex['pages']}-page Chinese PDF (s)", ex["seconds"], None, "s", "≤ 0.3 s", ex["seconds"] <= 0.3,
        "{:.3f}")
    txt = statistics.median(r["seconds"] for r in res["index_txt"])
    pdf = statistics.median(r["seconds"] for r in res["index_pdf"])
    row("index the corpus as PDFs vs as .txt (s)", pdf, txt, "s", "≤ 1.5× the .txt", pdf <= 1.5 * txt)
