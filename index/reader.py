"""Reading report files: bytes to text, metadata, and the section tree.

Formats and encodings are `index.formats`' job: HTML, PDF and Word files
become plain text (kept in the cache), collections (CSV/JSONL) give one report
per row, named `FILE#KEY`; text is UTF-8/16 (BOM or not), GB18030/GBK or Big5.
Line endings become LF so offsets are the same whatever the file used.
Problems raise `ReadError`, whose message names the file and the reason, and
never stop a whole library.
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

from index import formats, safeyaml
from index.formats.discover import discover_files, os_reason
from index.formats.encoding import decode_text
from index.model import Report, ReportMeta
from index.reportmeta import guess_title, guess_year
from index.safefile import read_regular
from index.sections import parse_sections
from index.textnorm import cjk_ratio

REPORT_SUFFIXES = tuple(formats.detect.SUFFIXES)
_YEAR_IN_NAME = re.compile(r"(1[89]\d\d|20\d\d)")
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
    """Report files named by `paths` (files, or folders searched recursively);
    what a folder scan passes over goes into `problems` as (path, reason)."""
    found = discover_files(paths)
    if problems is not None:
        problems.extend(found.skipped)
    return found.files


def decode(data: bytes, path: Path) -> str:
    """Text of a text file: UTF-8/UTF-16 (BOM or not), GB18030, Big5; LF line ends."""
    if not data.strip():
        raise ReadError(path, "empty file")
    try:
        return decode_text(data)
    except ValueError as e:
        raise ReadError(path, str(e)) from None


def read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise ReadError(path, "file not found") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as e:
        raise ReadError(path, os_reason(e) if e.errno == errno.ELOOP else (e.strerror or str(e))) from None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def read_report(path: Path, data: bytes | None = None) -> Report:
    """Read, extract and parse one report: a file, or a collection row `FILE#KEY`."""
    path = Path(path)
    member = formats.split_member(path)
    if member is not None:
        source, key = member
        found = [r for r in read_reports(source) if r.meta.path == str(formats.member_path(source.resolve(), key))]
        if not found:
            raise ReadError(path, f"no row {key!r} in {source.name} (rows are named by its id column)")
        return found[0]
    if data is None:
        data = read_bytes(path)
    kind = _kind(path, data)
    if kind in formats.COLLECTIONS:
        rows = len(read_reports(path, data))
        raise ReadError(path, f"a collection of {rows} reports; name one as {path.name}#KEY")
    digest = content_hash(data)
    try:
        extracted = formats.extract(path, data, kind, digest)
    except formats.FormatError as e:
        raise ReadError(path, str(e)) from None
    overrides, text = _split_front_matter(extracted.text, path)
    hints = dict(extracted.hints)
    if _YEAR_IN_NAME.search(path.stem):
        hints.pop("year", None)  # a year in the file name was chosen by the user; a page's date was not
    sidecar, from_sidecar = _sidecar_meta(path)
    sources = {**{k: from_sidecar for k in sidecar}, **{k: path for k in overrides}}
    overrides = {**hints, **sidecar, **overrides}
    return _report(path, text, digest, overrides, sources, markdown=formats.is_markdown(kind))


def read_reports(path: Path, data: bytes | None = None) -> list[Report]:
    """Every report in one file: the file itself, or each row of a collection."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    kind = _kind(path, data)
    if kind not in formats.COLLECTIONS:
        return [read_report(path, data)]
    try:
        rows = formats.read_collection(path, data, kind)
    except formats.FormatError as e:
        raise ReadError(path, str(e)) from None
    digest = content_hash(data)
    return [_report(formats.member_path(path.resolve(), row.key), row.text, digest, row.hints, {}) for row in rows]


def _kind(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ReadError(path, "empty file")
    try:
        return formats.kind_of(path, data)
    except formats.FormatError as e:
        raise ReadError(path, str(e)) from None


def _report(path: Path, text: str, digest: str, overrides: dict[str, object], sources: dict[str, Path],
            markdown: bool = False) -> Report:
    """`sources` names the file each metadata field came from (the report itself when absent)."""
    if not text.strip():
        raise ReadError(path, "no text" + (" after the front matter" if text else ""))
    problems: list[str] = []
    checked = _checked(overrides, {k: sources.get(k, path) for k in overrides}, problems)
    meta = _metadata(path, text, digest, checked)
    return Report(meta=meta, text=text, sections=parse_sections(text, meta.lang, markdown=markdown),
                  problems=problems)


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, object], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    block = _safe_yaml(m.group(1), path, "front matter")
    # Keep the offsets of the body stable: blank out the block instead of cutting it.
    return block, "\n" * m.group(0).count("\n") + text[m.end():]


def _sidecar_meta(path: Path) -> tuple[dict[str, object], Path]:
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


def _safe_yaml(source: str, path: Path, what: str) -> dict[str, object]:
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


def _checked(overrides: dict[str, object], sources: dict[str, Path], problems: list[str]) -> dict[str, object]:
    """The metadata fields that have the right type and range; each other one
    is named in `problems` and left out, so the text decides instead."""
    kept: dict[str, object] = {}
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


def _metadata(path: Path, text: str, digest: str, overrides: dict[str, object]) -> ReportMeta:
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


def _int_or_none(value: object) -> int | None:
    """A checked year (`_field_problem`: a number, or digits as text) as a number; None if absent."""
    if not isinstance(value, (str, int)):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def report_id(path: Path) -> str:
    """Readable and stable across edits of the file: its name plus a path hash."""
    member = formats.split_member(path)
    name = f"{member[0].stem}-{member[1]}" if member else path.stem  # a collection row: file and row key
    slug = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", name)).strip("-").lower()
    # fsencode: a file name that is not UTF-8 hashes as its own bytes.
    return f"{slug or 'report'}-{hashlib.sha1(os.fsencode(path.resolve())).hexdigest()[:6]}"

