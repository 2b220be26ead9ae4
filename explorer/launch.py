"""Start the app from parsed command-line arguments."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.exit_codes import EXIT_USAGE
from explorer.startup_gc import hold_garbage_collection
from index.themes import ReportTheme, ThemesError, load_themes, resolve_themes_path

if TYPE_CHECKING:  # Textual loads in build_app, after the arguments are parsed
    from explorer.app import ReportxApp


def bundled_samples() -> Path | None:
    try:
        path = Path(str(resources.files("explorer") / "samples"))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - odd loaders
        return None
    return path if path.is_dir() else None


def load_report_themes(themes_file: Path | None) -> tuple[list[ReportTheme], list[tuple[str, str]]]:
    """The report themes, or none and a notice saying why."""
    try:
        return load_themes(resolve_themes_path(themes_file)), []
    except ThemesError as e:
        return [], [("Themes file not usable; no theme filter", str(e))]
    except OSError as e:
        return [], [("Themes file not readable; no theme filter", str(e))]


def build_app(args: argparse.Namespace, app_class: type[ReportxApp] | None = None) -> ReportxApp:
    """The app as `reportx [PATH...]` builds it (a subclass of ReportxApp when given one)."""
    from explorer.app import ReportxApp

    themes, notices = load_report_themes(getattr(args, "themes_file", None))
    return (app_class or ReportxApp)(
        index_dir=getattr(args, "index_dir", None), themes=themes,
        paths=[Path(p) for p in getattr(args, "paths", []) or []],
        samples=bundled_samples(), startup_notices=notices, notes_dir=getattr(args, "notes_dir", None),
    )


def launch_app(args: argparse.Namespace) -> int:
    if not _in_a_terminal():
        # Textual would wait for keys that never come, at full CPU, drawing for no one.
        sys.stderr.write("reportx: the explorer runs in a terminal, and standard input or error is not one.\n"
                         "In a script or pipe, use a command instead (reportx --help lists them).\n")
        return EXIT_USAGE
    hold_garbage_collection()
    build_app(args).run()
    return 0


def _in_a_terminal() -> bool:
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.__stderr__))
