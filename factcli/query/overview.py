"""Whole-base views: the bibliography with claim counts, and what a base holds."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from factcli.model.claims import walk
from factcli.model.records import FactBase, Source


class SourceUse(NamedTuple):
    """A source and how many claims cite it."""

    source: Source
    claims: int
    number: int


def source_usage(facts: FactBase, owner_id: str | None = None) -> list[SourceUse]:
    """Sources with the number of claims citing each, optionally within one visit or event."""
    counts: Counter[str] = Counter()
    for claim in walk(facts):
        if owner_id is None or claim.record_id == owner_id:
            counts.update(claim.evidence.source_ids)
    numbers = facts.source_numbers()
    return [
        SourceUse(s, counts[s.id], numbers[s.id])
        for s in facts.sources.values()
        if owner_id is None or counts[s.id]
    ]


def base_counts(facts: FactBase) -> dict[str, int]:
    """How many records of each kind a fact base holds, and how many cited claims."""
    people = sum(1 for e in facts.entities.values() if e.kind == "person")
    return {
        "visits": len(facts.visits),
        "related_events": len(facts.events),
        "people": people,
        "organisations": len(facts.entities) - people,
        "sources": len(facts.sources),
        "claims": sum(1 for _ in walk(facts)),
    }
