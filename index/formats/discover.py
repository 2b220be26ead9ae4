"""Which files below a folder are reports, and why the others are not.

Every file a folder scan passes over is named with a reason, so a user never
wonders why a download did not show up. Passed over in silence: hidden files
and folders (.git, .reportx), the `NAME.meta.yaml` sidecars that belong to a
report, and README/licence files, which sit beside reports in every download
and would make the notice noise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from index.formats.detect import SUFFIXES

_NOT_REPORTS = re.compile(r"^(readme|license|licence|changelog|copying|notice)(\..*)?$", re.I)
_SIDECAR = re.compile(r"\.meta\.ya?ml$", re.I)


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def discover_files(paths: list[Path]) -> Discovery:
    """Report files named by `paths` (files, or folders searched recursively).

    A file named explicitly is always a candidate: its content decides.
    """
    found: dict[Path, None] = {}
    result = Discovery()
    for path in paths:
        if not path.is_dir():
            found[path.resolve()] = None
            continue
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path).parts
            if (any(part.startswith(".") for part in rel) or not child.is_file() or _SIDECAR.search(child.name)
                    or _NOT_REPORTS.match(child.name)):
                continue
            reason = skip_reason(child)
            if reason:
                result.skipped.append((str(child), reason))
            else:
                found[child.resolve()] = None
    result.files = list(found)
    return result


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
