"""Heading precision and recall against the hand-labelled outlines in tests/outlines/.

Each `<file stem>.outline` holds one heading a line, "level<TAB>title", read off
the report by hand (a run-in heading's title ends at its first full stop).
A found heading counts when its level is the same and its title is the same up
to the found title's length (long titles are cut with "…"); headings are paired
in reading order (longest common subsequence).

`python tests/outline_score.py` prints the figures for the clean files and for
degraded copies of them (tests/degrade.py, seed 1, named docNN.txt).
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTLINES = HERE / "outlines"


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    matched: int = 0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.expected += other.expected
        self.matched += other.matched

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def _norm(title: str) -> str:
    return "".join(title.split()).rstrip("…").rstrip("。.．，,：:；;")


def same(found: tuple[int, str], expected: tuple[int, str]) -> bool:
    a, b = _norm(found[1]), _norm(expected[1])
    return found[0] == expected[0] and bool(a) and (b.startswith(a) if found[1].endswith("…") else a == b)


def score(found: list[tuple[int, str]], expected: list[tuple[int, str]]) -> Score:
    rows = [[0] * (len(expected) + 1) for _ in range(len(found) + 1)]
    for i in range(len(found) - 1, -1, -1):
        for j in range(len(expected) - 1, -1, -1):
            rows[i][j] = (rows[i + 1][j + 1] + 1 if same(found[i], expected[j])
                          else max(rows[i + 1][j], rows[i][j + 1]))
    return Score(len(found), len(expected), rows[0][0])


def expected_outline(path: Path) -> list[tuple[int, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            level, title = line.split("\t", 1)
            rows.append((int(level), title))
    return rows


def found_outline(sections) -> list[tuple[int, str]]:
    return [(s.level, s.title) for top in sections for s in top.walk() if s.level > 0]


def labelled_files(corpus: Path) -> list[tuple[Path, Path]]:
    by_stem = {p.stem: p for p in corpus.glob("*/*.txt")}
    return [(by_stem[o.stem], o) for o in sorted(OUTLINES.glob("*.outline")) if o.stem in by_stem]


def measure(corpus: Path, degraded: bool, folder: Path) -> Score:
    from degrade import degrade, doc_name

    from index.reader import read_report

    total = Score()
    for n, (path, outline) in enumerate(labelled_files(corpus)):
        report = read_report(path)
        if degraded:
            copy = folder / doc_name(n)
            copy.write_text(degrade(report.text, report.meta.lang, 1), encoding="utf-8")
            report = read_report(copy)
        total.add(score(found_outline(report.sections), expected_outline(outline)))
    return total


def main() -> None:
    sys.path.insert(0, str(HERE))
    corpus = Path(os.environ.get("REPORTX_CORPUS") or HERE.parents[1] / "shared" / "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        for degraded in (False, True):
            s = measure(corpus, degraded, Path(tmp))
            print(f"{'degraded' if degraded else 'clean':8}  files {len(labelled_files(corpus))}  "
                  f"headings expected {s.expected} found {s.found} right {s.matched}  "
                  f"precision {s.precision:.3f} recall {s.recall:.3f}")


if __name__ == "__main__":
    main()
