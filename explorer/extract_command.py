"""`reportx extract FILE`: the text reportx reads from a file, to check it, fix it or keep it as .txt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.text import display_text
from index import safejson
from index.model import Report
from index.reader import read_report, read_reports


def reports_of(path_arg: str) -> list[Report]:
    """The report(s) a command-line FILE names: a file, every row of a collection, or one row FILE#KEY."""
    path = Path(path_arg)
    return [read_report(path)] if not path.exists() else read_reports(path)


def cmd_extract(args: argparse.Namespace) -> int:
    reports = reports_of(str(args.path))
    if args.json:
        data = [{"path": r.meta.path, "id": r.meta.id, "title": r.meta.title, "year": r.meta.year,
                 "lang": r.meta.lang, "text": r.text} for r in reports]
        print(safejson.dumps(data if len(data) > 1 else data[0], indent=2))
        return 0
    for n, report in enumerate(reports):
        if len(reports) > 1:
            # A heading line per row, as `head` does for several files.
            sys.stdout.write(("\n" if n else "") + f"==> {display_text(report.meta.path)} <==\n")
        text = display_text(report.text, lines=True)  # report text never drives the terminal
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
