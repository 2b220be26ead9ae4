"""What each `reportx COMMAND` does; output through Rich, or JSON for scripts."""

from __future__ import annotations

import os

from rich.table import Table
from rich.text import Text

from explorer.command_common import (
    close_opened,
    err,
    index_with_progress,
    open_library,
    opened,
    out,
    parse_years,
)
from explorer.exit_codes import EXIT_ERROR, EXIT_USAGE
from explorer.text import display_text as safe
from index import safejson
from index.formats.discover import summarize_skipped
from index.library import Library, LibraryError, outline_of
from index.notes.store import NotesError
from index.reader import ReadError
from index.search import SearchRequest, search
from index.themes import ThemesError


def run(args) -> int:
    from explorer import analytics_commands

    if args.command in analytics_commands.COMMANDS:
        try:
            return analytics_commands.run(args.command, args, out, err)
        except (ThemesError, LibraryError) as e:
            err.print(Text(f"reportx: {e}", style="red"))
            return EXIT_ERROR
    handler = {
        "index": cmd_index, "search": cmd_search, "outline": cmd_outline,
        "extract": cmd_extract, "themes": cmd_themes, "notes": cmd_notes, "compare": cmd_compare, "digest": cmd_digest,
    }[args.command]
    for attempt in (1, 2):
        try:
            return handler(args)
        except (ThemesError, LibraryError, ReadError, NotesError) as e:
            err.print(Text(safe(f"reportx: {e}"), style="red"))
            return EXIT_ERROR
        except KeyboardInterrupt:
            return 130
        except Exception as e:  # noqa: BLE001 - a damaged index is repaired; anything else is one line
            reason = next((r for r in (lib.damaged(e) for lib in opened) if r), None) if attempt == 1 else None
            close_opened()
            if reason is None:
                if os.environ.get("REPORTX_DEBUG"):
                    raise
                err.print(Text(safe(f"reportx: internal error: {type(e).__name__}: {e} "
                                    "(set REPORTX_DEBUG=1 to see where)"), style="red"))
                return EXIT_ERROR
            # The next open finds the mark, rebuilds from the remembered folders and runs the command again.
            err.print(Text(safe(f"reportx: the index is damaged ({reason}); rebuilding it"), style="yellow"))
    return EXIT_ERROR


# -- index -------------------------------------------------------------------


def cmd_index(args) -> int:
    library = open_library(args)
    summary = index_with_progress(library, args.paths, quiet=False)
    table = Table.grid(padding=(0, 2))
    table.add_row("reports indexed", str(summary.indexed))
    table.add_row("unchanged", str(summary.unchanged))
    if summary.removed:
        table.add_row("removed (file gone)", str(summary.removed))
    table.add_row("paragraphs indexed", str(summary.paragraphs))
    table.add_row("library", f"{len(library.reports())} reports, {library.paragraph_count()} paragraphs")
    table.add_row("seconds", f"{summary.seconds:.2f}")
    table.add_row("index", Text(safe(str(library.index_dir))))
    out.print(table)
    for warning in summary.warnings:
        err.print(Text(safe(f"warning: {warning}"), style="yellow"))
    for path, reason in summary.skipped:
        err.print(Text(safe(f"skipped {path}: {reason}"), style="yellow"))
    if summary.skipped:
        err.print(Text(safe(summarize_skipped(summary.skipped)), style="yellow"))
    library.close()
    return 0


# -- search ------------------------------------------------------------------


def cmd_search(args) -> int:
    library = open_library(args)
    if not library.reports():
        err.print("The library is empty: index some reports first, e.g. `reportx index FOLDER`.")
        return EXIT_ERROR
    known = {t.id for t in library.themes}
    unknown = [t for t in args.theme if t not in known]
    if unknown:
        err.print(Text(safe(f"reportx: unknown theme {', '.join(unknown)}; see `reportx themes`"), style="red"))
        return EXIT_USAGE
    request = SearchRequest(
        query=args.query, themes=tuple(args.theme), theme_mode="all" if args.all_themes else "any",
        reports=tuple(args.report), years=parse_years(args.year), lang=args.lang, limit=max(0, args.limit),
    )
    result = search(library, request)
    if args.json:
        print(safejson.dumps(result.to_json(), indent=2))
        return EXIT_USAGE if result.error else 0
    if result.error:
        err.print(Text(safe(f"reportx: {result.error}"), style="red"))
        return EXIT_USAGE
    _print_hits(result, library)
    return 0


def _print_hits(result, library: Library) -> None:
    colours = {t.id: t.colour for t in library.themes}
    out.print(Text.assemble((f"{result.total}", "bold"), safe(f" paragraphs match {result.request.query!r}")
                            + (f" — showing {len(result.hits)}" if len(result.hits) < result.total else "")))
    for hit in result.hits:
        out.print()
        where = " › ".join(hit.section) if hit.section else ""
        year = "" if str(hit.year) in hit.title else f"{hit.year or '—'} "
        place = f"  heading, ¶{hit.paragraph}" if hit.heading else f"  ¶{hit.paragraph}"
        out.print(Text.assemble((year, "bold cyan"), (safe(hit.title), "bold"), (place, "dim")))
        if where:
            out.print(Text(safe(where), style="dim italic"))
        snippet = Text(safe(hit.snippet))  # one character for one: the highlights still fit
        for start, end in hit.highlights:
            snippet.stylize("bold black on yellow", start, end)
        out.print(snippet)
        if hit.themes:
            out.print(Text.assemble(*[(f"■ {safe(t)} ", colours.get(t, "white")) for t in hit.themes]))
    counts = {k: v for k, v in result.theme_counts.items() if v}
    if counts:
        out.print()
        out.print(Text(safe("by theme: " + ", ".join(f"{k} {v}" for k, v in counts.items())), style="dim"))


# -- outline -----------------------------------------------------------------


def cmd_extract(args) -> int:
    from explorer.extract_command import cmd_extract as run_extract

    return run_extract(args)


def cmd_outline(args) -> int:
    from explorer.extract_command import reports_of

    reports = reports_of(str(args.path))
    if args.json and len(reports) > 1:
        print(safejson.dumps([_outline_json(r) for r in reports], indent=2))
        return 0
    for n, report in enumerate(reports):
        for problem in report.problems:
            err.print(Text(safe(f"warning: {problem}"), style="yellow"))
        if n:
            out.print()
        _outline(report, args.json)
    return 0


def _outline_json(report) -> dict:
    return {"title": report.meta.title, "year": report.meta.year, "lang": report.meta.lang,
            "sections": _strip_first(outline_of(report.sections))}


def _outline(report, as_json: bool) -> int:
    sections = outline_of(report.sections)
    if as_json:
        print(safejson.dumps(_outline_json(report), indent=2))
        return 0
    facts = f"  ({report.meta.year or 'year unknown'}, {report.meta.lang}, {len(report.paragraphs())} paragraphs)"
    out.print(Text.assemble((safe(report.meta.title), "bold"), safe(facts)))
    _print_outline(sections, depth=0)
    return 0


def _strip_first(nodes: list[dict]) -> list[dict]:
    return [{"title": n["title"], "level": n["level"], "paragraphs": n["paragraphs"],
             "children": _strip_first(n["children"])} for n in nodes]


def _print_outline(nodes: list[dict], depth: int) -> None:
    for n in nodes:
        out.print(Text.assemble("  " * depth, (safe(n["title"]), "bold" if n["level"] <= 1 else ""),
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
        print(safejson.dumps(data, indent=2))
        return 0
    table = Table(title="Report themes", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("theme")
    table.add_column("paragraphs", justify="right")
    table.add_column("keywords (en / zh)", overflow="fold")
    for t in library.themes:
        keywords = ", ".join(t.keywords_en[:4]) + " / " + "、".join(t.keywords_zh[:4])
        table.add_row(Text(safe(t.id), style=t.colour), Text(safe(t.label)), str(counts.get(t.id, 0)),
                      Text(safe(keywords), style="dim"))
    out.print(table)
    return 0


# -- notes -------------------------------------------------------------------


def cmd_notes(args) -> int:
    from explorer.notes_commands import cmd_notes as run_notes

    return run_notes(args, open_library(args))


# -- compare, digest -----------------------------------------------------------


def cmd_compare(args) -> int:
    from explorer.compare_command import cmd_compare as run_compare

    return run_compare(args, open_library(args), out)


def cmd_digest(args) -> int:
    from explorer.digest_command import cmd_digest as run_digest

    return run_digest(args, open_library(args), parse_years(args.year))
