"""Cells for the analysis screen's tables: bars, aligned context, short titles.

Report text is data: everything becomes rich.text.Text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from explorer.cells import head_cells

BAR = "█"
PARTS = " ▏▎▍▌▋▊▉"


def bar(value: float, top: float, width: int) -> Text:
    """A horizontal bar of `value` out of `top`, `width` cells at most, in eighths."""
    if value <= 0 or top <= 0:
        return Text("·", style="dim")
    eighths = max(1, round(value / top * width * 8))
    full, part = divmod(eighths, 8)
    return Text(BAR * full + (PARTS[part] if part else ""), style="cyan")


def fill_table(table: DataTable[Any], headers: Sequence[str | Text], rows: Sequence[Sequence[str | Text]],
               most: int = 60) -> None:
    """Replace a table's columns and rows, each column as wide as its widest cell
    (at most `most` cells): set here rather than measured by the table as rows
    arrive, which left some columns at their first row's width."""
    table.clear(columns=True)
    for i, header in enumerate(headers):
        widest = max([_cells(header)] + [_cells(row[i]) for row in rows if i < len(row)])
        table.add_column(header, width=min(most, widest))
    for row in rows:
        table.add_row(*row)


def _cells(value: str | Text) -> int:
    return value.cell_len if isinstance(value, Text) else cell_len(value)


def short_title(title: str, year: int | None, cells: int = 14) -> str:
    """A report's title without its year and the words every national report shares."""
    short = title
    for common in ("中华人民共和国国务院", "政府工作报告", "Report On The Work Of The Government",
                   "Report on the Work of the Government", "Government Work Report"):
        short = short.replace(common, "")
    if year:
        short = short.replace(f"{year}年", "").replace(str(year), "")
    # A national report has nothing left: it is the State Council's.
    short = short.strip(" -—（）()") or ("国务院" if any("\u4e00" <= c <= "\u9fff" for c in title) else "national")
    return head_cells(short, cells)
