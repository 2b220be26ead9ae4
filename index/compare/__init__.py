"""Two reports side by side: section alignment, sentence alignment, inline differences.

The public API is `compare_reports` and the data it returns (`index.compare.model`);
`index.compare.pick` finds the reports to compare from what a user types.
"""

from index.compare.compare import compare_reports
from index.compare.model import Comparison, Piece, Row, SectionDiff, Sentence

__all__ = ["Comparison", "Piece", "Row", "SectionDiff", "Sentence", "compare_reports"]
