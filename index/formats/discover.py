"""Which files below a folder are reports, and why the others are not.

Every file a folder scan passes over is named with a reason, so a user never
wonders why a download did not show up. Passed over in silence: hidden files
and folders (.git, .reportx), the `NAME.meta.yaml` sidecars that belong to a
report, and README/licence files, which sit beside reports in every download
and would make the notice noise.
"""

from __future__ import annotations

import errno
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from index.formats.detect import SUFFIXES

_NOT_REPORTS = re.compile(r"^(readme|license|licence|changelog|copying|notice)(\..*)?$", re.I)
_SIDECAR = re.compile(r"\.meta\.ya?ml$", re.I)


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def _walk_error(skip: Callable[[str | Path, OSError], None], top: Path, error: OSError) -> None:
    skip(error.filename or top, error)


def discover_files(paths: list[Path]) -> Discovery:
    """Report files named by `paths` (files, or folders searched recursively).

    A file named explicitly is always a candidate: its content decides.
    Symlinked folders are not followed (a link back up would loop); a folder
    that cannot be listed, or a path that cannot be resolved, is named in
    `skipped` with the reason, and the rest is still found.
    """
    found: dict[Path, None] = {}
    result = Discovery()

    def skip(path: str | Path, error: OSError | RuntimeError) -> None:
        result.skipped.append((str(path), os_reason(error)))

    for path in paths:
        try:
            is_dir = path.is_dir()
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError) as e:  # RuntimeError: a symlink loop (Python 3.11)
            skip(path, e)
            continue
        if not is_dir:
            found[resolved] = None
            continue
        for folder, dirs, files in os.walk(path, onerror=partial(_walk_error, skip, path)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # .reportx/, .git/ ...
            for name in sorted(files):
                child = Path(folder, name)
                if name.startswith(".") or _SIDECAR.search(name) or _NOT_REPORTS.match(name):
                    continue
                try:
                    if not child.is_file():
                        continue
                    reason = skip_reason(child)
                    if reason:
                        result.skipped.append((str(child), reason))
                    else:
                        found[child.resolve(strict=True)] = None
                except (OSError, RuntimeError) as e:
                    skip(child, e)
    result.files = list(found)
    return result


def os_reason(error: OSError | RuntimeError) -> str:
    """One line for a file-system error met while finding or reading files."""
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read ({error.strerror or error})" if isinstance(error, OSError) else str(error)


def skip_reason(path: Path) -> str:
    """Why a file in a folder is not read as a report ("" when it is)."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return ""
    return f"not a report format ({suffix or 'no extension'}); reportx reads {readable_formats()}"


def readable_formats() -> str:
    return ".txt .md .html .pdf .docx .csv .tsv .jsonl .json"


def summarize_skipped(skipped: list[tuple[str, str]]) -> str:
    """One line: how many files were skipped, of which kinds, e.g.
    "3 files skipped: 2 .png, 1 .pdf (no text layer ...)"."""
    if not skipped:
        return ""
    kinds = Counter(_kind(path, reason) for path, reason in skipped)
    parts = [f"{n} {kind}" for kind, n in kinds.most_common()]
    return f"{len(skipped)} file{'s' if len(skipped) != 1 else ''} skipped: " + ", ".join(parts)


def _kind(path: str, reason: str) -> str:
    suffix = Path(path).suffix.lower() or "no extension"
    short = reason.split(";")[0].split(" (")[0]
    return f"{suffix} ({short})"


def skipped_notice(skipped: list[tuple[str, str]], names: int = 5) -> str:
    """The app's notice: the summary line, then the first files by name with their reason."""
    lines = [summarize_skipped(skipped)]
    lines += [f"{Path(path).name}: {reason}" for path, reason in skipped[:names]]
    if len(skipped) > names:
        lines.append(f"… and {len(skipped) - names} more (`reportx index` names them all)")
    return "\n".join(lines)
