"""A target value told in a table cell: compact for the CLI's 80 columns, as written in the app."""

from __future__ import annotations

from typing import Any

from rich.text import Text

_COMPACT = (("percent", "%"), (" %", "%"), ("approximately ", "~"), ("around ", "~"), ("about ", "~"),
            ("more than ", ">"), ("over ", ">"), ("above ", ">"), ("no more than ", "≤"), ("within ", "≤"),
            ("below ", "<"), ("under ", "<"), ("metric tons", "t"), (" million", "m"), (" trillion yuan", "tn"))


_COMPACT_ZH = (("左右", "~"), ("以上", "≥"), ("以内", "≤"), ("以下", "≤"))


def target_cell(target: Any, compact: bool = True) -> Text:
    """A value as short as it can be told (qualifiers as ~ ≥ ≤, 万人 as 万) for
    80 columns; the app shows it as written, and so do the CSV and JSON."""
    if target.status == "stated":
        value = target.value or ""
        if not compact:
            return Text(value)
        value = value.replace("万人", "万").replace("万亿元", "万亿")
        for long, short in _COMPACT:
            value = value.replace(long, short).replace(long.capitalize(), short)
        for qualifier, sign in _COMPACT_ZH:
            if value.endswith(qualifier):
                value = sign + value[: -len(qualifier)]
        return Text(value)
    if target.status == "not set":
        return Text("no target", style="yellow")
    return Text("—", style="dim")
