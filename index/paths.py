"""Where reportx keeps its files: the one answer to "which folder", for the core and the app.

Per-user folders come from platformdirs (XDG on Linux, Application Support on
macOS, AppData on Windows; the documents folder for exports). Every command-line override (`--index-dir`,
`--notes-dir`, `--themes`) is applied by the caller; `REPORTX_INDEX_DIR` is
read here because the index folder is the one every command needs.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reportx"
INDEX_DIR_ENV = "REPORTX_INDEX_DIR"


def data_dir() -> Path:
    """The per-user data folder: the index, notes, the remembered state."""
    return platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    """The per-user configuration folder: the user's themes.yaml."""
    return platformdirs.user_config_path(APP_NAME)


def cache_dir() -> Path:
    """The per-user cache folder: copies that can be rebuilt (checked themes)."""
    return platformdirs.user_cache_path(APP_NAME)


def export_dir() -> Path:
    """Where the app writes what the user exports (digests, notes, analysis tables): a reportx
    folder in the user's documents folder, made on the first export. The command line writes
    where it is told (`-o FILE`) or to the terminal."""
    return platformdirs.user_documents_path() / APP_NAME


def default_index_dir() -> Path:
    env = os.environ.get(INDEX_DIR_ENV)
    return Path(env) if env else data_dir() / "index"


def default_notes_dir() -> Path:
    return data_dir() / "notes"


def state_path() -> Path:
    """The app's remembered reading position and recent queries."""
    return data_dir() / "state.json"


def user_themes_path() -> Path:
    return config_dir() / "themes.yaml"


def themes_cache_dir() -> Path:
    return cache_dir() / "themes"
