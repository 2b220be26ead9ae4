"""Notes out (Markdown, CSV, W3C Web Annotation JSON-LD) and back in (JSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from index import safejson
from index.model import Report
from index.notes.anchor import anchor_annotation
from index.notes.filter import NoteFilter
from index.notes.model import Annotation, ReportRef
from index.notes.store import NotesStore
from index.reference import back_reference

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {"highlight": "highlighting", "note": "commenting", "bookmark": "bookmarking"}
KIND_OF = {v: k for k, v in MOTIVATIONS.items()}


def _status(ann: Annotation) -> str:
    if ann.anchor is None:
        return "unknown"  # never anchored against a current text
    return "anchored" if ann.anchored else "orphan"


def _ordered(anns: Iterable[Annotation]) -> list[Annotation]:
    return sorted(anns, key=lambda a: (a.report.year or 0, a.report.title, a.report.id, a.start, a.end))


def _filtered(anns: Iterable[Annotation], report_id: str | None, tag: str | None) -> list[Annotation]:
    keep = NoteFilter(reports=[report_id] if report_id else [], tags=[tag] if tag else [], ignore_case=False)
    return keep.apply(anns)


def export_markdown(anns: Iterable[Annotation], title: str = "Notes",
                    report_id: str | None = None, tag: str | None = None) -> str:
    """Grouped by report, then by section heading, in reading order."""
    out = [f"# {title}", ""]
    report = section = None
    for a in _ordered(_filtered(anns, report_id, tag)):
        if a.report.id != report:
            report, section = a.report.id, None
            year = f"{a.report.year} · " if a.report.year else ""
            out += [f"## {year}{a.report.title or a.report.id}", ""]
        heading = " › ".join(a.section_path) or "(no section)"
        if heading != section:
            section = heading
            out += [f"### {heading}", ""]
        if a.quote:
            out += [f"> {line}" if line else ">" for line in a.quote.split("\n")] + [""]
        else:
            out += [f"*Bookmark at paragraph {a.paragraph}*", ""]
        if a.note:
            out += [a.note, ""]
        meta = [a.kind, f"colour: {a.colour}"]
        if a.tags:
            meta.append("tags: " + " ".join(f"#{t}" for t in a.tags))
        if _status(a) == "orphan":
            meta.append("**orphan: passage not found in the current text**")
        out += ["— " + " · ".join(meta) + "  ", f"↩ {back_reference(a.report.id, a.paragraph, a.report.path)}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


CSV_FIELDS = ["id", "report_id", "report_title", "year", "kind", "section", "paragraph", "start", "end",
              "quote", "note", "tags", "colour", "status", "created", "modified"]


def export_csv(anns: Iterable[Annotation], report_id: str | None = None, tag: str | None = None) -> str:
    """One row per annotation; tags joined with "; "."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_FIELDS)
    for a in _ordered(_filtered(anns, report_id, tag)):
        writer.writerow([a.id, a.report.id, a.report.title, a.report.year, a.kind, " › ".join(a.section_path),
                         a.paragraph, a.start, a.end, a.quote, a.note, "; ".join(a.tags), a.colour,
                         _status(a), a.created, a.modified])
    return buf.getvalue()


def to_web_annotation(a: Annotation) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if a.note:
        body.append({"type": "TextualBody", "value": a.note, "format": "text/plain", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    target = {
        "source": a.report.path or f"reportx:report/{a.report.id}",
        "reportx:report": a.report.to_dict(),
        "reportx:sectionPath": a.section_path,
        "reportx:paragraph": a.paragraph,
        "selector": [
            {"type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix},
            {"type": "TextPositionSelector", "start": a.start, "end": a.end},
        ],
    }
    item: dict[str, Any] = {
        "@context": W3C_CONTEXT,
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "created": a.created,
        "modified": a.modified,
        "motivation": MOTIVATIONS[a.kind],
        "target": target,
        "reportx:kind": a.kind,
        "reportx:colour": a.colour,
        "reportx:status": _status(a),
    }
    if body:
        item["body"] = body
    if a.anchor is not None and a.anchored:
        item["reportx:current"] = {"method": a.anchor.method, "start": a.anchor.start,
                                   "end": a.anchor.end, "exact": a.anchor.exact}
    return item


def export_json(anns: Iterable[Annotation], report_id: str | None = None, tag: str | None = None) -> str:
    """A JSON array of W3C Web Annotations (JSON-LD)."""
    items = [to_web_annotation(a) for a in _ordered(_filtered(anns, report_id, tag))]
    return safejson.dumps(items, indent=2) + "\n"


def from_web_annotation(item: Mapping[str, Any]) -> Annotation:
    if item.get("type") != "Annotation":
        raise ValueError("not a Web Annotation")
    target = item["target"]
    selectors = {s.get("type"): s for s in target.get("selector", [])}
    quote = selectors.get("TextQuoteSelector", {})
    position = selectors.get("TextPositionSelector", {})
    body = item.get("body") or []
    body = [body] if isinstance(body, dict) else body
    note = "\n".join(b["value"] for b in body if b.get("purpose") != "tagging" and "value" in b)
    return Annotation(
        id=str(item["id"]).removeprefix("urn:uuid:"),
        created=item["created"],
        modified=item.get("modified", item["created"]),
        kind=item.get("reportx:kind") or KIND_OF.get(str(item.get("motivation")), "note"),
        report=ReportRef.from_dict(target.get("reportx:report") or {"id": "", "path": target.get("source", "")}),
        section_path=list(target.get("reportx:sectionPath") or []),
        paragraph=target.get("reportx:paragraph"),
        quote=quote.get("exact", ""),
        prefix=quote.get("prefix", ""),
        suffix=quote.get("suffix", ""),
        start=int(position.get("start", 0)),
        end=int(position.get("end", 0)),
        note=note,
        tags=[b["value"] for b in body if b.get("purpose") == "tagging"],
        colour=item.get("reportx:colour", "yellow"),
    )


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    orphaned: int = 0
    """Imported annotations (of any of the above) that do not anchor in the current text."""


def import_json(data: str | list[Any] | dict[str, Any], store: NotesStore, reports: Mapping[str, Report]) -> ImportResult:
    """Merge exported Web Annotations into `store` by id (newer `modified` wins).

    `reports` maps report ids and/or paths to the current reports; each
    annotation is anchored against its report's current text (no report:
    counted as orphaned, but still imported: notes are never dropped).
    """
    items = json.loads(data) if isinstance(data, str) else data
    items = items.get("items", [items]) if isinstance(items, dict) else items
    anns = [from_web_annotation(item) for item in items]
    result = ImportResult()
    for a in anns:
        if a.report.id:
            store.path_for(a.report.id)  # refuse the whole file before writing any of it
    for a in anns:
        report = reports.get(a.report.id) or reports.get(a.report.path)
        if report is not None:
            a.report.id = a.report.id or report.meta.id
            anchor_annotation(a, report.text)
        if not a.report.id:
            raise ValueError(f"annotation {a.id}: unknown report {a.report.path!r}")
        result.orphaned += not a.anchored
    for outcome in store.merge(anns).values():
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result
