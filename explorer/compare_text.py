"""A comparison as Rich text: one home for the look of changes (CLI and compare screen)."""

from __future__ import annotations

from rich.text import Text

from index.compare.model import Piece, Row

DELETED = "red strike"
INSERTED = "green bold"
NUMBER = "bold reverse"
UNCHANGED = "dim"
ROW_STYLE = {"added": "green", "removed": "red", "moved": "cyan", "changed": "", "same": UNCHANGED}
SIGN = {"changed": "~", "added": "+", "removed": "−", "moved": "→", "same": " "}


def pieces_text(pieces: list[Piece], base: str = "") -> Text:
    """One side of a sentence; report text goes in as data, never as markup."""
    text = Text(style=base)
    for p in pieces:
        style = {"delete": DELETED, "insert": INSERTED}.get(p.op, "")
        text.append(p.text, style=f"{style} {NUMBER}" if p.number else style)
    return text


def side_text(row: Row, side: str) -> Text:
    """The old ("old") or new ("new") column of a row; empty where that side has no sentence."""
    if side == "old":
        if row.old is None or row.kind == "moved":
            return Text("")
        return pieces_text(row.old_pieces, ROW_STYLE["removed"] if row.kind == "removed" else
                           ROW_STYLE["same"] if row.kind == "same" else "")
    if row.new is None:
        return Text("")
    return pieces_text(row.new_pieces, ROW_STYLE[row.kind] if row.kind != "changed" else "")


def sign_text(row: Row) -> Text:
    return Text(SIGN[row.kind], style=ROW_STYLE[row.kind] or "yellow")


def inline_text(row: Row) -> Text:
    """A row in one column: at each place, what was deleted, then what was inserted.

    Without the sign (`sign_text`): a sign glued to an unspaced Chinese sentence
    would make Rich move the whole sentence to the next line."""
    if row.kind != "changed":
        return side_text(row, "new" if row.new is not None else "old")
    old_gaps, equals = _gaps(row.old_pieces)
    new_gaps, _ = _gaps(row.new_pieces)
    body = Text()
    for k, gone in enumerate(old_gaps):
        body.append_text(pieces_text(gone + new_gaps[k]))
        if k < len(equals):
            body.append_text(pieces_text([equals[k]]))
    return body


def _gaps(pieces: list[Piece]) -> tuple[list[list[Piece]], list[Piece]]:
    """The changed pieces between equal runs (one list per gap, len(equals) + 1 gaps), and the equal runs.

    Both sides of a changed sentence have the same equal runs, so their gaps line up."""
    gaps: list[list[Piece]] = [[]]
    equals: list[Piece] = []
    for p in pieces:
        if p.op == "equal":
            equals.append(p)
            gaps.append([])
        else:
            gaps[-1].append(p)
    return gaps, equals
