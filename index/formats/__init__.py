"""Report files in every format reportx reads, as plain text the section parser understands.

`extract(path, data)` turns one file into text (HTML, PDF, DOCX; text files
are decoded); collections (CSV/TSV, JSON Lines/JSON) hold many reports and go
through `read_rows`. Problems raise `FormatError`, whose message is one line.
`index/reader.py` calls this package; nothing here knows about the index.
"""

from __future__ import annotations

from pathlib import Path

from index.formats import detect
from index.formats.base import Extracted
from index.formats.cache import cached
from index.formats.collections import CollectionError, Row, member_path, read_rows, split_member
from index.formats.detect import COLLECTIONS, DOCX, HTML, MARKDOWN, PDF, Unsupported, sniff
from index.formats.encoding import EncodingError, decode_text

__all__ = [
    "COLLECTIONS", "detect", "Extracted", "FormatError", "Row", "extract", "kind_of", "member_path", "read_collection",
    "split_member",
]


class FormatError(ValueError):
    """A file reportx cannot turn into report text; str() is the reason."""


def kind_of(path: Path, data: bytes) -> str:
    try:
        return sniff(path, data)
    except Unsupported as e:
        raise FormatError(str(e)) from None


def extract(path: Path, data: bytes, kind: str, digest: str) -> Extracted:
    """Text of one single-report file of `kind` (not a collection)."""
    try:
        if kind == HTML:
            from index.formats import html

            return cached(kind, html.VERSION, digest, lambda: html.extract_html(data))
        if kind == PDF:
            from index.formats import pdf

            return cached(kind, pdf.VERSION, digest, lambda: pdf.extract_pdf(data))
        if kind == DOCX:
            from index.formats import docx

            return cached(kind, docx.VERSION, digest, lambda: docx.extract_docx(data))
        return Extracted(decode_text(data))
    except ValueError as e:  # every extractor's error is a ValueError with a one-line reason
        raise FormatError(str(e)) from None
    except Exception as e:  # a library failing on a hostile file must not stop a whole library
        raise FormatError(f"cannot extract the {kind.upper()} text ({type(e).__name__}: {e})") from None


def read_collection(path: Path, data: bytes, kind: str) -> list[Row]:
    try:
        return read_rows(path, data, kind)
    except (CollectionError, EncodingError) as e:
        raise FormatError(str(e)) from None


def is_markdown(kind: str) -> bool:
    return kind == MARKDOWN
