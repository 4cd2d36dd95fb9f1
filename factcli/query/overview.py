"""Whole-base views: the bibliography with claim counts, and disagreements between sources."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from factcli.model.claims import Claim, walk
from factcli.model.records import ContextNote, FactBase, Source


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


class Conflict(NamedTuple):
    """A point on which sources give different values."""

    point: str
    topic: str
    claims: tuple[tuple[str, ContextNote], ...]  # (visit or event id, claim)
    walked: tuple[Claim, ...]  # the same claims, as the claim walk gives them


def conflicts(facts: FactBase) -> list[Conflict]:
    """Points that several claims speak to with different values."""
    by_point: dict[str, list[Claim]] = {}
    for claim in walk(facts):
        if isinstance(claim.item, ContextNote) and claim.item.point:
            by_point.setdefault(claim.item.point, []).append(claim)
    found = []
    for point, claims in sorted(by_point.items()):
        notes = [c.item for c in claims if isinstance(c.item, ContextNote)]
        if len({note.value for note in notes}) > 1:
            pairs = tuple((c.record_id, note) for c, note in zip(claims, notes, strict=True))
            found.append(Conflict(point, notes[0].topic, pairs, tuple(claims)))
    return found


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
