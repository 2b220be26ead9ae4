"""The `reportx` command: the app by default, and index/search/outline/themes/notes.

`reportx [PATH...]` opens the explorer (the bundled samples when the library
is empty and no path is given); the sub-commands print with Rich for people
and `--json` for scripts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

COMMANDS = ("index", "search", "outline", "extract", "themes", "notes", "compare", "digest",
            "trend", "kwic", "collocates", "first", "new", "targets")


COMMON_OPTIONS: dict[str, dict[str, object]] = {
    "--index-dir": {"type": Path, "help": "where the index lives (env REPORTX_INDEX_DIR)"},
    "--themes": {"type": Path, "dest": "themes_file", "metavar": "FILE",
                 "help": "themes.yaml to use instead of the user's or the default one"},
    "--notes-dir": {"type": Path, "help": "where notes are kept"},
}
"""Options of the app and of every command; each takes a value."""


def _common(parser: argparse.ArgumentParser) -> None:
    for flag, options in COMMON_OPTIONS.items():
        parser.add_argument(flag, **options)  # type: ignore[arg-type]  # argparse's kwargs are untyped per key


def command_first(argv: list[str]) -> list[str] | None:
    """`argv` with its command first, or None when it names no command.

    The common options may come before the command (`reportx --index-dir X
    search Q`): every command accepts them after its name too.
    """
    i = 0
    while i < len(argv) and argv[i].split("=", 1)[0] in COMMON_OPTIONS:
        i += 1 if "=" in argv[i] else 2  # `--flag=value` or `--flag value`
    if i < len(argv) and argv[i] in COMMANDS:
        return argv[i:] + argv[:i]
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportx", description="Explore government work reports in the terminal.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="index report files or folders (incremental)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _common(p)

    p = sub.add_parser("search", help="search the indexed reports")
    p.add_argument("query", help='Whoosh syntax: words, "phrases", AND/OR/NOT, wild*, field:value')
    p.add_argument("--theme", action="append", default=[], metavar="ID", help="only paragraphs of this theme (repeatable)")
    p.add_argument("--all-themes", action="store_true", help="with several --theme: paragraphs must have all of them")
    p.add_argument("--report", action="append", default=[], metavar="ID", help="only this report (repeatable)")
    p.add_argument("--year", metavar="Y|Y1-Y2", help="a year or a range of years")
    p.add_argument("--lang", choices=["zh", "en"])
    p.add_argument("--limit", type=int, default=20, help="hits to show; 0 for all (default 20)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    _common(p)

    p = sub.add_parser("outline", help="print a report's section tree (reads the file, no index needed)")
    p.add_argument("path", type=Path, help="a file (every row of a collection), or FILE#KEY for one row")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("extract", help="print the text reportx reads from a file (HTML, PDF, Word, a collection row)")
    p.add_argument("path", type=Path, help="a file, or FILE#KEY for one row of a CSV/JSONL collection")
    p.add_argument("--json", action="store_true", help="text with title, year, language and report id")

    p = sub.add_parser("themes", help="list the report themes with paragraph counts")
    p.add_argument("--json", action="store_true")
    _common(p)

    p = sub.add_parser("notes", help="export or import annotations")
    notes = p.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    e = notes.add_parser("export", help="export notes as Markdown, CSV or W3C JSON")
    e.add_argument("--format", choices=["md", "csv", "json"], default="md")
    e.add_argument("--report", action="append", default=[], metavar="ID")
    e.add_argument("--tag", action="append", default=[])
    e.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    _common(e)
    i = notes.add_parser("import", help="import notes from a W3C JSON export")
    i.add_argument("file", type=Path)
    _common(i)

    from explorer import compare_command, digest_command

    _common(compare_command.add_parser(sub))
    _common(digest_command.add_parser(sub))

    from explorer.analytics_commands import add_parsers

    add_parsers(sub, _common)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportx",
        description="Explore government work reports in the terminal. "
        f"Commands: {', '.join(COMMANDS)} (reportx COMMAND --help).",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="report files or folders to index and open (default: your library, or the bundled samples)")
    _common(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    from index.processes import use_forkserver

    argv = sys.argv[1:] if argv is None else argv
    use_forkserver()
    command_argv = command_first(argv)
    if command_argv is not None:
        args = build_parser().parse_args(command_argv)
        from explorer import commands

        return commands.run(args)
    if argv and argv[0] in ("-h", "--help"):
        build_app_parser().print_help()
        return 0
    args = build_app_parser().parse_args(argv)
    from explorer.launch import launch_app

    return launch_app(args)


def console():
    from rich.console import Console  # not on the app's path: ~45 ms to import

    return Console(highlight=False)


if __name__ == "__main__":
    sys.exit(main())
