"""CSV/TSV and JSON Lines/JSON files with one report per row, or one sentence per row.

Which column holds what is detected from its name (`text`/`content`/`正文`,
`title`/`标题`, `year`/`年份`, `lang`, `id`) or set in a sidecar `NAME.meta.yaml`
(`text_field:`, `title_field:`, `year_field:`, `lang_field:`, `id_field:`,
`doc_field:`, `paragraph_field:`). When a document-id column repeats, the
rows are sentences: those of one document are joined back into one report,
one line per paragraph (per row when there is no paragraph column).

Each row-report is named `FILE#KEY`, KEY being its id column (or `row-N`), so
a report's id, its notes and its place in the index survive edits of other rows.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from index.formats.base import join_paragraphs, tidy_line
from index.formats.detect import CSV, JSON, JSONL, TSV
from index.formats.encoding import decode_text

VERSION = 1

_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "contents", "body", "fulltext", "full_text", "article", "report",
             "sentence", "sent", "segment", "正文", "内容", "全文", "文本", "句子"),
    "title": ("title", "name", "headline", "标题", "题目", "名称"),
    "year": ("year", "年份", "年度", "年"),
    "date": ("date", "published", "publish_date", "pubdate", "time", "日期", "发布日期", "发布时间"),
    "lang": ("lang", "language", "语言"),
    "id": ("id", "key", "report_id", "编号"),
    "doc": ("doc_id", "docid", "document_id", "document", "doc", "file", "filename", "文档", "文件"),
    "paragraph": ("paragraph", "para", "paragraph_id", "para_id", "段落", "段"),
}
# Aligned corpora hold one language per column.
_LANG_COLUMNS = {"zh": ("zh", "chinese", "cn", "中文"), "en": ("en", "english", "英文")}
_MEMBER = re.compile(r"^(?P<file>.+\.(?:csv|tsv|jsonl|ndjson|json))#(?P<key>.+)$", re.I)


class CollectionError(ValueError):
    """A collection file reportx cannot read; str() is the reason."""


@dataclass(frozen=True)
class Row:
    key: str
    text: str
    hints: dict[str, object]


def split_member(path: Path) -> tuple[Path, str] | None:
    """(collection file, row key) for a `FILE#KEY` report path, else None."""
    if path.exists():
        return None
    m = _MEMBER.match(str(path))
    return (Path(m.group("file")), m.group("key")) if m else None


def member_path(path: Path, key: str) -> Path:
    return Path(f"{path}#{key}")


def read_rows(path: Path, data: bytes, kind: str) -> list[Row]:
    records = _records(data, kind)
    if not records:
        raise CollectionError("no rows")
    settings = _settings(path)
    columns = list(dict.fromkeys(k for r in records for k in r))
    field_of = {role: _column(columns, role, settings) for role in _FIELDS}
    text_columns = [(field_of["text"], None)] if field_of["text"] else [
        (c, lang) for lang, names in _LANG_COLUMNS.items() for c in columns if c.strip().lower() in names
    ]
    if not text_columns:
        raise CollectionError(
            f"no text column (columns: {', '.join(columns[:8])}); name it text/content/正文 "
            f"or set text_field: in {path.stem}.meta.yaml"
        )
    doc = field_of["doc"]
    grouped = doc is not None and len({_str(r.get(doc)) for r in records}) < len(records)
    rows: list[Row] = []
    for column, lang in text_columns:
        suffix = f"-{lang}" if lang and len(text_columns) > 1 else ""
        groups = _group(records, doc) if grouped and doc else [
            (_key(r, i, field_of), [r]) for i, r in enumerate(records, 1)
        ]
        for key, members in groups:
            text = _joined(members, column, field_of["paragraph"])
            if text.strip():
                rows.append(Row(key + suffix, text, _hints(members[0], field_of, lang)))
    if not rows:
        raise CollectionError(f"every row's text column ({text_columns[0][0]}) is empty")
    keys = [r.key for r in rows]
    if len(set(keys)) < len(keys):
        raise CollectionError("the id column repeats a value; set id_field: or doc_field: in the sidecar")
    return rows


def _records(data: bytes, kind: str) -> list[dict[str, Any]]:
    try:
        text = decode_text(data)
    except ValueError as e:
        raise CollectionError(str(e)) from None
    if kind in (CSV, TSV):
        return _csv(text, "\t" if kind == TSV else None)
    if kind == JSONL:
        records = []
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as e:
                raise CollectionError(f"line {number} is not JSON ({e.msg})") from None
            if not isinstance(value, dict):
                raise CollectionError(f"line {number} is not a JSON object")
            records.append(value)
        return records
    if kind == JSON:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            raise CollectionError(f"not valid JSON (line {e.lineno}: {e.msg})") from None
        if isinstance(value, dict):
            value = next((v for v in value.values() if isinstance(v, list)), [value])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise CollectionError("JSON that is not a list of objects (one per report)")
        return value
    raise CollectionError(f"not a collection format ({kind})")


def _csv(text: str, delimiter: str | None) -> list[dict[str, Any]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # whole reports in one cell
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192].split("\n", 1)[0], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    try:
        return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as e:
        raise CollectionError(f"not valid CSV ({e})") from None


def _settings(path: Path) -> dict[str, str]:
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if not sidecar.exists():
        return {}
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise CollectionError(f"cannot read {sidecar.name} ({str(e).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise CollectionError(f"{sidecar.name} must be a mapping such as text_field: content")
    return {k[: -len("_field")]: str(v) for k, v in data.items() if isinstance(k, str) and k.endswith("_field")}


def _column(columns: list[str], role: str, settings: dict[str, str]) -> str | None:
    if role in settings:
        if settings[role] not in columns:
            raise CollectionError(f"{role}_field {settings[role]!r} is not a column ({', '.join(columns[:8])})")
        return settings[role]
    lowered = {c.strip().lower(): c for c in columns}
    return next((lowered[name] for name in _FIELDS[role] if name in lowered), None)


def _str(value: object) -> str:
    return "" if value is None else str(value).strip()


def _key(record: dict[str, Any], number: int, field_of: dict[str, str | None]) -> str:
    column = field_of["id"]
    value = _str(record.get(column)) if column else ""
    return re.sub(r"\s+", "-", value) if value else f"row-{number}"


def _group(records: list[dict[str, Any]], doc: str) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(_str(record.get(doc)) or "row", []).append(record)
    return [(re.sub(r"\s+", "-", k), v) for k, v in groups.items()]


def _joined(members: list[dict[str, Any]], column: str, paragraph: str | None) -> str:
    if len(members) == 1:
        value = _str(members[0].get(column)).replace("\r\n", "\n")
        return value + "\n" if value else ""
    if paragraph is None:
        return join_paragraphs([tidy_line(_str(m.get(column))) for m in members])
    paragraphs: list[list[str]] = []
    last: str | None = None
    for m in members:
        number = _str(m.get(paragraph))
        if number != last or not paragraphs:
            paragraphs.append([])
            last = number
        paragraphs[-1].append(_str(m.get(column)))
    return join_paragraphs([_join_sentences(p) for p in paragraphs])


def _join_sentences(sentences: list[str]) -> str:
    text = ""
    for s in sentences:
        text = text + s if not text or not text[-1].isascii() or not s[:1].isascii() else text + " " + s
    return tidy_line(text)


def _hints(record: dict[str, Any], field_of: dict[str, str | None], lang: str | None) -> dict[str, object]:
    hints: dict[str, object] = {}
    for role in ("title", "year", "lang"):
        column = field_of[role]
        if column and _str(record.get(column)):
            hints[role] = _str(record.get(column))
    if "year" not in hints and field_of["date"]:
        m = re.search(r"(?:19|20)\d\d", _str(record.get(field_of["date"])))
        if m:
            hints["year"] = m.group(0)
    if lang:
        hints["lang"] = lang
    if "lang" in hints:
        value = str(hints.pop("lang")).lower()
        if value.startswith(("zh", "cn", "chi", "中", "汉")):
            hints["lang"] = "zh"
        elif value.startswith(("en", "eng", "英")):
            hints["lang"] = "en"
    return hints
