"""The reader's sentence selection: which sentences of which paragraphs, and how keys move it.

Pure data: the reader owns one (or None) and draws it; sentences come from
`explorer.text.sentence_spans`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from explorer.data import Span

Sentences = Callable[[int], list[Span]]
"""The sentences (start, end) of the paragraph at an index."""


class Selection(NamedTuple):
    """From sentence `first_sentence` of paragraph index `first` to `last_sentence` of `last`."""

    first: int
    first_sentence: int
    last: int
    last_sentence: int

    @classmethod
    def at(cls, index: int) -> Selection:
        """The first sentence of one paragraph."""
        return cls(index, 0, index, 0)

    def range_in(self, index: int, sentences: Sentences) -> Span | None:
        """The selected (start, end) in paragraph `index`, if any of it is selected."""
        if not self.first <= index <= self.last:
            return None
        spans = sentences(index)
        start = spans[self.first_sentence][0] if index == self.first else spans[0][0]
        end = spans[self.last_sentence][1] if index == self.last else spans[-1][1]
        return start, end

    def extended(self, sentences: Sentences, count: int) -> Selection:
        """One sentence more (into the next paragraph at the end of one)."""
        last, last_sentence = self.last, self.last_sentence
        if last_sentence + 1 < len(sentences(last)):
            last_sentence += 1
        elif last + 1 < count:
            last, last_sentence = last + 1, 0
        return self._replace(last=last, last_sentence=last_sentence)

    def shrunk(self, sentences: Sentences) -> Selection:
        """One sentence less (never less than the first)."""
        last, last_sentence = self.last, self.last_sentence
        if (last, last_sentence) <= (self.first, self.first_sentence):
            return self
        if last_sentence > 0:
            last_sentence -= 1
        else:
            last -= 1
            last_sentence = len(sentences(last)) - 1
        return self._replace(last=last, last_sentence=last_sentence)

    def by_paragraph(self, step: int, sentences: Sentences, count: int) -> Selection:
        """The whole next paragraph added (step 1), or the last one taken off (step -1)."""
        last, last_sentence = self.last, self.last_sentence
        if step > 0 and last + 1 < count:
            last += 1
            last_sentence = len(sentences(last)) - 1
        elif step < 0:
            if last > self.first:
                last -= 1
                last_sentence = len(sentences(last)) - 1
            else:
                last_sentence = self.first_sentence
        return self._replace(last=last, last_sentence=last_sentence)
