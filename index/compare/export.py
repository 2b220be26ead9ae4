"""A comparison as Markdown, HTML (one self-contained file) or JSON."""

from __future__ import annotations

import json
from html import escape

from index.compare.model import Comparison, Piece, Row, SectionDiff
from index.htmlpage import page
from index.markdown import escape_markdown

SIGN = {"changed": "~", "added": "+", "removed": "-", "moved": "→", "same": " "}


def label(meta_title: str, year: int | None) -> str:
    return meta_title if not year or str(year) in meta_title else f"{year} {meta_title}"


def section_heading(diff: SectionDiff) -> str:
    old, new = " › ".join(diff.old_path), " › ".join(diff.new_path)
    if diff.status in ("matched", "moved") and old != new:
        return f"{old} → {new}"
    return new or old


def summary_line(diff: SectionDiff) -> str:
    c = diff.counts()
    if diff.status in ("added", "removed") and diff.within:
        return f"section {diff.status} (its sentences are compared within {' › '.join(diff.within)})"
    parts = [f"{c['changed']} changed", f"{c['added']} added", f"{c['removed']} removed"]
    if c["moved"]:
        parts.append(f"{c['moved']} moved")
    prefix = {"moved": "section moved; ", "added": "section added; ", "removed": "section removed; "}.get(diff.status, "")
    return prefix + ", ".join(parts) + " sentences"


def to_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"


# -- Markdown ---------------------------------------------------------------


def _md_pieces(pieces: list[Piece]) -> str:
    out = []
    for p in pieces:
        text = escape_markdown(p.text)
        if p.op == "delete":
            out.append(f"~~{text}~~" if not p.number else f"~~**{text}**~~")
        elif p.op == "insert":
            out.append(f"**{text}**" if not p.number else f"**`{p.text}`**")
        else:
            out.append(text)
    return "".join(out)


def _md_row(row: Row) -> list[str]:
    if row.kind == "changed":
        lines = [f"- ~ {_md_pieces(row.old_pieces)}", f"  → {_md_pieces(row.new_pieces)}"]
        if row.numbers:
            lines.append("  figures: " + ", ".join(f"{o or '—'} → {n or '—'}" for o, n in row.numbers))
        return lines
    sentence = row.new if row.new is not None else row.old
    text = escape_markdown(sentence.text) if sentence else ""
    return [f"- {SIGN[row.kind]} {text}"]


def to_markdown(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    counts = comparison.counts()
    out = [f"# {escape_markdown(label(old.title, old.year))} → {escape_markdown(label(new.title, new.year))}", "",
           f"{counts['changed']} sentences changed, {counts['added']} added, {counts['removed']} removed, "
           f"{counts['moved']} moved; {counts['same']} unchanged.", "",
           "Old: `" + old.path + "`  ", "New: `" + new.path + "`", ""]
    for diff in comparison.sections:
        out += [f"## {escape_markdown(section_heading(diff))}", "", f"*{summary_line(diff)}*", ""]
        for row in diff.rows:
            if row.is_change:
                out += _md_row(row)
        if any(r.is_change for r in diff.rows):
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML -------------------------------------------------------------------


def _html_pieces(pieces: list[Piece]) -> str:
    out = []
    for p in pieces:
        text = escape(p.text)
        cls = ' class="num"' if p.number else ""
        if p.op == "delete":
            out.append(f"<del{cls}>{text}</del>")
        elif p.op == "insert":
            out.append(f"<ins{cls}>{text}</ins>")
        else:
            out.append(text)
    return "".join(out)


def to_html(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    title = f"{label(old.title, old.year)} → {label(new.title, new.year)}"
    counts = comparison.counts()
    body = [f"<h1>{escape(title)}</h1>",
            f"<p class=\"meta\">{counts['changed']} sentences changed, {counts['added']} added, "
            f"{counts['removed']} removed, {counts['moved']} moved; {counts['same']} unchanged. "
            f"Old: {escape(old.path)}; new: {escape(new.path)}</p>"]
    for diff in comparison.sections:
        body += [f"<h2>{escape(section_heading(diff))}</h2>", f"<p class=\"meta\">{escape(summary_line(diff))}</p>"]
        rows = [r for r in diff.rows if r.is_change]
        if not rows:
            continue
        body.append('<table class="side"><tr><th>' + escape(label(old.title, old.year)) + "</th><th>"
                    + escape(label(new.title, new.year)) + "</th></tr>")
        for row in rows:
            left = _html_pieces(row.old_pieces) if row.kind in ("changed", "removed") else ""
            right = _html_pieces(row.new_pieces) if row.kind != "removed" else ""
            if row.kind == "moved":
                right = "→ " + right
            body.append(f"<tr class=\"{row.kind}\"><td>{left}</td><td>{right}</td></tr>")
        body.append("</table>")
    return page(title, body, new.lang)


EXPORTERS = {"md": to_markdown, "html": to_html, "json": to_json}
