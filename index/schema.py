"""The Whoosh schema: one document per paragraph and per section title, one per report, one meta.

Everything needed to show a hit is stored, so search never reopens a file.
The schema and analysis versions are part of the index name: a change in
either makes a new, empty index that is built afresh.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from whoosh import formats
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema

from index.analysis import ANALYSIS_VERSION, FoldingTokenizer, bigram_analyzer, mixed_analyzer, pair_analyzer
from index.textcolumn import TextColumn
from index.textnorm import fold

SCHEMA_VERSION = 6
INDEX_NAME = f"reportx_s{SCHEMA_VERSION}_a{ANALYSIS_VERSION}"

PARAGRAPH = "para"
HEADING = "heading"
"""A section title, searched like a paragraph: `paragraph` is the section's first."""
REPORT = "report"
META = "meta"


def build_schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),  # "<report>:<n>", "<report>:h<n>", "<report>:report", "meta"
        kind=ID(stored=True),
        report=ID(stored=True, sortable=True),  # a column too: hit locations without stored fields
        title=STORED(),  # shown, not searched: analysing it per paragraph cost ~7% of a build
        # Signed (unsigned ranges are broken in Whoosh 2.7); a wide shift step
        # indexes 2 terms per document instead of 8, plenty for year ranges.
        year=NUMERIC(int, stored=True, shift_step=16),
        lang=ID(stored=True),
        section=STORED(),  # list of section titles, outermost first
        paragraph=STORED(),
        paragraph_column=COLUMN(NumericColumn("I")),  # the paragraph number again, as a column
        start=STORED(),  # offset of the paragraph in the report text
        joins=STORED(),  # where a paragraph broken over lines was joined (index.model.Paragraph.joins)
        text=_Text(analyzer=mixed_analyzer(), stored=True, phrase=True),
        pairs=_BareTerms(pair_analyzer()),  # English phrases (index/exact.py): words side by side
        # Exact recall (index/exact.py): Chinese bigrams as bare terms, and the match text to check.
        cjk=_BareTerms(bigram_analyzer()),
        match_text=COLUMN(TextColumn(write_offsets_cutoff=0)),  # offsets stored: no summing them at open
        themes=KEYWORD(stored=True, commas=True, scorable=False, lowercase=False),
        # Report documents only:
        path=STORED(),
        content_hash=STORED(),
        outline=STORED(),  # the section tree as nested dicts
        # The meta document only:
        themes_fingerprint=STORED(),
    )


def unscored_fields(schema: Schema) -> list[str]:
    """The fields searched but never scored: writing them needs no document lengths."""
    return [name for name, field in schema.items() if isinstance(field, _BareTerms)]


IndexedTerm = tuple[bytes, int, float, bytes]
"""What a field's `index` gives Whoosh for each term of a document: (term, frequency, weight, value)."""

# Whoosh's `FieldType.index` makes a Token object per term and passes it through
# three generators before counting it: a fifth of a worker's time in a build. The
# fields below count the tokenizer's terms themselves and give Whoosh the same
# postings (tests/unit/test_build_writer.py compares them with Whoosh's own path).


class _Text(TEXT):  # type: ignore[misc]  # Whoosh ships no types
    """Words with their positions (phrase queries), scored by frequency."""

    analyzer: FoldingTokenizer

    def index(self, value: Any, **kwargs: Any) -> Iterator[IndexedTerm]:
        if kwargs or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        positions: dict[str, list[int]] = defaultdict(list)
        for term, position, _, _ in self.analyzer.terms(fold(value), "index"):
            positions[term].append(position)
        encode, boost = self.format.encode, self.format.field_boost
        for term, at in positions.items():
            yield term.encode(), len(at), len(at) * boost, encode(at)


class _BareTerms(FieldType):  # type: ignore[misc]  # Whoosh ships no types
    """Terms with no positions or counts, searched but never scored.

    Scorable all the same: Whoosh then records a length column, and without
    one it looks for the missing column file on disk for every posting written.
    """

    def __init__(self, analyzer: FoldingTokenizer) -> None:
        self.analyzer, self.format, self.scorable = analyzer, formats.Existence(), True

    def index(self, value: Any, **kwargs: Any) -> Iterator[IndexedTerm]:
        if kwargs or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for term in {term for term, _, _, _ in self.analyzer.terms(fold(value), "index")}:
            yield term.encode(), 1, boost, b""
