"""Reading report files: bytes to text, metadata, and the section tree.

Encodings: UTF-8 (with or without BOM), then GB18030 (a superset of GBK and
GB2312, common for Chinese government files). Line endings become LF so
offsets are the same whatever the file used. Problems raise `ReadError`, whose
message names the file and the reason, and never stop a whole library.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import yaml

from index.model import Report, ReportMeta
from index.sections import parse_sections
from index.textnorm import CJK_CLASS, cjk_ratio, fold, has_cjk

REPORT_SUFFIXES = (".txt", ".md", ".markdown")
# Files that sit beside reports but are not reports.
_NOT_REPORTS = re.compile(r"^(readme|license|licence|changelog)(\..*)?$", re.I)
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
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel):
                    continue  # .reportx/, .git/ ...
                if child.is_file() and _is_report_name(child):
                    found[child.resolve()] = None
        else:
            found[path.resolve()] = None
    return list(found)


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
    """Read, decode and parse one report file."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    text = decode(data, path)
    overrides, text = _split_front_matter(text, path)
    overrides = {**_sidecar_meta(path), **overrides}
    if not text.strip():
        raise ReadError(path, "no text after the front matter")
    meta = _metadata(path, text, content_hash(data), overrides)
    markdown = path.suffix.lower() in (".md", ".markdown")
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
    slug = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", path.stem)).strip("-").lower()
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
    first = re.sub(f"(?<=[{CJK_CLASS}])\\s+(?=[{CJK_CLASS}])", "", first)  # 政 府 工 作 报 告
    if 0 < len(first) <= 60 and not first.endswith(tuple(".。:：,，;；")):
        title = first.title() if first.isupper() else first
    else:
        title = "政府工作报告" if has_cjk(first) else "Government Work Report"
    if year and str(year) not in title:
        title = f"{year} {title}"
    return title
