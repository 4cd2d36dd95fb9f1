"""``factcli coverage``: per source, the share of sentences cited, and what is not."""

from __future__ import annotations

from typing import Any

from factcli.query.coverage import CoverageReport, SentenceCoverage
from factcli.render.report import Report, Section


def _sentence_data(row: SentenceCoverage) -> dict[str, Any]:
    return {
        "source": row.sentence.source,
        "index": row.sentence.number,
        "text": row.sentence.text,
        "status": row.status,
        "covered_by": [
            {"record_id": c.record_id, "record_kind": c.record_kind, "where": c.where}
            for c in row.cited_by
        ],
        "reason": row.reason,
    }


def coverage_report(result: CoverageReport, uncovered_only: bool = False) -> Report:
    """The summary table, the uncovered sentences and stale ledger entries; JSON per sentence."""
    summary = Section(
        "Coverage by source", ["Source", "Sentences", "Cited", "Not facts", "Uncovered", "Covered"]
    )
    uncovered = Section("Uncovered sentences", ["Source", "#", "Sentence"])
    stale = Section("Stale ledger entries", ["Source", "Sentence", "Reason"])
    summary_data = []
    sentences = []
    for found in result.sources:
        counts = {s: found.count(s) for s in ("cited", "not a fact", "uncovered")}
        summary.rows.append(
            [
                found.source,
                str(len(found.sentences)),
                str(counts["cited"]),
                str(counts["not a fact"]),
                str(counts["uncovered"]),
                f"{found.share:.0%}",
            ]
        )
        summary_data.append(
            {
                "source": found.source,
                "sentences": len(found.sentences),
                "cited": counts["cited"],
                "not_facts": counts["not a fact"],
                "uncovered": counts["uncovered"],
                "share": round(found.share, 4),
            }
        )
        for row in found.sentences:
            if row.status == "uncovered":
                uncovered.rows.append([found.source, str(row.sentence.number), row.sentence.text])
            if row.status == "uncovered" or not uncovered_only:
                sentences.append(_sentence_data(row))
    for entry in result.stale:
        stale.rows.append([entry.source, entry.sentence, entry.reason])
    stale_data = [
        {"source": e.source, "sentence": e.sentence, "reason": e.reason} for e in result.stale
    ]
    records = [
        {
            **row,
            "covered_by": ";".join(f"{c['record_id']} {c['where']}" for c in row["covered_by"]),
        }
        for row in sentences
    ]
    sections = [] if uncovered_only else [summary]
    sections += [s for s in (uncovered, stale) if s.rows]
    data = {"sources": summary_data, "sentences": sentences, "stale_ledger": stale_data}
    title = f"{result.uncovered} uncovered sentence(s)"
    return Report(
        data,
        records,
        sections,
        title=title,
        record_fields=["source", "index", "text", "status", "covered_by", "reason"],
    )
