"""Which reports to compare, from what the user typed.

A report is named by its id in the library, by a file path, or by a year with
an optional language: `2024`, `2024:zh`, `2024-en`, `en2024`. The second
report may be left out: it is then the same kind of report a year earlier
(the nearest earlier year the library holds). "The same kind" is the same
language and the closest title once years are blanked (national reports
pair with national reports, a province's with that province's), with reports
in the same folder preferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from index.model import ReportMeta
from index.reader import ReadError, discover, read_report

_YEAR_SPEC = re.compile(r"^\s*(?:(zh|en)[:/\- ]?)?((?:1[89]|20)\d\d)(?:[:/\- ]?(zh|en))?\s*$", re.I)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


class PickError(Exception):
    """A report that cannot be found or is ambiguous; str() is one line for the user."""


@dataclass(frozen=True)
class Spec:
    year: int
    lang: str | None


def parse_spec(text: str) -> Spec | None:
    """A year(+language) spec, or None when `text` is an id or a path."""
    m = _YEAR_SPEC.match(text)
    if not m:
        return None
    lang = (m.group(1) or m.group(3) or "").lower() or None
    return Spec(int(m.group(2)), lang)


def kind_key(meta: ReportMeta) -> str:
    """A report's title with years blanked: what stays the same from year to year."""
    return _YEAR.sub("#", meta.title).lower()


def pick_report(text: str, candidates: Sequence[ReportMeta], like: ReportMeta | None = None) -> ReportMeta:
    """The report `text` names among `candidates` (else a readable file at that path).

    With `like`, a year spec is resolved to the report of that year most like
    `like` (its language when none is given); without it, a year spec must be
    unambiguous.
    """
    by_id = {c.id: c for c in candidates}
    if text in by_id:
        return by_id[text]
    spec = parse_spec(text)
    if spec is not None and not Path(text).exists():
        lang = spec.lang or (like.lang if like else None)
        found = [c for c in candidates if c.year == spec.year and (lang is None or c.lang == lang)]
        if not found:
            raise PickError(f"no report of {spec.year}{f' in {lang}' if lang else ''} in the library")
        if like is not None:
            return max(found, key=lambda c: _likeness(c, like))
        if len(found) > 1:
            names = "; ".join(f"{c.id} ({c.title})" for c in found[:4])
            more = f" and {len(found) - 4} more" if len(found) > 4 else ""
            raise PickError(f"{text!r} names {len(found)} reports: {names}{more}; give an id, a path or a language")
        return found[0]
    path = Path(text).expanduser()
    if path.exists():
        resolved = str(path.resolve())
        for c in candidates:
            if c.path == resolved:
                return c
        try:
            return read_report(path).meta
        except ReadError as e:
            raise PickError(str(e)) from None
    raise PickError(f"{text!r} is not a report id, a file or a year such as 2024 or 2024:zh")


def previous_of(report: ReportMeta, candidates: Sequence[ReportMeta]) -> ReportMeta:
    """The same kind of report in the nearest earlier year."""
    if report.year is None:
        raise PickError(f"{report.path}: its year is unknown, so name the report to compare it with")
    earlier = [c for c in candidates if c.lang == report.lang and c.year and c.year < report.year
               and c.path != report.path]
    if not earlier:
        raise PickError(f"no {report.lang} report earlier than {report.year} to compare {report.title!r} with")
    return max(earlier, key=lambda c: (_likeness(c, report) >= 60, c.year or 0, _likeness(c, report)))


def _likeness(candidate: ReportMeta, like: ReportMeta) -> float:
    score = fuzz.ratio(kind_key(candidate), kind_key(like))
    same_folder = Path(candidate.path).parent == Path(like.path).parent
    return score + (20.0 if same_folder else 0.0) + (5.0 if candidate.lang == like.lang else 0.0)


def folder_reports(path: Path) -> list[ReportMeta]:
    """The readable reports beside `path` (for pairing a file outside the library)."""
    found: list[ReportMeta] = []
    for sibling in discover([path.resolve().parent]):
        try:
            found.append(read_report(sibling).meta)
        except ReadError:
            continue
    return found
