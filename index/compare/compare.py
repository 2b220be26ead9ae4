"""Comparing two reports: aligned sections, then aligned sentences inside each pair."""

from __future__ import annotations

import time

from rapidfuzz import fuzz

from index.compare.model import Comparison, Piece, Row, SectionDiff, SectionStatus
from index.compare.section_align import Node, align_sections, flatten, moved, title_key
from index.compare.sentence_align import align_sentences
from index.compare.sentences import sentences_of
from index.model import Paragraph, Report

SECTION_FILTER_MATCH = 80.0
"""Least partial similarity of --section TITLE to a section title (0-100)."""


def compare_reports(old: Report, new: Report, section: str | None = None) -> Comparison:
    """What changed from `old` to `new`, section by section (optionally only sections like `section`)."""
    began = time.perf_counter()
    lang = new.meta.lang
    shift = new.meta.year - old.meta.year if old.meta.year and new.meta.year else None
    a, b = flatten(old.sections), flatten(new.sections)
    pairs = align_sections(a, b, lang)
    out_of_order = moved(pairs)
    new_of = {p.old: p for p in pairs}
    old_of = {p.new: p.old for p in pairs}
    owner_a = _owners(a, {i: p.new for i, p in new_of.items()}, b, _nearest(b, set(old_of)))
    owner_b = _owners(b, old_of, a, _nearest(a, set(new_of)))

    diffs: list[SectionDiff] = []
    emitted_old: set[int] = set()

    def emit_removed_before(limit: int) -> None:
        for node in a:
            if node.index < limit and node.index not in new_of and node.index not in emitted_old \
                    and owner_a[node.index] is None:
                emitted_old.add(node.index)
                diffs.append(SectionDiff("removed", old_path=node.path, rows=[
                    Row("removed", s, None, old_pieces=[Piece("delete", s.text)])
                    for s in sentences_of(node.own, lang)]))

    for node in b:
        j = node.index
        if j in old_of:
            i = old_of[j]
            pair = new_of[i]
            emit_removed_before(i)
            rows = align_sentences(
                sentences_of(_paragraphs(a, owner_a, i), lang),
                sentences_of(_paragraphs(b, owner_b, j), lang), lang, shift)
            status: SectionStatus = "moved" if i in out_of_order else "matched"
            diffs.append(SectionDiff(status, a[i].path, node.path, pair.how, pair.score, rows=rows))
            diffs += [SectionDiff("removed", old_path=n.path, within=node.path)
                      for n in a if n.index not in new_of and owner_a[n.index] == i]
            diffs += [SectionDiff("added", new_path=n.path, within=node.path)
                      for n in b if n.index not in old_of and owner_b[n.index] == j]
        elif owner_b[j] is None:
            diffs.append(SectionDiff("added", new_path=node.path, rows=[
                Row("added", None, s, new_pieces=[Piece("insert", s.text)])
                for s in sentences_of(node.own, lang)]))
    emit_removed_before(len(a))
    if section:
        diffs = [d for d in diffs if _section_wanted(d, section)]
    return Comparison(old.meta, new.meta, diffs, time.perf_counter() - began)


def _nearest(nodes: list[Node], matched: set[int]) -> list[int | None]:
    """Each node's nearest matched ancestor, itself included (None when there is none)."""
    found: list[int | None] = []
    for node in nodes:
        if node.index in matched:
            found.append(node.index)
        else:
            found.append(found[node.parent] if node.parent is not None else None)
    return found


def _owners(nodes: list[Node], counterpart: dict[int, int], others: list[Node],
            others_nearest: list[int | None]) -> list[int | None]:
    """Which matched section answers for each node's paragraphs (None: the node stands alone).

    An unmatched subsection is compared inside its nearest matched ancestor when the other
    report holds that text elsewhere than in subsections of its own: its counterpart has more
    paragraphs of its own (the same text, not divided into subsections) or unmatched
    subsections too (subsections rewritten beyond recognition). Otherwise it is a section
    added or removed with all its sentences.
    """
    nearest = _nearest(nodes, set(counterpart))
    owners: list[int | None] = []
    for node in nodes:
        ancestor = nearest[node.index]
        if ancestor is None or ancestor == node.index:
            owners.append(ancestor)
            continue
        other = counterpart[ancestor]
        loose = any(others_nearest[n.index] == other and n.index != other for n in others)
        flatter = len(others[other].own) > len(nodes[ancestor].own)
        owners.append(ancestor if loose or flatter else None)
    return owners


def _paragraphs(nodes: list[Node], owners: list[int | None], index: int) -> list[Paragraph]:
    """The paragraphs a matched section answers for: its own and those of unmatched subsections."""
    found = [p for node in nodes if owners[node.index] == index for p in node.own]
    return sorted(found, key=lambda p: p.number)


def _section_wanted(diff: SectionDiff, wanted: str) -> bool:
    key = title_key(wanted)
    titles = [title_key(t) for t in (*diff.old_path, *diff.new_path)]
    return any(key in t or fuzz.partial_ratio(key, t) >= SECTION_FILTER_MATCH for t in titles if t)
