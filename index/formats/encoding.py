"""Bytes to text for every text-based format: BOMs, UTF-8, GB18030/GBK, Big5.

GB18030 accepts almost any byte pair, so a Big5 file also "decodes" as GB18030,
into rare characters. When both decodings succeed, the one in which characters
that every Chinese text uses (and that are written the same in both scripts)
are more frequent wins.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# Frequent in any Chinese prose and identical in simplified and traditional script.
_EVERYDAY = frozenset("的一是在了不和有人中大上以要他到地出就成可也能下子年工作政府全新加提高社主民生和")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class EncodingError(ValueError):
    """The bytes are not text in any encoding reportx reads (the message says why)."""


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Text of `data` with LF line ends; raises EncodingError with a one-line reason."""
    encoding = bom_encoding(data)
    if encoding:
        try:
            return _lf(data.decode(encoding))
        except UnicodeDecodeError:
            raise EncodingError(f"not valid {encoding.upper()} text after its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise EncodingError("binary file (contains NUL bytes), not a text report")
    candidates = [_normal(declared)] if declared else []
    candidates += [e for e in ("utf-8", "gb18030", "big5") if e not in candidates]
    decoded: list[str] = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _looks_like_text(text, utf8=encoding == "utf-8"):
            continue
        if encoding in ("utf-8", "utf-8-sig") or (declared and encoding == _normal(declared)):
            return _lf(text)
        decoded.append(text)
    if not decoded:
        raise EncodingError("unknown text encoding (tried UTF-8, UTF-16, GB18030/GBK and Big5)")
    return _lf(max(decoded, key=_everyday_share))


def _normal(encoding: str) -> str:
    name = encoding.strip().lower().replace("_", "-")
    if name in ("gbk", "gb2312", "gb-2312", "x-gbk", "cp936", "euc-cn"):
        return "gb18030"  # a superset: pages declared GBK use GB18030-only characters too
    if name in ("big5-hkscs", "x-big5", "cp950"):
        return "big5hkscs" if name == "big5-hkscs" else "big5"
    if name in ("utf8", "unicode-1-1-utf-8"):
        return "utf-8"
    return name


def _everyday_share(text: str) -> float:
    sample = text[:20000]
    return sum(1 for c in sample if c in _EVERYDAY) / (len(sample) or 1)


_CONTROL_OR_PRIVATE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _looks_like_text(text: str, utf8: bool) -> bool:
    """A wrong decoding produces control characters, private-use or (for the
    legacy encodings) unassigned code points; a few are tolerated."""
    allowed = len(text) // 200 + 2
    bad = len(_CONTROL_OR_PRIVATE.findall(text))
    if bad > allowed or utf8:
        return bad <= allowed
    # Unassigned code points only come from GB18030's four-byte range: a per-character check.
    return bad + sum(1 for c in text if unicodedata.category(c) == "Cn") <= allowed


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
