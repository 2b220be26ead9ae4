"""What every `reportx COMMAND` shares: the two consoles, opening the library."""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from explorer.text import display_text as safe
from index.library import Library, UpdateSummary
from index.themes import load_themes, resolve_themes_path

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


opened: list[Library] = []
"""Libraries this command opened: asked whether an error means a damaged index."""


def close_opened() -> None:
    for library in opened:
        try:
            library.close()
        except Exception:  # noqa: BLE001, S110 - closing a damaged index may fail too
            pass
    opened.clear()


def open_library(args) -> Library:
    themes = load_themes(resolve_themes_path(getattr(args, "themes_file", None)))
    library = Library(getattr(args, "index_dir", None), themes, verify=args.command == "index")
    opened.append(library)
    for notice in library.notices:
        err.print(Text(safe(notice), style="yellow"))
    if library.needs_rebuild() and library.roots():
        index_with_progress(library, library.roots(), quiet=False)
    return library


def index_with_progress(library: Library, paths, quiet: bool) -> UpdateSummary:
    with Progress(
        TextColumn("[bold]indexing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[name]}", markup=False),
        console=err, transient=True, disable=quiet,
    ) as progress:
        task = progress.add_task("index", total=None, name="")

        def report(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total, name=safe(Path(path).name))

        return library.update(paths, progress=report)


def parse_years(value: str | None) -> tuple[int | None, int | None] | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{4})?\s*(?:(-)\s*(\d{4})?)?\s*", value)
    if not m or not (m.group(1) or m.group(3)):
        raise SystemExit(f"reportx: --year takes a year or a range such as 2020-2025, not {value!r}")
    low = int(m.group(1)) if m.group(1) else None
    high = int(m.group(3)) if m.group(3) else (None if m.group(2) else low)
    return low, high
