"""`reportx compare A [B]`: what changed between two reports, for people (Rich) or as md/html/json."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from explorer.compare_text import SIGN, inline_text, sign_text
from explorer.output import write_document
from index.compare import Comparison, compare_reports
from index.compare.export import EXPORTERS, label, section_heading, summary_line
from index.compare.pick import PickError, folder_reports, pick_report, previous_of
from index.library import Library
from index.model import Report, ReportMeta
from index.reader import read_report

err = Console(stderr=True, highlight=False, soft_wrap=True)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "compare", help="what changed between two reports (sections, sentences, figures)",
        description="Compare two reports section by section. A report is an id, a file, or a year with an "
        "optional language (2024, 2024:zh, 2025-en); B defaults to the same kind of report a year before A, "
        "and a year given as B means the report of that year most like A.")
    p.add_argument("a", metavar="A", help="the newer report when B is left out, else the older one")
    p.add_argument("b", metavar="B", nargs="?", help="the report to compare A with")
    p.add_argument("--section", metavar="TITLE", help="only sections whose title is like TITLE")
    p.add_argument("--format", choices=["text", "md", "html", "json"], default="text")
    p.add_argument("--all", action="store_true", help="text: also show unchanged sentences")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    return p


def pick_pair(a: str, b: str | None, candidates: list[ReportMeta]) -> tuple[ReportMeta, ReportMeta]:
    """(old, new) from what the user typed; see index.compare.pick."""
    first = pick_report(a, candidates)
    if b is None:
        if not candidates and Path(a).exists():  # a file outside any library: look beside it
            candidates = folder_reports(Path(a))
        return previous_of(first, candidates), first
    return first, pick_report(b, candidates, like=first)


def load_pair(a: str, b: str | None, library: Library) -> tuple[Report, Report]:
    old, new = pick_pair(a, b, list(library.reports()))
    return read_report(Path(old.path)), read_report(Path(new.path))


def cmd_compare(args: argparse.Namespace, library: Library, out: Console) -> int:
    try:
        old, new = load_pair(args.a, args.b, library)
    except PickError as e:
        err.print(Text(f"reportx: {e}", style="red"))
        return 1
    comparison = compare_reports(old, new, args.section)
    if args.section and not comparison.sections:
        err.print(Text(f"reportx: no section like {args.section!r} in either report", style="red"))
        return 1
    if args.format == "text" and not args.output:
        print_comparison(comparison, out, show_same=args.all)
        return 0
    text = EXPORTERS.get(args.format, EXPORTERS["md"])(comparison)
    return write_document(text, args.output, err, "comparison")


def print_comparison(comparison: Comparison, out: Console, show_same: bool = False) -> None:
    old, new = comparison.old, comparison.new
    out.print(Text.assemble((label(old.title, old.year), "bold"), " → ", (label(new.title, new.year), "bold")))
    counts = comparison.counts()
    out.print(Text(f"{counts['changed']} sentences changed, {counts['added']} added, {counts['removed']} removed, "
                   f"{counts['moved']} moved; {counts['same']} unchanged", style="dim"))
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("section")
    for kind in ("changed", "added", "removed", "moved"):
        table.add_column(f"{SIGN[kind]} {kind}", justify="right")
    for diff in comparison.sections:
        c = diff.counts()
        status = "" if diff.status == "matched" else f" ({diff.status})"
        table.add_row(Text(section_heading(diff) + status, overflow="fold"),
                      *(str(c[k]) for k in ("changed", "added", "removed", "moved")))
    out.print(table)
    for diff in comparison.sections:
        rows = [r for r in diff.rows if show_same or r.is_change]
        if not rows and diff.status in ("matched",):
            continue
        out.print()
        out.print(Text(section_heading(diff), style="bold underline"))
        out.print(Text(summary_line(diff), style="dim italic"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for row in rows:
            grid.add_row(sign_text(row), inline_text(row))
            if row.numbers:
                grid.add_row("", Text("figures: " + ", ".join(f"{o or '—'} → {n or '—'}" for o, n in row.numbers),
                                      style="bold yellow"))
        out.print(grid)
