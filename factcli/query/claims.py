"""Every cited claim in a fact base, as one flat stream.

Counting citations per source, checking quotes and full-text search all walk
the same claims; this module is the one place that knows where claims live.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from factcli.model.records import (
    Activity,
    Agreement,
    Characterisation,
    Counterpart,
    DateClaim,
    Delegate,
    Entity,
    Event,
    Evidence,
    FactBase,
    Place,
    Source,
    Visit,
)

NameOf = Callable[[str], str]

#: Fields whose text is the name of a registry id, looked up with ``name_of``.
NAME_FIELDS = frozenset({"who", "speaker"})


class ClaimRef(NamedTuple):
    """One claim, where it lives, and the texts a reader would search in it."""

    owner_id: str
    owner_kind: str  # "visit", "event", "person", "org" or "source"
    section: str
    position: int  # within its section
    evidence: Evidence
    texts: tuple[tuple[str, str], ...]  # (field name, text)
    verbatim: tuple[tuple[str, str], ...]  # fields that must appear in a cited source


def _date_claim(owner: str, kind: str, section: str, claim: DateClaim | None) -> Iterator[ClaimRef]:
    if claim is not None and claim.evidence is not None:
        texts = [("date", claim.value.text)]
        if claim.reasoning:
            texts.append(("reasoning", claim.reasoning))
        yield ClaimRef(owner, kind, section, 0, claim.evidence, tuple(texts), ())


def _place_texts(place: Place) -> tuple[tuple[str, str], ...]:
    parts = [("city", place.city or ""), ("country", place.country), ("note", place.note or "")]
    return tuple((k, v) for k, v in parts if v)


def _shared(owner: str, kind: str, name_of: NameOf, record: Visit | Event) -> Iterator[ClaimRef]:
    for index, place in enumerate(record.places):
        yield ClaimRef(owner, kind, "places", index, place.evidence, _place_texts(place), ())
    for index, statement in enumerate(record.statements):
        said: tuple[tuple[str, str], ...] = (
            ("speaker", name_of(statement.speaker)),
            ("said", statement.said),
        )
        yield ClaimRef(
            owner, kind, "statements", index, statement.evidence, said, (("said", statement.said),)
        )
    for index, note in enumerate(record.context):
        texts = tuple(
            (k, v)
            for k, v in (("topic", note.topic), ("note", note.note), ("value", note.value or ""))
            if v
        )
        yield ClaimRef(owner, kind, "context", index, note.evidence, texts, ())


def _visit_claims(visit: Visit, name_of: NameOf) -> Iterator[ClaimRef]:
    owner = visit.id
    yield from _date_claim(owner, "visit", "start", visit.start)
    yield from _date_claim(owner, "visit", "end", visit.end)
    yield from _shared(owner, "visit", name_of, visit)
    sections: list[tuple[str, tuple[VisitClaim, ...]]] = [
        ("characterisations", visit.characterisations),
        ("delegation", visit.delegation),
        ("counterparts", visit.counterparts),
        ("agreements", visit.agreements),
        ("activities", visit.activities),
    ]
    for section, records in sections:
        for index, record in enumerate(records):
            texts, verbatim = _record_texts(record, name_of)
            evidence = record.evidence
            yield ClaimRef(owner, "visit", section, index, evidence, texts, verbatim)


VisitClaim = Characterisation | Delegate | Counterpart | Agreement | Activity


def _record_texts(
    record: VisitClaim, name_of: NameOf
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    if isinstance(record, Characterisation):
        return (("by", record.by), ("description", record.description)), ()
    if isinstance(record, Delegate):
        parts = (("who", name_of(record.who)), ("rank", record.rank), ("role", record.role))
        return tuple((k, v) for k, v in parts if v), ()
    if isinstance(record, Counterpart):
        parts = (
            ("who", name_of(record.who)),
            ("role", record.role),
            ("topics", "; ".join(record.topics)),
        )
        return tuple((k, v) for k, v in parts if v), ()
    if isinstance(record, Agreement):
        texts = [("title", record.title)]
        if record.wording:
            texts.append(("wording", record.wording))
        return tuple(texts), ((("wording", record.wording),) if record.wording else ())
    parts = (("description", record.description), ("place", record.place), ("", None))
    return tuple((k, v) for k, v in parts if v), ()


def _entity_claims(entity: Entity) -> Iterator[ClaimRef]:
    for index, role in enumerate(entity.roles):
        texts = (("role", role.title),)
        yield ClaimRef(entity.id, entity.kind, "roles", index, role.evidence, texts, ())


def _source_claims(source: Source) -> Iterator[ClaimRef]:
    if source.evidence is not None:
        yield ClaimRef(
            source.id,
            "source",
            "credits",
            0,
            source.evidence,
            (("publisher", source.publisher),),
            (),
        )
    yield from _date_claim(source.id, "source", "published", source.published)


def iter_claims(facts: FactBase, name_of: NameOf | None = None) -> Iterator[ClaimRef]:
    """Every claim in the fact base, visits first, then events, registry and sources.

    Names in ``NAME_FIELDS`` come from ``name_of`` (the fact base's registry
    unless given), so an index can store ids and look names up later.
    """
    name_of = name_of or facts.name_of
    for visit in facts.visits.values():
        yield from _visit_claims(visit, name_of)
    for event in facts.events.values():
        texts = (("title", event.title), ("summary", event.summary))
        yield ClaimRef(event.id, "event", "summary", 0, event.evidence, texts, ())
        yield from _date_claim(event.id, "event", "date", event.date)
        yield from _shared(event.id, "event", name_of, event)
    for entity in facts.entities.values():
        yield from _entity_claims(entity)
    for source in facts.sources.values():
        yield from _source_claims(source)
