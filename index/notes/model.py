"""An annotation on a report: what the user selected, and what they wrote.

The selector follows the W3C Web Annotation model: a TextQuoteSelector
(`quote` with `prefix`/`suffix` context) plus a TextPositionSelector
(`start`/`end`, code points into `Report.text`). The quote is the truth; the
offsets are only a hint, because the report text may change between versions.
Whether the note is anchored in the current text is recomputed on each load
(`anchor`), never trusted from the file.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from index.model import Paragraph, Report
from index.offsets import index_at

KINDS = ("highlight", "note", "bookmark")
CONTEXT_CHARS = 32
"""Characters of context kept on each side of a quote."""


def utc_now() -> str:
    # Microseconds so that two quick edits still order by `modified`.
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(stamp: str) -> datetime:
    parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass
class ReportRef:
    """Which report (and which version of its text) an annotation was made on."""

    id: str
    title: str = ""
    year: int | None = None
    path: str = ""
    content_hash: str = ""

    @classmethod
    def of(cls, report: Report) -> ReportRef:
        m = report.meta
        return cls(m.id, m.title, m.year, m.path, m.content_hash)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportRef:
        if not isinstance(data, dict):
            raise ValueError(f"\"report\" must be an object, not {_kind(data)}")
        ref = cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})
        for name in ("id", "title", "path", "content_hash"):
            _expect(f"report.{name}", getattr(ref, name), str)
        _expect("report.year", ref.year, int, none=True)
        return ref


@dataclass(frozen=True)
class Anchor:
    """Where an annotation sits in the current text, and how it was found."""

    start: int | None
    end: int | None
    method: str | None
    """"position" | "exact" | "context" | "fuzzy", or None for an orphan."""
    score: float = 0.0
    exact: str = ""
    """The current text at start:end (differs from the quote after a fuzzy match)."""
    reason: str = ""
    """Why it is an orphan (not found, ambiguous, ...)."""

    @property
    def ok(self) -> bool:
        return self.method is not None


# Fields written to the notes file, in this order of meaning.
_PERSISTED = (
    "id", "created", "modified", "kind", "report", "section_path", "quote",
    "prefix", "suffix", "start", "end", "paragraph", "note", "tags", "colour",
)


@dataclass
class Annotation:
    report: ReportRef
    kind: str = "highlight"
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    paragraph: int | None = None
    section_path: list[str] = field(default_factory=list)
    note: str = ""
    tags: list[str] = field(default_factory=list)
    colour: str = "yellow"
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created: str = field(default_factory=utc_now)
    modified: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys written by a newer reportx of the same schema: kept, written back."""
    anchor: Anchor | None = field(default=None, compare=False)
    """Anchoring state in the current text: recomputed, never persisted."""

    def __post_init__(self) -> None:
        self._check_types()
        if self.kind not in KINDS:
            raise ValueError(f"unknown annotation kind {self.kind!r}")
        if not self.modified:
            self.modified = self.created
        for name in ("created", "modified"):
            try:
                parse_time(getattr(self, name))
            except ValueError:
                raise ValueError(f"\"{name}\" is not a time: {getattr(self, name)!r}") from None

    def _check_types(self) -> None:
        """Refuse a field of the wrong type, naming it: a hand-edited file must
        never be "repaired" into something else ("abc" into ["a", "b", "c"])."""
        if not isinstance(self.report, ReportRef):
            raise ValueError("\"report\" must be an object")
        for name in ("kind", "quote", "prefix", "suffix", "note", "colour", "id", "created", "modified"):
            _expect(name, getattr(self, name), str)
        for name in ("start", "end"):
            _expect(name, getattr(self, name), int)
        _expect("paragraph", self.paragraph, int, none=True)
        for name in ("section_path", "tags"):
            value = getattr(self, name)
            _expect(name, value, list)
            for item in value:
                if not isinstance(item, str):
                    raise ValueError(f"\"{name}\" must be a list of text, not hold {_kind(item)}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"\"start\" and \"end\" must be offsets with 0 <= start <= end, not {self.start}, {self.end}")

    @property
    def anchored(self) -> bool:
        return self.anchor is not None and self.anchor.ok

    @property
    def span(self) -> tuple[int, int] | None:
        """(start, end) in the current text, or None when not anchored (an orphan)."""
        anchor = self.anchor
        if anchor is None or not anchor.ok or anchor.start is None or anchor.end is None:
            return None
        return anchor.start, anchor.end

    def touch(self) -> None:
        self.modified = utc_now()

    def newer_than(self, other: Annotation) -> bool:
        return parse_time(self.modified) > parse_time(other.modified)

    @classmethod
    def from_selection(
        cls,
        report: Report,
        start: int,
        end: int,
        kind: str = "highlight",
        note: str = "",
        tags: list[str] | tuple[str, ...] = (),
        colour: str = "yellow",
    ) -> Annotation:
        text = report.text
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"selection {start}:{end} outside the text (0:{len(text)})")
        if start == end and kind != "bookmark":
            raise ValueError("only a bookmark may have an empty selection")
        ann = cls(report=ReportRef.of(report), kind=kind, note=note, tags=list(tags), colour=colour)
        ann.select(report, start, end)
        return ann

    def select(self, report: Report, start: int, end: int) -> None:
        """Set the selector (quote, context, position, paragraph) from `report`."""
        text = report.text
        self.quote = text[start:end]
        self.prefix = text[max(0, start - CONTEXT_CHARS):start]
        self.suffix = text[end:end + CONTEXT_CHARS]
        self.start, self.end = start, end
        para = paragraph_at(report, start)
        self.paragraph = para.number if para else None
        self.section_path = list(para.section_path) if para else []
        self.report = ReportRef.of(report)

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        for name in _PERSISTED:
            value = getattr(self, name)
            data[name] = value.to_dict() if isinstance(value, ReportRef) else value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        missing = [k for k in ("id", "kind", "report", "quote", "start", "end") if k not in data]
        if missing:
            raise ValueError(f"annotation missing {', '.join(missing)}")
        known = {k: data[k] for k in _PERSISTED if k in data}
        known["report"] = ReportRef.from_dict(known["report"])
        for name in ("section_path", "tags"):
            if known.get(name) is None:
                known[name] = []
        extra = {k: v for k, v in data.items() if k not in _PERSISTED}
        return cls(**known, extra=extra)


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object", type(None): "null"}.get(type(value), type(value).__name__)


def _expect(name: str, value: Any, kind: type, none: bool = False) -> None:
    if value is None and none:
        return
    # bool is an int to Python, never to a notes file.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"\"{name}\" must be {_kind(kind())}, not {_kind(value)} ({value!r:.40})")


def paragraph_at(report: Report, offset: int) -> Paragraph | None:
    """The paragraph containing `offset` (or the last one starting before it)."""
    paras = sorted(report.paragraphs(), key=lambda p: p.start)
    if not paras:
        return None
    return paras[index_at([p.start for p in paras], offset)]
