"""Build small Report objects for the notes tests (one section, one paragraph per line)."""

from __future__ import annotations

import hashlib

from index.model import Paragraph, Report, ReportMeta, Section


def make_report(text: str, report_id: str = "r1", title: str = "Test report", year: int | None = 2024,
                section: str = "Part one") -> Report:
    paragraphs, offset = [], 0
    for line in text.split("\n"):
        if line:
            paragraphs.append(Paragraph(line, len(paragraphs), offset, (section,)))
        offset += len(line) + 1
    meta = ReportMeta(report_id, title, year, "zh" if not text.isascii() else "en",
                      f"/reports/{report_id}.txt", hashlib.sha256(text.encode()).hexdigest())
    report = Report(meta, text, [Section(section, 1, paragraphs)])
    assert all(report.text[p.start:p.end] == p.text for p in report.paragraphs())
    return report
