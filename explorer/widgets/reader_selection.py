"""The reader's sentence selection and its annotate/bookmark requests.

A mixin of `Reader` (which owns `paragraphs`, `cursor`, `report`...). The
selection is (first paragraph index, its sentence, last paragraph index, its
sentence); sentences come from `explorer.text.sentence_spans`.
"""

from __future__ import annotations

from explorer.messages import AnnotateRequested
from explorer.text import sentence_spans
from index.model import to_file


class SelectionMixin:
    selection: tuple[int, int, int, int] | None = None

    # -- selection -----------------------------------------------------------

    def _sentences(self, index: int) -> list[tuple[int, int]]:
        return sentence_spans(self.paragraphs[index]["text"])

    def _selected_in(self, index: int) -> tuple[int, int] | None:
        """The selected (start, end) in paragraph `index`, if any of it is selected."""
        if self.selection is None or index < 0:
            return None
        first, first_sentence, last, last_sentence = self.selection
        if not first <= index <= last:
            return None
        sentences = self._sentences(index)
        start = sentences[first_sentence][0] if index == first else sentences[0][0]
        end = sentences[last_sentence][1] if index == last else sentences[-1][1]
        return start, end

    def selected_range(self) -> tuple[int, int] | None:
        """The selection (or the current paragraph) as offsets into the report text."""
        if self.current is None:
            return None
        if self.selection is None:
            return _in_file(self.current, 0), _in_file(self.current, len(self.current["text"]))
        first, _, last, _ = self.selection
        start = _in_file(self.paragraphs[first], self._selected_in(first)[0])
        end = _in_file(self.paragraphs[last], self._selected_in(last)[1])
        return start, end

    def _set_selection(self, selection: tuple[int, int, int, int] | None) -> None:
        self.selection = selection
        if selection is not None and self.cursor != selection[2]:
            self.cursor = selection[2]
            self._show_cursor()
        self._restyle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"extend", "shrink", "cancel_selection"}:
            return self.selection is not None  # otherwise the key goes on to the screen
        return True

    def action_select(self) -> None:
        if self.current is None:
            return
        self._resync()
        self._set_selection((self.cursor, 0, self.cursor, 0))

    def action_extend(self) -> None:
        first, first_sentence, last, last_sentence = self.selection
        if last_sentence + 1 < len(self._sentences(last)):
            last_sentence += 1
        elif last + 1 < len(self.paragraphs):
            last, last_sentence = last + 1, 0
        self._set_selection((first, first_sentence, last, last_sentence))

    def action_shrink(self) -> None:
        first, first_sentence, last, last_sentence = self.selection
        if (last, last_sentence) <= (first, first_sentence):
            return
        if last_sentence > 0:
            last_sentence -= 1
        else:
            last -= 1
            last_sentence = len(self._sentences(last)) - 1
        self._set_selection((first, first_sentence, last, last_sentence))

    def _extend_paragraph(self, step: int) -> None:
        first, first_sentence, last, last_sentence = self.selection
        if step > 0 and last + 1 < len(self.paragraphs):
            last += 1
            last_sentence = len(self._sentences(last)) - 1
        elif step < 0:
            if last > first:
                last -= 1
                last_sentence = len(self._sentences(last)) - 1
            else:
                last_sentence = first_sentence
        self._set_selection((first, first_sentence, last, last_sentence))

    def action_cancel_selection(self) -> None:
        self._set_selection(None)

    def clear_selection(self) -> None:
        if self.selection is not None:
            self._set_selection(None)

    def action_annotate(self) -> None:
        self._request("highlight")

    def action_bookmark(self) -> None:
        self._request("bookmark")

    def _request(self, kind: str) -> None:
        if self.report is None or self.current is None:
            return
        if kind == "bookmark":
            start = self.current.get("start", 0)
            span = (start, start)
        else:
            span = self.selected_range()
        self.post_message(AnnotateRequested(self.report.id, span[0], span[1], kind, self.current["paragraph"]))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._blocks:
            return
        index = self._index_at_line(int(self.scroll_y) + offset.y)
        self.clear_selection()
        if index != self.cursor:
            self.cursor = index


def _in_file(paragraph: dict, offset: int) -> int:
    """Report-text offset of `offset` in a stored paragraph (joined fragments included)."""
    return to_file(paragraph.get("start", 0), paragraph.get("joins", ()), offset)
