"""A digest: every paragraph a search finds, in report and reading order, ready to share.

Reports come oldest first and paragraphs in reading order, under their section
headings, with the matches marked, each with its back-reference (report id,
paragraph number, file). Markdown, one self-contained HTML file, or CSV.
Optionally the user's notes on those paragraphs go with them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from html import escape

from index.htmlpage import page
from index.library import Library
from index.markdown import escape_markdown
from index.notes.model import Annotation
from index.reference import back_reference
from index.search import SearchRequest, search
from index.textnorm import fold, has_cjk
from index.themes import ReportTheme


@dataclass(frozen=True)
class DigestNote:
    kind: str
    quote: str
    note: str
    tags: tuple[str, ...] = ()


@dataclass
class DigestEntry:
    report: str
    title: str
    year: int | None
    lang: str
    path: str
    section: list[str]
    paragraph: int
    text: str
    spans: list[tuple[int, int]]
    """Matches, as (start, end) offsets into `text`."""
    notes: list[DigestNote] = field(default_factory=list)

    @property
    def reference(self) -> str:
        return back_reference(self.report, self.paragraph, self.path)

    def matches(self) -> list[str]:
        return [self.text[s:e] for s, e in self.spans]


@dataclass
class Digest:
    request: SearchRequest
    entries: list[DigestEntry]
    themes: dict[str, str] = field(default_factory=dict)
    """Labels of the requested themes, by id."""

    @property
    def title(self) -> str:
        query = self.request.query.strip()
        what = [query if '"' in query else f"“{query}”"] if query else []
        what += [self.themes.get(t, t) for t in self.request.themes]
        return "Digest: " + (" · ".join(what) or "every paragraph")

    def describe(self) -> str:
        reports = len({e.report for e in self.entries})
        parts = [f"{_count(len(self.entries), 'paragraph')} from {_count(reports, 'report')}"]
        if self.request.themes:
            joiner = " and " if self.request.theme_mode == "all" else " or "
            parts.append("themes: " + joiner.join(self.themes.get(t, t) for t in self.request.themes))
        if self.request.years:
            low, high = self.request.years
            parts.append(f"years: {low or '…'}–{high or '…'}" if low != high else f"year: {low}")
        if self.request.lang:
            parts.append(f"language: {self.request.lang}")
        return " · ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class DigestError(Exception):
    """A query that cannot be searched; str() is the reason, one line."""


def build_digest(library: Library, request: SearchRequest, notes: Iterable[Annotation] = ()) -> Digest:
    """Every paragraph `request` finds (its limit is ignored), with `notes` on them attached."""
    result = search(library, replace(request, limit=0, locations=False))
    if result.error:
        raise DigestError(result.error)
    keywords = _theme_keywords([t for t in library.themes if t.id in request.themes]) \
        if not request.query.strip() else None
    entries = [DigestEntry(h.report, h.title, h.year, h.lang, h.path, h.section, h.paragraph, h.text,
                           list(h.spans) if keywords is None else _spans(h.text, keywords)) for h in result.hits
               if not h.heading]  # titles are printed as the headings above their paragraphs
    entries.sort(key=lambda e: (e.year or 0, e.title, e.report, e.paragraph))
    by_place = {(e.report, e.paragraph): e for e in entries}
    for ann in sorted(notes, key=lambda a: (a.start, a.end)):
        entry = by_place.get((ann.report.id, ann.paragraph if ann.paragraph is not None else -1))
        if entry is not None:
            entry.notes.append(DigestNote(ann.kind, ann.quote, ann.note, tuple(ann.tags)))
    labels = {t.id: t.label for t in library.themes if t.id in request.themes}
    return Digest(request, entries, labels)


def _theme_keywords(themes: Sequence[ReportTheme]) -> re.Pattern[str] | None:
    """A theme-only digest marks the themes' keywords (Chinese as substrings, English words
    with any ending), over folded text so that offsets stay those of the text as written."""
    words = {fold(w) for t in themes for w in (*t.keywords_zh, *t.keywords_en) if w.strip()}
    if not words:
        return None
    parts = [re.escape(w) if has_cjk(w) else r"\b" + r"\s+".join(map(re.escape, w.split())) + r"\w*"
             for w in sorted(words, key=lambda w: (-len(w), w))]
    return re.compile("|".join(parts))


def _spans(text: str, keywords: re.Pattern[str] | None) -> list[tuple[int, int]]:
    return [m.span() for m in keywords.finditer(fold(text))] if keywords else []


def _label(entry: DigestEntry) -> str:
    return entry.title if not entry.year or str(entry.year) in entry.title else f"{entry.year} {entry.title}"


def _changed_levels(previous: Sequence[str], current: Sequence[str]) -> int:
    """How many leading section titles two paths share."""
    same = 0
    for a, b in zip(previous, current, strict=False):
        if a != b:
            break
        same += 1
    return same


def _marked(text: str, spans: list[tuple[int, int]], mark: tuple[str, str],
            escape_text: Callable[[str], str]) -> str:
    out: list[str] = []
    at = 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out += [escape_text(text[at:start]), mark[0], escape_text(text[start:end]), mark[1]]
        at = end
    out.append(escape_text(text[at:]))
    return "".join(out)


# -- Markdown ---------------------------------------------------------------


def to_markdown(digest: Digest) -> str:
    out = [f"# {escape_markdown(digest.title)}", "", f"*{escape_markdown(digest.describe())}*", ""]
    report: str | None = None
    path: list[str] = []
    for e in digest.entries:
        if e.report != report:
            report, path = e.report, []
            out += [f"## {escape_markdown(_label(e))}", "", f"`{e.path}`", ""]
        same = _changed_levels(path, e.section)
        for depth, title in enumerate(e.section[same:], start=same):
            out += [f"{'#' * min(3 + depth, 6)} {escape_markdown(title)}", ""]
        path = e.section
        text = _marked(e.text, e.spans, ("**", "**"), escape_markdown)
        out += [text.replace("\n", "  \n"), "", f"↩ {_code(e.reference)}", ""]
        for n in e.notes:
            out += _md_note(n)
    return "\n".join(out).rstrip("\n") + "\n"


def _code(text: str) -> str:
    """`text` as a Markdown code span (shown literally, no escapes needed)."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _md_note(n: DigestNote) -> list[str]:
    tags = " " + " ".join(f"#{escape_markdown(t)}" for t in n.tags) if n.tags else ""
    lines = [f"> **{n.kind}**{tags}: “{escape_markdown(n.quote)}”"]
    if n.note:
        lines += [">"] + [f"> {escape_markdown(line)}" for line in n.note.split("\n")]
    return lines + [""]


# -- HTML -------------------------------------------------------------------


def to_html(digest: Digest) -> str:
    body = [f"<h1>{escape(digest.title)}</h1>", f'<p class="meta">{escape(digest.describe())}</p>']
    report: str | None = None
    path: list[str] = []
    for e in digest.entries:
        if e.report != report:
            report, path = e.report, []
            body += [f"<h2>{escape(_label(e))}</h2>", f'<p class="ref">{escape(e.path)}</p>']
        same = _changed_levels(path, e.section)
        for depth, title in enumerate(e.section[same:], start=same):
            level = min(3 + depth, 6)
            body.append(f"<h{level}>{escape(title)}</h{level}>")
        path = e.section
        text = _marked(e.text, e.spans, ("<mark>", "</mark>"), escape).replace("\n", "<br>")
        body += [f"<p>{text}</p>", f'<p class="ref">↩ {escape(e.reference)}</p>']
        for n in e.notes:
            tags = " ".join("#" + t for t in n.tags)
            note = escape(n.note).replace("\n", "<br>")
            body.append(f'<div class="note"><p><strong>{escape(n.kind)}</strong> {escape(tags)}: '
                        f"“{escape(n.quote)}”</p>" + (f"<p>{note}</p>" if n.note else "") + "</div>")
    lang = digest.entries[0].lang if digest.entries and len({e.lang for e in digest.entries}) == 1 else ""
    return page(digest.title, body, lang)


# -- CSV --------------------------------------------------------------------

CSV_FIELDS = ["report", "title", "year", "lang", "section", "paragraph", "path", "text", "matches", "notes"]


def to_csv(digest: Digest) -> str:
    """One row per paragraph; the section path joined with " › ", matches and notes with "; "."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_FIELDS)
    for e in digest.entries:
        notes = "; ".join(f"{n.kind}: {n.note or n.quote}" for n in e.notes)
        writer.writerow([e.report, e.title, e.year or "", e.lang, " › ".join(e.section), e.paragraph, e.path,
                         e.text, "; ".join(e.matches()), notes])
    return buf.getvalue()


FORMATS = {"md": to_markdown, "html": to_html, "csv": to_csv}
SUFFIXES = {"md": ".md", "html": ".html", "csv": ".csv"}
