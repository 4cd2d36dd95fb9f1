"""Find people and organisations by any name, and everything they appear in."""

from __future__ import annotations

import difflib
from typing import Literal, NamedTuple

from factcli.errors import AmbiguousError, NotFoundError
from factcli.model.records import DateClaim, Entity, Event, Evidence, FactBase, Visit
from factcli.query.text import fold

EntityKind = Literal["person", "org"]


def _names(entity: Entity) -> list[str]:
    return [entity.id.replace("-", " "), entity.name, *entity.aliases]


def exact_matches(facts: FactBase, query: str, kind: EntityKind | None) -> list[Entity]:
    """Entities with a name, alias or id that folds to exactly what ``query`` folds to."""
    wanted = fold(query)
    return [
        e
        for e in facts.entities.values()
        if kind in (None, e.kind) and any(fold(n) == wanted for n in _names(e))
    ]


def _candidates(facts: FactBase, query: str, kind: EntityKind | None) -> list[Entity]:
    exact = exact_matches(facts, query, kind)
    wanted = fold(query)
    if exact or not wanted:
        return exact
    pool = [e for e in facts.entities.values() if kind is None or e.kind == kind]
    query_words = wanted.split()

    def word_match(name: str) -> bool:
        name_words = fold(name).split()
        return all(any(w.startswith(q) for w in name_words) for q in query_words)

    return [e for e in pool if any(word_match(n) for n in _names(e))]


def matching_entity_ids(facts: FactBase, query: str, kind: EntityKind | None) -> set[str]:
    """Ids of every entity a name could mean (for filters, where several is fine)."""
    return {e.id for e in _candidates(facts, query, kind)}


def find_entity(facts: FactBase, query: str, kind: EntityKind | None) -> Entity:
    """The one entity a name means; AmbiguousError or NotFoundError (with suggestions) otherwise."""
    found = _candidates(facts, query, kind)
    label = {"person": "person", "org": "organisation", None: "person or organisation"}[kind]
    if len(found) == 1:
        return found[0]
    if found:
        listing = "; ".join(f"{e.name} ({e.id})" for e in sorted(found, key=lambda e: e.name))
        raise AmbiguousError(f"{query!r} matches {len(found)} entries: {listing}; be more specific")
    pool = {
        fold(n): e.name
        for e in facts.entities.values()
        if kind in (None, e.kind)
        for n in _names(e)
    }
    close = difflib.get_close_matches(fold(query), list(pool), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(pool[c] for c in close))
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise NotFoundError(f"no {label} matching {query!r}{hint}")


class Appearance(NamedTuple):
    """One place an entity appears: in which record, as what, when, on what evidence."""

    record_id: str
    record_title: str
    record_kind: str  # "visit" or "event"
    role: str  # "delegation", "counterpart", "statement", ...
    detail: str
    date: DateClaim
    evidence: Evidence


def _roles_in(
    record: Visit | Event, target: str
) -> list[tuple[str, str, DateClaim | None, Evidence]]:
    """(as what, detail, date, evidence) for each place ``target`` appears in one record."""
    found: list[tuple[str, str, DateClaim | None, Evidence]] = []
    if isinstance(record, Visit):
        for d in record.delegation:
            if d.who == target:
                found.append(
                    ("delegation", " ".join(x for x in (d.rank, d.role) if x), None, d.evidence)
                )
        for c in record.counterparts:
            if c.who == target:
                found.append(
                    ("counterpart", "; ".join(c.topics) or (c.role or ""), c.date, c.evidence)
                )
        for a in record.agreements:
            if target in a.parties:
                found.append(("agreement", a.title, a.date, a.evidence))
        for act in record.activities:
            if target in act.attendees:
                found.append(("activity", act.description, act.date, act.evidence))
    elif target in record.participants:
        found.append(("participant", record.summary, None, record.evidence))
    for s in record.statements:
        if s.speaker == target:
            found.append(("statement", s.said, s.date, s.evidence))
    return found


def appearances(facts: FactBase, entity: Entity) -> list[Appearance]:
    """Every visit, meeting, statement and event the entity appears in, in date order."""
    found: list[Appearance] = []
    for record in facts.items():
        kind = "visit" if isinstance(record, Visit) else "event"
        default_date = record.start if isinstance(record, Visit) else record.date
        for role, detail, date, evidence in _roles_in(record, entity.id):
            found.append(
                Appearance(
                    record.id, record.title, kind, role, detail, date or default_date, evidence
                )
            )
    return sorted(found, key=lambda a: (a.date.value.sort_key(), a.record_id))
