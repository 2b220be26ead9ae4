"""Plain data of a comparison: aligned sections, aligned sentences, inline changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from index.model import ReportMeta

PieceOp = Literal["equal", "delete", "insert"]
RowKind = Literal["same", "changed", "added", "removed", "moved"]
SectionStatus = Literal["matched", "moved", "added", "removed"]
MatchHow = Literal["title", "content", ""]
ROW_KINDS: tuple[RowKind, ...] = ("same", "changed", "added", "removed", "moved")


@dataclass(frozen=True)
class Piece:
    """A run of one side's sentence: unchanged, or only in the old/new sentence."""

    op: PieceOp
    text: str
    number: bool = False
    """The run holds a figure (2.5%, 1200万, 5.0 percent) that changed."""


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    """Number of the paragraph the sentence is in (Paragraph.number)."""
    start: int
    """Offset of the sentence in its report's text."""


@dataclass
class Row:
    """One aligned pair of sentences (or a sentence on one side only)."""

    kind: RowKind
    old: Sentence | None = None
    new: Sentence | None = None
    old_pieces: list[Piece] = field(default_factory=list)
    new_pieces: list[Piece] = field(default_factory=list)
    numbers: list[tuple[str, str]] = field(default_factory=list)
    """Figures that changed, (old, new); "" on the side that has none."""

    @property
    def is_change(self) -> bool:
        return self.kind != "same"


@dataclass
class SectionDiff:
    """A section of the old report and its counterpart in the new one (or none)."""

    status: SectionStatus
    old_path: tuple[str, ...] = ()
    new_path: tuple[str, ...] = ()
    match: MatchHow = ""
    """How the counterpart was found ("" for an added or removed section)."""
    score: float = 0.0
    """Similarity of the pair, 0-100."""
    within: tuple[str, ...] = ()
    """For an added/removed section inside a matched one: the matched section
    (new path, else old path) whose comparison includes its sentences."""
    rows: list[Row] = field(default_factory=list)

    @property
    def title(self) -> str:
        path = self.new_path or self.old_path
        return path[-1] if path else ""

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = dict.fromkeys(ROW_KINDS, 0)
        for row in self.rows:
            found[row.kind] += 1
        return found


@dataclass
class Comparison:
    old: ReportMeta
    new: ReportMeta
    sections: list[SectionDiff]
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        total: dict[str, int] = dict.fromkeys(ROW_KINDS, 0)
        for section in self.sections:
            for kind, n in section.counts().items():
                total[kind] += n
        return total

    def rows(self) -> list[tuple[SectionDiff, Row]]:
        return [(s, r) for s in self.sections for r in s.rows]

    def to_json(self) -> dict[str, Any]:
        def meta(m: ReportMeta) -> dict[str, Any]:
            return {"id": m.id, "title": m.title, "year": m.year, "lang": m.lang, "path": m.path}

        def sentence(s: Sentence | None) -> dict[str, Any] | None:
            return None if s is None else {"text": s.text, "paragraph": s.paragraph, "start": s.start}

        def pieces(ps: list[Piece]) -> list[dict[str, Any]]:
            return [{"op": p.op, "text": p.text, **({"number": True} if p.number else {})} for p in ps]

        return {
            "old": meta(self.old), "new": meta(self.new), "counts": self.counts(),
            "sections": [{
                "status": s.status, "old": list(s.old_path), "new": list(s.new_path), "match": s.match,
                "score": round(s.score, 1), "within": list(s.within), "counts": s.counts(),
                "rows": [{
                    "kind": r.kind, "old": sentence(r.old), "new": sentence(r.new),
                    "old_pieces": pieces(r.old_pieces), "new_pieces": pieces(r.new_pieces),
                    "numbers": [list(n) for n in r.numbers],
                } for r in s.rows if r.is_change],
            } for s in self.sections],
        }
