"""Where a command's document goes: a file written atomically, or the terminal made safe."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from explorer.text import display_text


def to_stdout(text: str) -> None:
    """Print a document (Markdown, CSV, JSON, HTML): report text never drives the terminal."""
    sys.stdout.write(display_text(text, lines=True))


def write_document(text: str, output: Path | None, err: Console, done: str) -> int:
    """`text` into `output` (atomically; one line and exit 1 when it cannot be written),
    or onto standard output when there is none. `done` says what was written."""
    if output is None:
        to_stdout(text)
        return 0
    from index.atomic import atomic_write_text

    try:
        atomic_write_text(output, text)
    except OSError as e:
        err.print(Text(display_text(f"reportx: {output}: cannot write ({e.strerror or e})"), style="red"))
        return 1
    err.print(Text(display_text(f"{done} written to {output}")))
    return 0
