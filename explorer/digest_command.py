"""`reportx digest QUERY`: every paragraph a search finds, as Markdown, HTML or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.text import Text

from explorer.output import write_document
from index.digest import FORMATS, DigestError, build_digest
from index.library import Library
from index.notes.model import Annotation
from index.search import SearchRequest

err = Console(stderr=True, highlight=False, soft_wrap=True)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "digest", help="every paragraph a search finds, under its headings, as Markdown, HTML or CSV")
    p.add_argument("query", help="search query as for `reportx search` ('' for every paragraph of the themes)")
    p.add_argument("--theme", action="append", default=[], metavar="ID", help="only paragraphs of this theme (repeatable)")
    p.add_argument("--all-themes", action="store_true", help="with several --theme: paragraphs must have all of them")
    p.add_argument("--report", action="append", default=[], metavar="ID", help="only this report (repeatable)")
    p.add_argument("--year", metavar="Y|Y1-Y2", help="a year or a range of years")
    p.add_argument("--lang", choices=["zh", "en"])
    p.add_argument("--format", choices=sorted(FORMATS), default="md")
    p.add_argument("--notes", action="store_true", help="include your notes on these paragraphs")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    return p


def user_notes(args: argparse.Namespace, library: Library) -> list[Annotation]:
    from explorer.notes_commands import notes_store
    from index.notes.current import ReportCache, anchored_notes

    return anchored_notes(notes_store(args, library), ReportCache({r.id: r.path for r in library.reports()}))


def cmd_digest(args: argparse.Namespace, library: Library, years: tuple[int | None, int | None] | None) -> int:
    if not library.reports():
        err.print("The library is empty: index some reports first, e.g. `reportx index FOLDER`.")
        return 1
    unknown = [t for t in args.theme if t not in {t.id for t in library.themes}]
    if unknown:
        err.print(Text(f"reportx: unknown theme {', '.join(unknown)}; see `reportx themes`", style="red"))
        return 2
    if not args.query.strip() and not args.theme:
        err.print(Text("reportx: give a query, a --theme, or both", style="red"))
        return 2
    request = SearchRequest(query=args.query, themes=tuple(args.theme), theme_mode="all" if args.all_themes else "any",
                            reports=tuple(args.report), years=years, lang=args.lang)
    try:
        digest = build_digest(library, request, user_notes(args, library) if args.notes else ())
    except DigestError as e:
        err.print(Text(f"reportx: {e}", style="red"))
        return 2
    text = FORMATS[args.format](digest)
    return write_document(text, args.output, err, f"{len(digest.entries)} paragraphs")
