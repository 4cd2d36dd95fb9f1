"""``factcli conflicts``: each point where sources differ, its versions side by side, a verdict."""

from __future__ import annotations

from typing import Any

from factcli.model import provenance
from factcli.model.dates import marked, value_words
from factcli.model.records import DateClaim, FactBase
from factcli.model.values import DateValue, value_data
from factcli.query.conflicts import Conflict, Version
from factcli.render.labels import (
    Citations,
    claim_date_cell,
    publisher_label,
)
from factcli.render.report import Report, Section

CONFLICTS_FIELDS = [
    "point", "topic", "record_id", "value", "note", "date", "within_id", "within_start",
    "within_end", "basis", "reasoning", "sources", "quote", "date_text", "date_earliest",
    "date_latest", "date_basis", "date_reasoning", "within_kind", "within_title", "within_text",
    "within_earliest", "within_latest", "according_to", "place", "country", "status",
    "mentions", "verdict", "where", "value_kind", "as_stated",
]  # fmt: skip


def _version_value(version: Version) -> str:
    """A version's value in words; a date marked when inferred, with the source's own words."""
    words = value_words(version.value)
    if isinstance(version.value, DateValue) and version.evidence.basis == "inferred":
        words = marked(words, DateClaim(version.value.date, "inferred"))
    return f'{words} ("{version.as_stated}")' if version.as_stated else words


def conflicts_report(facts: FactBase, found: list[Conflict]) -> Report:
    """``factcli conflicts``: each point's versions, one row each, with the point's verdict.

    Every row names its point and verdict, so that a row read alone (a narrow
    terminal stacks each row's cells) still says which point it is a version of.
    """
    cite = Citations(facts)
    columns = ["Point", "Verdict", "Value", "According to", "As of", "In", "Src"]
    section = Section("Where sources differ", columns)
    data = []
    flat = []
    for conflict in found:
        claims = []
        for version in conflict.versions:
            claim = version.claim
            by = ", ".join(
                publisher_label(facts.sources[s])
                for s in version.evidence.source_ids
                if s in facts.sources
            )
            dated = version.date is not None or version.note is not None
            section.rows.append(
                [
                    conflict.point,
                    conflict.verdict,
                    _version_value(version),
                    by,
                    claim_date_cell(version.date, claim.within) if dated else "",
                    claim.record_id,
                    cite.marks(version.evidence, version.date),
                ]
            )
            # A version of a date is its own date, on its own citations, not the whole claim's.
            own = _version_own(version)
            row = {
                "record_id": claim.record_id,
                "where": claim.where,
                "value": value_words(version.value),
                "comparable": value_data(version.value),
                "as_stated": version.as_stated,
                "note": version.note,
                **provenance.claim_data(claim, facts.name_of),
                **own,
            }
            claims.append(row)
            flat.append(
                {
                    "point": conflict.point,
                    "topic": conflict.topic,
                    "record_id": claim.record_id,
                    "value": row["value"],
                    "note": version.note,
                    **provenance.claim_flat(claim),
                    **(_own_flat(version, own) if own else {}),
                    # Added after the first columns, so existing CSV column order stays.
                    "verdict": conflict.verdict,
                    "where": claim.where,
                    "value_kind": row["comparable"]["kind"],
                    "as_stated": version.as_stated,
                }
            )
        data.append(
            {
                "point": conflict.point,
                "topic": conflict.topic,
                "verdict": conflict.verdict,
                "claims": claims,
            }
        )
    return cite.attach(
        Report(data, flat, [section], title=f"{len(found)} point(s) where sources differ")
    )


def _version_date(version: Version) -> DateClaim | None:
    """A version of a date as a date claim of its own; None for a context claim's value."""
    if version.note is not None or not isinstance(version.value, DateValue):
        return None
    evidence = version.evidence
    return DateClaim(version.value.date, evidence.basis, evidence.reasoning, version.as_stated)


def _version_own(version: Version) -> dict[str, Any]:
    """What a version of a date has of its own in place of its claim's: its date and evidence."""
    date = _version_date(version)
    if date is None:
        return {}
    return {"date": provenance.date_data(date), **provenance.evidence_data(version.evidence)}


def _own_flat(version: Version, own: dict[str, Any]) -> dict[str, Any]:
    """``_version_own`` as flat cells, in place of its claim's."""
    date = provenance.date_flat(_version_date(version))
    return {
        "date": date.pop("date"),
        "basis": own["basis"],
        "reasoning": own["reasoning"],
        "sources": ";".join(own["sources"]),
        "quote": " | ".join(c["quote"] for c in own["cite"]),
        **date,
    }
