"""A build's shortcuts write what Whoosh's own code writes: the fields' `index`
(index.schema), checked on generated variations of real text."""

from __future__ import annotations

import random
import re

from conftest import SAMPLES
from helpers import REPORTS
from whoosh.fields import FieldType

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
