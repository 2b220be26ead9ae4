"""What a file holds, by its content first and its name second.

An `.html` page saved as `.txt` is still HTML; a PDF renamed `.doc` is still a
PDF. Formats reportx cannot read get a reason the user can act on.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

TEXT = "text"
MARKDOWN = "markdown"
HTML = "html"
PDF = "pdf"
DOCX = "docx"
CSV = "csv"
TSV = "tsv"
JSONL = "jsonl"
JSON = "json"
COLLECTIONS = frozenset({CSV, TSV, JSONL, JSON})

SUFFIXES: dict[str, str] = {
    ".txt": TEXT, ".text": TEXT, ".md": MARKDOWN, ".markdown": MARKDOWN,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
    ".pdf": PDF, ".docx": DOCX,
    ".csv": CSV, ".tsv": TSV, ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSON,
}
"""File names a folder scan takes as reports; everything else is named as skipped."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF8", "an image (GIF)"),
    (b"II*\x00", "an image (TIFF)"),
    (b"MM\x00*", "an image (TIFF)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls/.wps); save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document; save it as .docx or PDF"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it first"),
)
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.I | re.S)


class Unsupported(ValueError):
    """Not a format reportx reads; str() is the reason."""


def sniff(path: Path, data: bytes) -> str:
    """The format of `data` (one of the constants above) or raise Unsupported."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise Unsupported(f"{what}, not a report format reportx reads")
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    by_name = SUFFIXES.get(path.suffix.lower())
    if by_name not in COLLECTIONS and _HTML_START.match(_ascii_head(data)):
        return HTML
    return by_name or TEXT


def _ascii_head(data: bytes) -> bytes:
    """The first bytes with UTF-16 NULs removed, so a UTF-16 page is seen as HTML too."""
    head = data[:2048]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head[2:].replace(b"\x00", b"")
    return head


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Unsupported("a damaged ZIP file, not a report") from None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        raise Unsupported("an Excel workbook; save the sheet as CSV")
    if "content.xml" in names:
        raise Unsupported("an OpenDocument file; save it as .docx or PDF")
    raise Unsupported("a ZIP archive; unpack it first")
