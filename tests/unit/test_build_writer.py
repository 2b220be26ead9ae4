"""A build's shortcuts write what Whoosh's own code writes: the fields' `index`
(index.schema) and the postings grouped by term (index.build_writer with
index.segment_codec), checked on generated variations of real text."""

from __future__ import annotations

import random
import re
from pathlib import Path

from conftest import SAMPLES
from helpers import REPORTS, THEMES, write_reports
from whoosh.fields import FieldType
from whoosh.writing import SegmentWriter

import index.library as library_module
from index.build_writer import TermPool
from index.library import Library
from index.schema import build_schema

_NOISE = ["", " ", "\n", "5.2%", "U.S.", "Ｒ＆Ｄ", "碳達峰", "“双碳”", "2024年", "e.g.", "🙂", "—", "GDP增长5%左右", "\u3000"]


def _paragraphs() -> list[str]:
    """Paragraphs of the bundled samples and seed reports, and degraded copies:
    shuffled words, noise inserted, lines broken mid-sentence."""
    texts = [REPORTS[name] for name in REPORTS] + [p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt")]
    paragraphs = [p for text in texts for p in re.split(r"\n\s*\n", text) if p.strip()]
    rng = random.Random(17)
    degraded = []
    for p in paragraphs:
        words = p.split(" ")
        rng.shuffle(words)
        noisy = list(p)
        for _ in range(3):
            noisy.insert(rng.randrange(len(noisy) + 1), rng.choice(_NOISE))
        degraded += [" ".join(words), "".join(noisy), p.replace("，", "，\n").replace(", ", ",\n")]
    return paragraphs + degraded + _NOISE


def test_fields_index_text_as_whoosh_would():
    schema = build_schema()
    for name in ("text", "cjk", "pairs"):
        field = schema[name]
        for paragraph in _paragraphs():
            assert sorted(field.index(paragraph)) == sorted(FieldType.index(field, paragraph)), (name, paragraph)


def _segment_files(index_dir: Path) -> dict[str, bytes]:
    """Each file of the index's one segment by its kind (the name without the segment id)."""
    segment_file = re.compile(r"_[a-z0-9]{16}(\..+)$")
    return {m[1]: path.read_bytes() for path in index_dir.iterdir() if (m := segment_file.search(path.name))}


def test_grouped_postings_write_the_segment_whoosh_writes(tmp_path, monkeypatch):
    # One segment for the whole build; a term in more documents than a block holds (128).
    monkeypatch.setattr(library_module, "FIRST_COMMIT_SECONDS", 3600.0)
    many = "政府工作报告\n\n" + "\n\n".join(f"第{i}段：推进碳达峰，the carbon peaking plan {i}." for i in range(300))
    folder = write_reports(tmp_path / "reports", {**REPORTS, "2023年政府工作报告.txt": many})
    for sample in SAMPLES.glob("*.txt"):
        (folder / sample.name).write_bytes(sample.read_bytes())

    Library(tmp_path / "ours", THEMES, worker_processes=1).update([folder])
    monkeypatch.setattr(library_module, "BuildWriter", lambda ix, **options: SegmentWriter(ix, **options))
    Library(tmp_path / "whoosh", THEMES, worker_processes=1).update([folder])

    ours, whoosh = _segment_files(tmp_path / "ours"), _segment_files(tmp_path / "whoosh")
    assert any(kind.endswith(".pst") for kind in ours)
    assert ours.keys() == whoosh.keys()
    for kind in ours:
        assert ours[kind] == whoosh[kind], kind


def test_pooled_postings_come_back_as_added():
    """Whoosh's way into the pool (`add`, as merging segments uses it): packed
    records of terms in one document or many, with values or without."""
    rng = random.Random(5)
    terms = [f"{word}{i}".encode() for i, word in enumerate(["碳达峰", "carbon", "5%", "GDP"] * 10)]
    pool = TermPool()
    expected: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]] = {}
    for docnum in range(300):
        for field in ("cjk", "text"):
            for term in rng.sample(terms, k=rng.randrange(1, 8)):
                weight = rng.choice([1.0, 1.0, 2.0, 3.0, 0.5])
                value = rng.randbytes(rng.randrange(1, 9)) if field == "text" else b""
                pool.add((field, term, docnum, weight, value))
                expected.setdefault((field, term), []).append((docnum, weight, value or None))
    assert list(pool.iter_postings().by_term) == sorted(expected.items())
