"""Where notes are kept."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from index.paths import default_notes_dir


def find_notes_dir(report_paths: Iterable[str | Path], explicit: str | Path | None = None) -> Path:
    """explicit > `.reportx/notes` beside the reports (an existing `.reportx/`
    in their folder or a parent) > the per-user data folder.

    A `.reportx/` folder lets a project keep its notes with its reports (and
    in its own version control).
    """
    if explicit is not None:
        return Path(explicit).expanduser()
    for report in report_paths:
        here = Path(report).expanduser().resolve()
        folder = here if here.is_dir() else here.parent
        for candidate in (folder, *folder.parents):
            if (candidate / ".reportx").is_dir():
                return candidate / ".reportx" / "notes"
    return default_notes_dir()
