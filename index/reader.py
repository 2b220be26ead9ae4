"""Reading report files: bytes to text, metadata, and the section tree.

Encodings: UTF-8 (with or without BOM), then GB18030 (a superset of GBK and
GB2312, common for Chinese government files). Line endings become LF so
offsets are the same whatever the file used. Problems raise `ReadError`, whose
message names the file and the reason, and never stop a whole library.
"""

from __future__ import annotations

import errno
import hashlib
import math
import os
import re
import unicodedata
from pathlib import Path

import yaml

from index import safeyaml
from index.model import Report, ReportMeta
from index.reportmeta import guess_title, guess_year
from index.safefile import read_regular
from index.sections import parse_sections
from index.textnorm import cjk_ratio

REPORT_SUFFIXES = (".txt", ".md", ".markdown")
# Files that sit beside reports but are not reports.
_NOT_REPORTS = re.compile(r"^(readme|license|licence|changelog)(\..*)?$", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_META_KEYS = {"id", "title", "year", "lang"}
LANGS = ("zh", "en")
YEARS = (1800, 2199)
MAX_ID_CHARS = 120
"""A report id names its notes file: kept well inside a file name's 255 bytes."""
_ID = re.compile(r"[^\W_][\w.\-]*")
MAX_TITLE_CHARS = 300


class ReadError(Exception):
    """A file that cannot be read as a report; str() is one line for the user."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def discover(paths: list[Path], problems: list[tuple[str, str]] | None = None) -> list[Path]:
    """Report files named by `paths` (files, or folders searched recursively).

    Symlinked folders are not followed (a link back up would loop); a folder
    that cannot be listed, or a path that cannot be resolved, goes into
    `problems` as (path, reason) and the rest is still found.
    """
    found: dict[Path, None] = {}

    def skip(path: str | Path, error: OSError | RuntimeError) -> None:
        if problems is not None:
            problems.append((str(path), _reason(error)))

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
        for folder, dirs, files in os.walk(path, onerror=lambda e: skip(e.filename or path, e)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # .reportx/, .git/ ...
            for name in sorted(files):
                child = Path(folder, name)
                if name.startswith(".") or not _is_report_name(child):
                    continue
                try:
                    if child.is_file():
                        found[child.resolve(strict=True)] = None
                except (OSError, RuntimeError) as e:
                    skip(child, e)
    return list(found)


def _reason(error: OSError | RuntimeError) -> str:
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read ({error.strerror or error})" if isinstance(error, OSError) else str(error)


def _is_report_name(path: Path) -> bool:
    return path.suffix.lower() in REPORT_SUFFIXES and not _NOT_REPORTS.match(path.name)


def decode(data: bytes, path: Path) -> str:
    """Text of a report file: UTF-8 (BOM or not), else GB18030; LF line ends."""
    if not data.strip():
        raise ReadError(path, "empty file")
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (contains NUL bytes), not a text report")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ReadError(path, "unknown text encoding (tried UTF-8 and GB18030/GBK)")


def _looks_like_text(text: str) -> bool:
    # A wrong decoding produces control characters or private-use code points.
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t\f")
    return bad <= len(text) // 200 + 2


def read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise ReadError(path, "file not found") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as e:
        raise ReadError(path, _reason(e) if e.errno == errno.ELOOP else (e.strerror or str(e))) from None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def read_report(path: Path, data: bytes | None = None) -> Report:
    """Read, decode and parse one report file."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    text = decode(data, path)
    overrides, text = _split_front_matter(text, path)
    sidecar, from_sidecar = _sidecar_meta(path)
    sources = {**{k: from_sidecar for k in sidecar}, **{k: path for k in overrides}}
    overrides = {**sidecar, **overrides}
    if not text.strip():
        raise ReadError(path, "no text after the front matter")
    problems: list[str] = []
    meta = _metadata(path, text, content_hash(data), _checked(overrides, sources, problems))
    markdown = path.suffix.lower() in (".md", ".markdown")
    return Report(meta=meta, text=text, sections=parse_sections(text, meta.lang, markdown=markdown),
                  problems=problems)


def _split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    block = _safe_yaml(m.group(1), path, "front matter")
    # Keep the offsets of the body stable: blank out the block instead of cutting it.
    return block, "\n" * m.group(0).count("\n") + text[m.end():]


def _sidecar_meta(path: Path) -> tuple[dict, Path]:
    sidecar = path.with_name(path.stem + ".meta.yaml")
    try:
        data = read_regular(sidecar, safeyaml.MAX_METADATA_BYTES)
    except FileNotFoundError:
        return {}, sidecar
    except OSError as e:
        raise ReadError(sidecar, f"cannot read metadata ({e.strerror or e})") from None
    try:
        return _safe_yaml(data.decode("utf-8-sig"), sidecar, "metadata"), sidecar
    except UnicodeDecodeError:
        raise ReadError(sidecar, "cannot read metadata (not UTF-8)") from None


def _safe_yaml(source: str, path: Path, what: str) -> dict:
    try:
        data = safeyaml.load(source, safeyaml.MAX_METADATA_BYTES) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else getattr(e, "line", None)
        where = f" line {line}" if line else ""
        raise ReadError(path, f"invalid YAML in {what}{where}: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        raise ReadError(path, f"{what} must be a mapping of keys such as title, year, lang")
    return {k: v for k, v in data.items() if k in _META_KEYS and v is not None}


def _checked(overrides: dict, sources: dict, problems: list[str]) -> dict:
    """The metadata fields that have the right type and range; each other one
    is named in `problems` and left out, so the text decides instead."""
    kept = {}
    for key, value in overrides.items():
        problem = _field_problem(key, value)
        if problem:
            problems.append(f"{sources.get(key)}: metadata '{key}' ignored: {problem}; using what the text says")
        else:
            kept[key] = value.strip() if isinstance(value, str) else value
    return kept


def _field_problem(key: str, value: object) -> str | None:
    shown = repr(value)[:60]
    if key == "year":
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{shown} is not a year"
        return None if YEARS[0] <= value <= YEARS[1] else f"{value} is not a year from {YEARS[0]} to {YEARS[1]}"
    if isinstance(value, bool) or not isinstance(value, (str, int)) or (isinstance(value, float) and not math.isfinite(value)):
        return f"{shown} is not text"
    text = str(value).strip()
    if not text or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return f"{shown} is not readable text"
    if key == "lang" and text not in LANGS:
        return f"{shown} is not one of {', '.join(LANGS)}"
    if key == "id" and (len(text) > MAX_ID_CHARS or not _ID.fullmatch(text)):
        return (f"{shown} is not an id (letters, digits, '.', '_' and '-', at most {MAX_ID_CHARS} characters, "
                "starting with a letter or digit)")
    if key == "title" and (len(text) > MAX_TITLE_CHARS or not text.isprintable()):
        return f"{shown} is not a one-line title of at most {MAX_TITLE_CHARS} characters"
    return None


def _metadata(path: Path, text: str, digest: str, overrides: dict) -> ReportMeta:
    lang = str(overrides.get("lang") or ("zh" if cjk_ratio(text[:20000]) > 0.3 else "en"))
    year = _int_or_none(overrides.get("year")) or guess_year(path, text)
    title = str(overrides.get("title") or guess_title(path, text, year))
    return ReportMeta(
        id=str(overrides.get("id") or report_id(path)),
        title=title,
        year=year,
        lang=lang,
        path=str(path.resolve()),
        content_hash=digest,
    )


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def report_id(path: Path) -> str:
    """Readable and stable across edits of the file: its name plus a path hash."""
    slug = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", path.stem)).strip("-").lower()
    # fsencode: a file name that is not UTF-8 hashes as its own bytes.
    return f"{slug or 'report'}-{hashlib.sha1(os.fsencode(path.resolve())).hexdigest()[:6]}"

