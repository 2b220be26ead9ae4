"""Cells for the analysis screen's tables: bars, aligned context, short titles.

Report text is data: everything becomes rich.text.Text, never markup.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

BAR = "█"
PARTS = " ▏▎▍▌▋▊▉"


def bar(value: float, top: float, width: int) -> Text:
    """A horizontal bar of `value` out of `top`, `width` cells at most, in eighths."""
    if value <= 0 or top <= 0:
        return Text("·", style="dim")
    eighths = max(1, round(value / top * width * 8))
    full, part = divmod(eighths, 8)
    return Text(BAR * full + (PARTS[part] if part else ""), style="cyan")


def tail_cells(text: str, cells: int) -> str:
    """The end of `text` that fits in `cells` (the context nearest a match, on its left)."""
    out: list[str] = []
    used = 0
    for char in reversed(text):
        used += cell_len(char)
        if used > cells:
            break
        out.append(char)
    return "".join(reversed(out))


def head_cells(text: str, cells: int) -> str:
    """The start of `text` that fits in `cells`."""
    out: list[str] = []
    used = 0
    for char in text:
        used += cell_len(char)
        if used > cells:
            break
        out.append(char)
    return "".join(out)


def short_title(title: str, year: int | None, cells: int = 14) -> str:
    """A report's title without its year and the words every national report shares."""
    short = title
    for common in ("中华人民共和国国务院", "政府工作报告", "Report On The Work Of The Government",
                   "Report on the Work of the Government", "Government Work Report"):
        short = short.replace(common, "")
    if year:
        short = short.replace(f"{year}年", "").replace(str(year), "")
    short = short.strip(" -—（）()") or title
    return head_cells(short, cells)
