"""What each `reportx COMMAND` does; output through Rich, or JSON for scripts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from index.library import Library, LibraryError, outline_of
from index.notes.store import NotesError
from index.reader import ReadError, read_report
from index.search import SearchRequest, search
from index.themes import ThemesError, load_themes, resolve_themes_path

EXIT_USAGE = 2
EXIT_ERROR = 1

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def run(args) -> int:
    handler = {
        "index": cmd_index, "search": cmd_search, "outline": cmd_outline,
        "themes": cmd_themes, "notes": cmd_notes,
    }[args.command]
    try:
        return handler(args)
    except (ThemesError, LibraryError, ReadError, NotesError) as e:
        err.print(Text(f"reportx: {e}", style="red"))
        return EXIT_ERROR


def open_library(args) -> Library:
    themes = load_themes(resolve_themes_path(getattr(args, "themes_file", None)))
    library = Library(getattr(args, "index_dir", None), themes)
    for notice in library.notices:
        err.print(Text(notice, style="yellow"))
    if library.needs_rebuild() and library.roots():
        _index_with_progress(library, library.roots(), quiet=False)
    return library


# -- index -------------------------------------------------------------------


def cmd_index(args) -> int:
    library = open_library(args)
    summary = _index_with_progress(library, args.paths, quiet=False)
    table = Table.grid(padding=(0, 2))
    table.add_row("reports indexed", str(summary.indexed))
    table.add_row("unchanged", str(summary.unchanged))
    if summary.removed:
        table.add_row("removed (file gone)", str(summary.removed))
    table.add_row("paragraphs indexed", str(summary.paragraphs))
    table.add_row("library", f"{len(library.reports())} reports, {library.paragraph_count()} paragraphs")
    table.add_row("seconds", f"{summary.seconds:.2f}")
    table.add_row("index", str(library.index_dir))
    out.print(table)
    for path, reason in summary.skipped:
        err.print(Text(f"skipped {path}: {reason}", style="yellow"))
    library.close()
    return 0


def _index_with_progress(library: Library, paths, quiet: bool):
    with Progress(
        TextColumn("[bold]indexing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[name]}", markup=False),
        console=err, transient=True, disable=quiet,
    ) as progress:
        task = progress.add_task("index", total=None, name="")

        def report(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total, name=Path(path).name)

        return library.update(paths, progress=report)


# -- search ------------------------------------------------------------------


def parse_years(value: str | None) -> tuple[int | None, int | None] | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{4})?\s*(?:(-)\s*(\d{4})?)?\s*", value)
    if not m or not (m.group(1) or m.group(3)):
        raise SystemExit(f"reportx: --year takes a year or a range such as 2020-2025, not {value!r}")
    low = int(m.group(1)) if m.group(1) else None
    high = int(m.group(3)) if m.group(3) else (None if m.group(2) else low)
    return low, high


def cmd_search(args) -> int:
    library = open_library(args)
    if not library.reports():
        err.print("The library is empty: index some reports first, e.g. `reportx index FOLDER`.")
        return EXIT_ERROR
    known = {t.id for t in library.themes}
    unknown = [t for t in args.theme if t not in known]
    if unknown:
        err.print(Text(f"reportx: unknown theme {', '.join(unknown)}; see `reportx themes`", style="red"))
        return EXIT_USAGE
    request = SearchRequest(
        query=args.query, themes=tuple(args.theme), theme_mode="all" if args.all_themes else "any",
        reports=tuple(args.report), years=parse_years(args.year), lang=args.lang, limit=max(0, args.limit),
    )
    result = search(library, request)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return EXIT_USAGE if result.error else 0
    if result.error:
        err.print(Text(f"reportx: {result.error}", style="red"))
        return EXIT_USAGE
    _print_hits(result, library)
    return 0


def _print_hits(result, library: Library) -> None:
    colours = {t.id: t.colour for t in library.themes}
    out.print(Text.assemble((f"{result.total}", "bold"), f" paragraphs match {result.request.query!r}"
                            + (f" — showing {len(result.hits)}" if len(result.hits) < result.total else "")))
    for hit in result.hits:
        out.print()
        where = " › ".join(hit.section) if hit.section else ""
        year = "" if str(hit.year) in hit.title else f"{hit.year or '????'} "
        out.print(Text.assemble((year, "bold cyan"), (hit.title, "bold"), (f"  ¶{hit.paragraph}", "dim")))
        if where:
            out.print(Text(where, style="dim italic"))
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold black on yellow", start, end)
        out.print(snippet)
        if hit.themes:
            out.print(Text.assemble(*[(f"■ {t} ", colours.get(t, "white")) for t in hit.themes]))
    counts = {k: v for k, v in result.theme_counts.items() if v}
    if counts:
        out.print()
        out.print(Text("by theme: " + ", ".join(f"{k} {v}" for k, v in counts.items()), style="dim"))


# -- outline -----------------------------------------------------------------


def cmd_outline(args) -> int:
    report = read_report(args.path)
    sections = outline_of(report.sections)
    if args.json:
        data = {"title": report.meta.title, "year": report.meta.year, "lang": report.meta.lang,
                "sections": _strip_first(sections)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    out.print(Text.assemble((report.meta.title, "bold"), f"  ({report.meta.year or 'year unknown'}, {report.meta.lang}, "
                            f"{len(report.paragraphs())} paragraphs)"))
    _print_outline(sections, depth=0)
    return 0


def _strip_first(nodes: list[dict]) -> list[dict]:
    return [{"title": n["title"], "level": n["level"], "paragraphs": n["paragraphs"],
             "children": _strip_first(n["children"])} for n in nodes]


def _print_outline(nodes: list[dict], depth: int) -> None:
    for n in nodes:
        out.print(Text.assemble("  " * depth, (n["title"], "bold" if n["level"] <= 1 else ""),
                                (f"  ({n['paragraphs']})", "dim")))
        _print_outline(n["children"], depth + 1)


# -- themes ------------------------------------------------------------------


def cmd_themes(args) -> int:
    library = open_library(args)
    counts = search(library, SearchRequest(query="", themes=tuple(t.id for t in library.themes), limit=1)).theme_counts \
        if library.reports() else {}
    if args.json:
        data = [{"id": t.id, "label": t.label, "colour": t.colour, "description": t.description,
                 "keywords": {"en": list(t.keywords_en), "zh": list(t.keywords_zh)},
                 "paragraphs": counts.get(t.id, 0)} for t in library.themes]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    table = Table(title="Report themes", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("theme")
    table.add_column("paragraphs", justify="right")
    table.add_column("keywords (en / zh)", overflow="fold")
    for t in library.themes:
        keywords = ", ".join(t.keywords_en[:4]) + " / " + "、".join(t.keywords_zh[:4])
        table.add_row(Text(t.id, style=t.colour), Text(t.label), str(counts.get(t.id, 0)), Text(keywords, style="dim"))
    out.print(table)
    return 0


# -- notes -------------------------------------------------------------------


def cmd_notes(args) -> int:
    from explorer.notes_commands import cmd_notes as run_notes

    return run_notes(args, open_library(args))
