"""JSON text that any terminal, pipe or UTF-8 file can take as it is.

`json.dumps(..., ensure_ascii=False)` keeps readable Chinese but leaves DEL,
the C1 controls (ESC's 8-bit twin, CSI, OSC ...) and lone surrogates (file
names that are not UTF-8) as raw characters: the first two drive a terminal,
the last cannot be encoded at all. Written as \\uXXXX escapes instead, the
JSON still reads back to exactly the same strings.
"""

from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(data: Any, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """`data` as JSON with readable Unicode and nothing a terminal would obey."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    # Outside strings JSON holds only ASCII, so every match is inside a string.
    return _UNSAFE.sub(_escape, text)
