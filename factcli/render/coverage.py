"""``factcli coverage``: per source, the share of sentences stated, and what is not."""

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
        "unstated": list(row.unstated),
    }


def coverage_report(result: CoverageReport, uncovered_only: bool = False) -> Report:
    """The summary table, the uncovered sentences and stale ledger entries; JSON per sentence."""
    columns = ["Source", "Sentences", "Cited", "Partly stated", "Not facts", "Uncovered", "Stated"]
    summary = Section("Coverage by source", columns)
    uncovered = Section("Uncovered sentences", ["Source", "#", "Sentence"])
    partly = Section("Partly stated sentences", ["Source", "#", "Unstated words", "Sentence"])
    stale = Section("Stale ledger entries", ["Source", "Kind", "Sentence", "Reason"])
    summary_data = []
    sentences = []
    for found in result.sources:
        counts = {s: found.count(s) for s in ("cited", "partly stated", "not a fact", "uncovered")}
        # A quote touches a sentence when it is stated ("cited") or partly stated.
        touched = counts["cited"] + counts["partly stated"]
        summary.rows.append(
            [
                found.source,
                str(len(found.sentences)),
                str(touched),
                str(counts["partly stated"]),
                str(counts["not a fact"]),
                str(counts["uncovered"]),
                f"{found.share:.0%}",
            ]
        )
        summary_data.append(
            {
                "source": found.source,
                "sentences": len(found.sentences),
                "cited": touched,
                "not_facts": counts["not a fact"],
                "uncovered": counts["uncovered"],
                # The share stated: of the fact-bearing sentences, those the claims state.
                "share": round(found.share, 4),
                "stated": counts["cited"],
                "partly_stated": counts["partly stated"],
            }
        )
        for row in found.sentences:
            number = str(row.sentence.number)
            if row.status == "uncovered":
                uncovered.rows.append([found.source, number, row.sentence.text])
            if row.status == "partly stated" and not uncovered_only:
                unstated = " ".join(row.unstated)
                partly.rows.append([found.source, number, unstated, row.sentence.text])
            if row.status == "uncovered" or not uncovered_only:
                sentences.append(_sentence_data(row))
    for entry in result.stale:
        stale.rows.append([entry.source, entry.kind, entry.sentence, entry.reason])
    stale_data = [
        {"source": e.source, "sentence": e.sentence, "reason": e.reason, "kind": e.kind}
        for e in result.stale
    ]
    records = [
        {
            **row,
            "covered_by": ";".join(f"{c['record_id']} {c['where']}" for c in row["covered_by"]),
            "unstated": " ".join(row["unstated"]),
        }
        for row in sentences
    ]
    sections = [] if uncovered_only else [summary]
    sections += [s for s in (uncovered, partly, stale) if s.rows]
    data = {"sources": summary_data, "sentences": sentences, "stale_ledger": stale_data}
    title = f"{result.uncovered} uncovered sentence(s), {result.partly_stated} partly stated"
    return Report(
        data,
        records,
        sections,
        title=title,
        record_fields=["source", "index", "text", "status", "covered_by", "reason", "unstated"],
    )
