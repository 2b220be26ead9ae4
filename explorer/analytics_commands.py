"""`reportx trend|kwic|collocates|first|new|targets`: the views across the
years on the command line, for people (Rich) and scripts (--csv, --json)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.table import Table
from rich.text import Text

from explorer.output import to_stdout

COMMANDS = ("trend", "kwic", "collocates", "first", "new", "targets")
BAR = "█"
BAR_WIDTH = 30


def add_parsers(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The analytics sub-commands, added to the `reportx` parser."""
    from index.analytics.collocates import DEFAULT_MIN_FREQ, DEFAULT_WINDOW, SCORES
    from index.analytics.kwic import DEFAULT_WIDTH, SORTS

    def output(p: argparse.ArgumentParser) -> None:
        group = p.add_mutually_exclusive_group()
        group.add_argument("--csv", action="store_true", help="print CSV for spreadsheets")
        group.add_argument("--json", action="store_true", help="print JSON for scripts")
        common(p)

    def scope(p: argparse.ArgumentParser, themes: bool = True) -> None:
        if themes:
            p.add_argument("--theme", action="append", default=[], metavar="ID", help="only paragraphs of this theme")
        p.add_argument("--year", metavar="Y|Y1-Y2", help="a year or a range of years")
        p.add_argument("--lang", choices=["zh", "en"])

    p = sub.add_parser("trend", help="how often terms or themes occur, year by year")
    p.add_argument("terms", nargs="*", metavar="TERM", help="search queries (one series each)")
    p.add_argument("--theme", action="append", default=[], metavar="ID", help="a theme as a series (repeatable)")
    p.add_argument("--per", choices=["10k", "raw"], default="10k",
                   help="bars by rate per 10,000 characters/words (default) or raw counts")
    p.add_argument("--kind", choices=["national", "provincial", "other", "all"],
                   help="which reports count (default: national, one a year; all with --by-kind)")
    p.add_argument("--by-kind", action="store_true", help="split national / provincial / other reports")
    scope(p, themes=False)
    output(p)

    p = sub.add_parser("kwic", help="concordance: every match with its context, aligned")
    p.add_argument("query")
    p.add_argument("--width", type=int, default=DEFAULT_WIDTH,
                   help=f"context per side: N characters of Chinese, N/2 English words (default {DEFAULT_WIDTH})")
    p.add_argument("--sort", choices=SORTS, default="year")
    p.add_argument("--limit", type=int, default=0, help="lines to show; 0 for all (default)")
    scope(p)
    output(p)

    p = sub.add_parser("collocates", help="the words found near a query most, beyond chance")
    p.add_argument("query")
    p.add_argument("--window", type=int, default=DEFAULT_WINDOW, help=f"words each side (default {DEFAULT_WINDOW})")
    p.add_argument("--min-freq", type=int, default=DEFAULT_MIN_FREQ,
                   help=f"least occurrences near the matches (default {DEFAULT_MIN_FREQ})")
    p.add_argument("--score", choices=SCORES, default="ll", help="log-likelihood (default) or mutual information")
    p.add_argument("--limit", type=int, default=30)
    scope(p)
    output(p)

    p = sub.add_parser("first", help="the first year a term appears, and every year it does")
    p.add_argument("term")
    p.add_argument("--kind", choices=["national", "provincial", "other", "all"], default="national",
                   help="which reports to look in (default: national)")
    p.add_argument("--lang", choices=["zh", "en"])
    output(p)

    p = sub.add_parser("new", help="expressions new in a year's national report, and those gone")
    p.add_argument("new_year", type=int, metavar="YEAR")
    p.add_argument("--vs", type=int, metavar="YEAR", help="compare with this year only (default: every earlier year)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--limit", type=int, default=30)
    output(p)

    p = sub.add_parser("targets", help="the main expected targets of each national report")
    p.add_argument("--lang", choices=["zh", "en"], help="one language (default: both)")
    p.add_argument("--year", metavar="Y|Y1-Y2", help="a year or a range of years")
    p.add_argument("--clauses", action="store_true", help="print the clause each value came from")
    output(p)


def run(name: str, args: argparse.Namespace, out: Console, err: Console) -> int:
    from explorer.command_common import open_library, parse_years
    from explorer.exit_codes import EXIT_ERROR, EXIT_USAGE
    from index.analytics.hits import AnalyticsError

    library = open_library(args)
    if not library.reports():
        err.print("The library is empty: index some reports first, e.g. `reportx index FOLDER`.")
        return EXIT_ERROR
    years = parse_years(getattr(args, "year", None))
    try:
        return {"trend": _trend, "kwic": _kwic, "collocates": _collocates, "first": _first,
                "new": _new, "targets": _targets}[name](library, args, years, out)
    except AnalyticsError as e:
        err.print(Text(f"reportx: {e}", style="red"))
        return EXIT_USAGE


def _emit_csv(rows: Any) -> None:
    from index.analytics.export import csv_text

    to_stdout(csv_text(rows))


def _emit_json(data: object) -> None:
    from index.analytics.export import json_text

    to_stdout(json_text(data))


# -- trend -------------------------------------------------------------------


def _trend(library: Any, args: argparse.Namespace, years: Any, out: Console) -> int:
    from explorer.exit_codes import EXIT_USAGE
    from index.analytics.trend import series_for, trend

    series = series_for(library, args.terms, args.theme)
    if not series:
        out.print("Give at least one TERM or --theme ID.")
        return EXIT_USAGE
    result = trend(library, series, lang=args.lang, by_kind=args.by_kind, years=years, scope=args.kind)
    if args.json:
        _emit_json(result.to_json())
    elif args.csv:
        from index.analytics.export import trend_rows

        _emit_csv(trend_rows(result))
    else:
        for s in result.series:
            rows = result.rows_of(s.label)
            out.print(trend_table(s.label, rows, args.per == "raw", args.by_kind, result.scope))
    return 0


def trend_table(label: str, rows: Sequence[Any], raw: bool, by_kind: bool, scope: str = "national") -> Table:
    """Year, counts and a bar per row (the bar by rate, or by count when `raw`)."""
    from index.analytics.trend import scope_label

    table = Table(title=Text(f"{label} · {scope_label(scope, by_kind)}"), title_justify="left", box=None,
                  padding=(0, 1), caption="per 10k: per 10,000 characters (zh) or words (en)", caption_justify="left")
    table.add_column("year", justify="right")
    table.add_column("lang")
    if by_kind:
        table.add_column("kind")
    table.add_column("count", justify="right")
    table.add_column("¶", justify="right")
    table.add_column("per 10k", justify="right")
    table.add_column("", no_wrap=True, overflow="crop")
    top = max((r.count if raw else r.rate for r in rows), default=0) or 1
    for r in rows:
        value = r.count if raw else r.rate
        bar = Text(BAR * round(value / top * BAR_WIDTH) if value else "·", style="cyan" if value else "dim")
        cells = [str(r.year), r.lang] + ([r.kind] if by_kind else [])
        table.add_row(*cells, str(r.count), str(r.paragraphs), f"{r.rate:.2f}", bar)
    return table


# -- concordance -------------------------------------------------------------


def _kwic(library: Any, args: argparse.Namespace, years: Any, out: Console) -> int:
    from index.analytics import export
    from index.analytics.kwic import concordance

    lines = concordance(library, args.query, width=max(1, args.width), sort=args.sort,
                        themes=args.theme, lang=args.lang, years=years)
    shown = lines[: args.limit] if args.limit > 0 else lines
    if args.json:
        _emit_json(export.kwic_json(args.query, shown, len(lines)))
        return 0
    if args.csv:
        _emit_csv(export.kwic_rows(shown))
        return 0
    out.print(Text.assemble((str(len(lines)), "bold"), f" matches of {args.query!r}"
                            + (f" — showing {len(shown)}" if len(shown) < len(lines) else "")))
    left_cells = max((cell_len(x.left) for x in shown), default=0)
    for x in shown:
        # One line per match, whatever the width: cut at a terminal's edge, whole in a pipe.
        if out.is_terminal:
            out.print(kwic_text(x, left_cells), no_wrap=True, overflow="ellipsis")
        else:
            out.print(kwic_text(x, left_cells), soft_wrap=True)
    return 0


def kwic_text(line: Any, left_cells: int) -> Text:
    """One concordance line: year and place, then the context aligned on the match."""
    place = f"{line.year or '????'} ¶{line.paragraph:<4}"
    return Text.assemble((place, "dim"), " ", set_cell_size(line.left, left_cells) if cell_len(line.left) < left_cells
                         else line.left, " ", (line.hit, "bold black on yellow"), " ", line.right)


# -- collocates --------------------------------------------------------------


def _collocates(library: Any, args: argparse.Namespace, years: Any, out: Console) -> int:
    from index.analytics import export
    from index.analytics.collocates import collocates

    found = collocates(library, args.query, window=max(1, args.window), min_freq=max(1, args.min_freq),
                       score=args.score, themes=args.theme, lang=args.lang, years=years, limit=max(1, args.limit))
    if args.json:
        _emit_json(export.collocates_json(args.query, args.score, found))
        return 0
    if args.csv:
        _emit_csv(export.collocate_rows(found))
        return 0
    table = Table(title=Text(f"collocates of {args.query} (±{args.window} words, {args.score})"), title_justify="left")
    for name, justify in (("word", "left"), ("left", "right"), ("right", "right"), ("corpus", "right"),
                          ("score", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for c in found:
        table.add_row(Text(c.word), str(c.left), str(c.right), str(c.corpus), f"{c.score:.1f}")
    out.print(table)
    return 0


# -- first appearance ----------------------------------------------------------


def _first(library: Any, args: argparse.Namespace, years: Any, out: Console) -> int:
    from index.analytics.novelty import first_appearance

    kind = None if args.kind == "all" else args.kind
    found = first_appearance(library, args.term, kind=kind, lang=args.lang)
    if args.json:
        _emit_json(found.to_json())
        return 0
    if args.csv:
        from index.analytics.export import appearance_rows

        _emit_csv(appearance_rows(found))
        return 0
    where = "any report" if kind is None else f"{kind} reports"
    if found.first_year is None:
        out.print(Text(f"{args.term} does not appear in {where}."))
        return 0
    out.print(Text.assemble((args.term, "bold"), f" first appears in {where} in ",
                            (str(found.first_year), "bold cyan")))
    out.print(Text("years: " + ", ".join(f"{y} ({n} ¶)" for y, n in found.years.items()), style="dim"))
    if found.first:
        out.print(Text.assemble((found.first.title, "bold"), f"  ¶{found.first.paragraph}"))
        snippet = Text(found.first.snippet)
        for start, end in found.first.highlights:
            snippet.stylize("bold black on yellow", start, end)
        out.print(snippet)
    return 0


# -- new expressions -----------------------------------------------------------


def _new(library: Any, args: argparse.Namespace, years: Any, out: Console) -> int:
    from index.analytics.novelty import new_expressions

    found = new_expressions(library, args.new_year, vs=args.vs, lang=args.lang, limit=max(1, args.limit))
    if args.json:
        _emit_json(found.to_json())
        return 0
    if args.csv:
        from index.analytics.export import novelty_rows

        _emit_csv(novelty_rows(found))
        return 0
    compared = found.compared
    against = f"{compared[0].year}" if len(compared) == 1 else f"{compared[0].year}–{compared[-1].year}"
    for title, items in ((f"new in {found.year} (not in {against})", found.new),
                         (f"gone in {found.year} (in {compared[-1].year}, not in {found.year})", found.gone)):
        table = Table(title=Text(title), title_justify="left")
        table.add_column("#", justify="right")
        table.add_column("expression")
        table.add_column("×", justify="right")
        table.add_column("first clause", overflow="fold")
        for n, e in enumerate(items, 1):
            table.add_row(str(n), Text(e.text, style="bold"), str(e.count), Text(e.example, style="dim"))
        out.print(table)
    return 0


# -- targets ---------------------------------------------------------------------


def _targets(library: Any, args: argparse.Namespace, years: Any, out: Console) -> int:
    from explorer.target_text import target_cell
    from index.analytics.targets import INDICATORS, targets_table

    rows = targets_table(library, (args.lang,) if args.lang else ("zh", "en"))
    if years:
        low, high = years
        rows = [r for r in rows if (low is None or r.year >= low) and (high is None or r.year <= high)]
    if args.json:
        from index.analytics.export import targets_json

        _emit_json(targets_json(rows))
        return 0
    if args.csv:
        from index.analytics.export import targets_rows

        _emit_csv(targets_rows(rows))
        return 0
    table = Table(title="Main expected targets (— not stated)", title_justify="left", box=None, padding=(0, 1),
                  pad_edge=False)
    table.add_column("year", justify="right", no_wrap=True, min_width=4)
    table.add_column("lang", no_wrap=True, min_width=2)
    for indicator in INDICATORS:
        table.add_column(indicator.short, overflow="fold")
    for r in rows:
        table.add_row(str(r.year), r.lang, *[target_cell(r.targets[i.id]) for i in INDICATORS])
    out.print(table)
    if args.clauses:
        for r in rows:
            for t in r.targets.values():
                if t.clause:
                    out.print(Text.assemble((f"{r.year} {r.lang} {t.indicator}: ", "dim"), t.clause))
    return 0
