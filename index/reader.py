"""Reading report files: bytes to text, metadata, and the section tree.

Formats and encodings are `index.formats`' job: HTML, PDF and Word files
become plain text (kept in the cache), collections (CSV/JSONL) give one report
per row, named `FILE#KEY`; text is UTF-8/16 (BOM or not), GB18030/GBK or Big5.
Line endings become LF so offsets are the same whatever the file used.
Problems raise `ReadError`, whose message names the file and the reason, and
never stop a whole library.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import yaml

from index import formats
from index.formats.discover import discover_files
from index.model import Report, ReportMeta
from index.sections import parse_sections
from index.textnorm import cjk_ratio, fold, has_cjk

REPORT_SUFFIXES = tuple(formats.detect.SUFFIXES)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_YEAR = r"(1[89]\d\d|20\d\d)"
_PUBLISHED = re.compile(rf"(?:published(?: time)?|date)\s*:\s*(?:\n\s*)*{_YEAR}", re.I)
_ZH_YEAR = re.compile(rf"{_YEAR}年")
_META_KEYS = {"id", "title", "year", "lang"}


class ReadError(Exception):
    """A file that cannot be read as a report; str() is one line for the user."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def discover(paths: list[Path]) -> list[Path]:
    """Report files named by `paths` (files, or folders searched recursively)."""
    return discover_files(paths).files


def decode(data: bytes, path: Path) -> str:
    """Text of a text file: UTF-8/UTF-16 (BOM or not), GB18030, Big5; LF line ends."""
    if not data.strip():
        raise ReadError(path, "empty file")
    try:
        return formats.decode_text(data)
    except ValueError as e:
        raise ReadError(path, str(e)) from None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "file not found") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a file") from None
    except OSError as e:
        raise ReadError(path, f"cannot read ({e.strerror or e})") from None


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
    if re.search(_YEAR, path.stem):
        hints.pop("year", None)  # a year in the file name was chosen by the user; a page's date was not
    overrides = {**hints, **_sidecar_meta(path), **overrides}
    return _report(path, text, digest, overrides, markdown=formats.is_markdown(kind))


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
    return [_report(formats.member_path(path.resolve(), row.key), row.text, digest, row.hints) for row in rows]


def _kind(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ReadError(path, "empty file")
    try:
        return formats.kind_of(path, data)
    except formats.FormatError as e:
        raise ReadError(path, str(e)) from None


def _report(path: Path, text: str, digest: str, overrides: dict, markdown: bool = False) -> Report:
    if not text.strip():
        raise ReadError(path, "no text" + (" after the front matter" if text else ""))
    meta = _metadata(path, text, digest, overrides)
    return Report(meta=meta, text=text, sections=parse_sections(text, meta.lang, markdown=markdown))


def _split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    block = _safe_yaml(m.group(1), path, "front matter")
    # Keep the offsets of the body stable: blank out the block instead of cutting it.
    return block, "\n" * m.group(0).count("\n") + text[m.end():]


def _sidecar_meta(path: Path) -> dict:
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if not sidecar.exists():
        return {}
    try:
        return _safe_yaml(sidecar.read_text(encoding="utf-8"), sidecar, "metadata")
    except (OSError, UnicodeDecodeError) as e:
        raise ReadError(sidecar, f"cannot read metadata ({e})") from None


def _safe_yaml(source: str, path: Path, what: str) -> dict:
    try:
        data = yaml.safe_load(source) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ReadError(path, f"invalid YAML in {what}{where}: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        raise ReadError(path, f"{what} must be a mapping of keys such as title, year, lang")
    return {k: v for k, v in data.items() if k in _META_KEYS and v is not None}


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
    member = formats.split_member(path)
    name = f"{member[0].stem}-{member[1]}" if member else path.stem  # a collection row: file and row key
    slug = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", name)).strip("-").lower()
    return f"{slug or 'report'}-{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:6]}"


def guess_year(path: Path, text: str) -> int | None:
    m = re.search(_YEAR, path.stem)
    if m:
        return int(m.group(1))
    head = fold(text[:3000])
    for pattern in (_PUBLISHED, _ZH_YEAR):
        m = pattern.search(head)
        if m:
            return int(m.group(1))
    return None


def guess_title(path: Path, text: str, year: int | None) -> str:
    if has_cjk(path.stem) and len(path.stem) >= 4:
        return path.stem
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = re.sub("(?<=[\u4e00-\u9fff])\\s+(?=[\u4e00-\u9fff])", "", first)  # 政 府 工 作 报 告
    if 0 < len(first) <= 60 and not first.endswith(tuple(".。:：,，;；")):
        title = first.title() if first.isupper() else first
    else:
        title = "政府工作报告" if has_cjk(first) else "Government Work Report"
    if year and str(year) not in title:
        title = f"{year} {title}"
    return title
