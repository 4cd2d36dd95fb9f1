"""Reports across the fact base: search hits, the timeline, sources, conflicts, quote checks."""

from __future__ import annotations

from typing import Any

from factcli.errors import Problem
from factcli.model import serialize
from factcli.model.records import Event, Evidence, FactBase, Visit
from factcli.query.overview import Conflict, SourceUse
from factcli.query.quotes import QuoteReport
from factcli.query.search import SearchHit
from factcli.render.labels import Citations, date_label, place_label, span_label
from factcli.render.report import Cell, Report, Section


def search_report(facts: FactBase, query: str, hits: list[SearchHit]) -> Report:
    """``factcli search``: ranked hits with highlighted snippets."""
    cite = Citations(facts)
    section = Section(f"Matches for “{query}”", ["Record", "Field", "Snippet", "Src"])
    data = []
    for hit in hits:
        evidence_marks = cite.marks(None) if not hit.sources else cite.marks_for(hit.sources)
        section.rows.append(
            [
                hit.record_id,
                f"{hit.section}.{hit.field}",
                Cell(hit.snippet, hit.highlights),
                evidence_marks,
            ]
        )
        data.append(
            {
                "record_id": hit.record_id,
                "record_kind": hit.record_kind,
                "section": hit.section,
                "field": hit.field,
                "snippet": hit.snippet,
                "highlights": [list(span) for span in hit.highlights],
                "sources": list(hit.sources),
                "score": round(hit.score, 4),
            }
        )
    flat = [
        {
            **row,
            "highlights": ";".join(f"{a}-{b}" for a, b in hit.highlights),
            "sources": ";".join(hit.sources),
        }
        for row, hit in zip(data, hits, strict=True)
    ]
    return cite.attach(Report(data, flat, [section], title=f"{len(hits)} match(es)"))


def timeline_report(facts: FactBase, records: list[Visit | Event]) -> Report:
    """``factcli timeline``: visits and events in date order, drawn as a timeline."""
    cite = Citations(facts)
    section = Section("Timeline", ["Year", "When", "What", "Where", "Src"], kind="timeline")
    data = []
    for record in records:
        if isinstance(record, Visit):
            evidence = Evidence(
                tuple(
                    c
                    for claim in (record.start, record.end)
                    if claim and claim.evidence
                    for c in claim.evidence.cite
                )
            )
            what = f"VISIT  {record.title}"
            data.append(serialize.visit_summary(facts, record))
        else:
            evidence = record.evidence
            what = f"{record.kind}  {record.title}"
            data.append(serialize.event_summary(record))
        year = str(record.dates.sort_key()[0].year)
        section.rows.append(
            [year, span_label(record), what, place_label(record.places), cite.marks(evidence)]
        )
    flat = [{k: v for k, v in row.items() if not isinstance(v, list)} for row in data]
    return cite.attach(Report(data, flat, [section], title=f"{len(records)} visit(s) and event(s)"))


def sources_report(facts: FactBase, uses: list[SourceUse]) -> Report:
    """``factcli sources``: the bibliography with claim counts."""
    section = Section("Sources", ["#", "ID", "Publisher", "Headline", "Published", "Claims"])
    data = []
    for use in uses:
        source = use.source
        section.rows.append(
            [
                f"[{use.number}]",
                source.id,
                source.byline,
                source.headline or "(no headline)",
                date_label(source.published),
                str(use.claims),
            ]
        )
        data.append({"number": use.number, **serialize.source_data(source), "claims": use.claims})
    flat = [{k: v for k, v in row.items() if not isinstance(v, (list, dict))} for row in data]
    return Report(data, flat, [section], title=f"{len(uses)} source(s)")


def conflicts_report(facts: FactBase, found: list[Conflict]) -> Report:
    """``factcli conflicts``: points on which sources disagree."""
    cite = Citations(facts)
    section = Section(
        "Where sources disagree", ["Point", "Value", "According to", "As of", "In", "Src"]
    )
    data = []
    flat = []
    for conflict in found:
        claims = []
        for record_id, note in conflict.claims:
            by = ", ".join(
                facts.sources[s].publisher for s in note.evidence.source_ids if s in facts.sources
            )
            section.rows.append(
                [
                    conflict.point,
                    note.value or "",
                    by,
                    date_label(note.date),
                    record_id,
                    cite.marks(note.evidence),
                ]
            )
            claim = {
                "record_id": record_id,
                "value": note.value,
                "note": note.note,
                "date": serialize.date_data(note.date),
                **serialize.evidence_data(note.evidence),
            }
            claims.append(claim)
            flat.append(
                {
                    "point": conflict.point,
                    "topic": conflict.topic,
                    "record_id": record_id,
                    "value": note.value,
                    "note": note.note,
                    "sources": ";".join(note.evidence.source_ids),
                }
            )
        data.append({"point": conflict.point, "topic": conflict.topic, "claims": claims})
    return cite.attach(Report(data, flat, [section], title=f"{len(found)} disagreement(s)"))


def quotes_report(report: QuoteReport) -> Report:
    """``factcli verify-quotes``: each failing quote, then the closest passage and a word diff."""
    section = Section("Quotes not found", ["Record", "Where", "Source", "Problem", "Text"])
    closest = Section("Closest passages", ["Where", "Source", "Chars", "Passage", "Word diff"])
    data = []
    for failure in report.failures:
        section.rows.append(
            [
                failure.owner_id,
                failure.where,
                ", ".join(failure.source_ids),
                failure.reason,
                failure.text,
            ]
        )
        row: dict[str, Any] = {
            "record_id": failure.owner_id,
            "where": failure.where,
            "sources": list(failure.source_ids),
            "problem": failure.reason,
            "text": failure.text,
            "closest": None,
            "diff": None,
        }
        if failure.closest is not None:
            # Only a failing check gets here, and it has imported the matcher already.
            from factcli.query.passages import word_diff
            from factcli.render.authoring import passage_data, wdiff

            passage = failure.closest
            diff = wdiff(word_diff(failure.text, passage.text))
            closest.rows.append(
                [
                    f"{failure.owner_id} {failure.where}",
                    passage.source_id or passage.archive,
                    f"{passage.start}-{passage.end}",
                    passage.text,
                    diff,
                ]
            )
            row["closest"] = passage_data(passage)
            row["diff"] = diff
        data.append(row)
    flat = [
        {
            **{k: v for k, v in row.items() if k != "closest"},
            "sources": ";".join(row["sources"]),
            "closest_text": row["closest"]["text"] if row["closest"] else None,
        }
        for row in data
    ]
    summary = {"checked": report.checked, "failed": len(report.failures), "failures": data}
    sections = [section] if data else []
    if closest.rows:
        sections.append(closest)
    return Report(
        summary,
        flat,
        sections,
        title=f"{report.checked} quotes checked, {len(report.failures)} not found",
    )


def problems_report(problems: list[Problem], files: int) -> Report:
    """``factcli validate`` in a machine-readable format: every problem, located."""
    section = Section("Problems", ["File", "Line", "Key", "Message"])
    rows = []
    for problem in problems:
        section.rows.append(
            [problem.file, str(problem.line or ""), problem.key_path, problem.message]
        )
        rows.append(
            {
                "file": problem.file,
                "line": problem.line,
                "column": problem.column,
                "key_path": problem.key_path,
                "message": problem.message,
            }
        )
    data = {"valid": not problems, "files": files, "problems": rows}
    title = f"{files} files, {len(problems)} problem(s)"
    fields = ["file", "line", "column", "key_path", "message"]
    return Report(data, rows, [section], title=title, record_fields=fields)
