"""Find people and organisations by any name, and everything they appear in."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from typing import Literal, NamedTuple

from factcli.errors import AmbiguousError, NotFoundError
from factcli.model.claims import Claim, SectionName, walk
from factcli.model.records import DateClaim, Entity, Evidence, FactBase, Statement
from factcli.query.text import fold

EntityKind = Literal["person", "org"]

#: What an entity of each kind (None: either) is called in messages.
_LABELS: dict[EntityKind | None, str] = {
    "person": "person",
    "org": "organisation",
    None: "person or organisation",
}


def id_as_name(entity_id: str) -> str:
    """An entity's id read as a name: ``ilse-varga`` finds Ilse Varga."""
    return entity_id.replace("-", " ")


def _names(entity: Entity) -> list[str]:
    return [id_as_name(entity.id), entity.name, *entity.aliases]


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
    """Ids of every entity a name could mean (for filters, where several is fine).

    A name that means no entity but is close to some (a misspelling) is the
    same NotFoundError, naming the closest names, as ``find_entity`` gives; a
    name close to none is an empty set (the filter then matches nothing).
    """
    found = _candidates(facts, query, kind)
    if not found and (suggestions := _closest_names(facts, query, kind)):
        raise _not_found(query, kind, suggestions)
    return {e.id for e in found}


def find_entity(facts: FactBase, query: str, kind: EntityKind | None) -> Entity:
    """The one entity a name means; AmbiguousError or NotFoundError (with suggestions) otherwise."""
    found = _candidates(facts, query, kind)
    if len(found) == 1:
        return found[0]
    if found:
        listing = "; ".join(f"{e.name} ({e.id})" for e in sorted(found, key=lambda e: e.name))
        raise AmbiguousError(f"{query!r} matches {len(found)} entries: {listing}; be more specific")
    raise _not_found(query, kind, _closest_names(facts, query, kind))


def _closest_names(facts: FactBase, query: str, kind: EntityKind | None) -> list[str]:
    """The names (at most three) of the entities whose names are spelt most like ``query``."""
    pool = {
        fold(n): e.name
        for e in facts.entities.values()
        if kind in (None, e.kind)
        for n in _names(e)
    }
    close = difflib.get_close_matches(fold(query), list(pool), n=3, cutoff=0.6)
    return list(dict.fromkeys(pool[c] for c in close))


def _not_found(query: str, kind: EntityKind | None, suggestions: list[str]) -> NotFoundError:
    """The error for a name that means no entity, with the closest names if any."""
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    return NotFoundError(f"no {_LABELS[kind]} matching {query!r}{hint}")


#: What an entity appears as, by the section of the claim that names it, in display order.
APPEARS_AS: dict[SectionName, str] = {
    "places": "visitor",
    "delegation": "delegation",
    "counterparts": "counterpart",
    "agreements": "agreement",
    "activities": "activity",
    "summary": "participant",
    "statements": "statement",
}
_ORDER = {section: n for n, section in enumerate(APPEARS_AS)}
#: What an entity is, in a claim that names it without its taking part.
MENTIONED = "mentioned"
#: What an entity is, in a claim an article attributes to it (``according_to``).
REPORTED = "reported"


class Appearance(NamedTuple):
    """One claim that names an entity, and what the entity appears in it as."""

    claim: Claim
    role: str  # "delegation", "counterpart", "statement", ...
    record_title: str

    @property
    def record_id(self) -> str:
        """The visit or event the claim belongs to."""
        return self.claim.record_id

    @property
    def record_kind(self) -> str:
        """``visit`` or ``event``."""
        return self.claim.record_kind

    @property
    def detail(self) -> str:
        """What the claim says about the entity (reported speech marked as such)."""
        item = self.claim.item
        return item.words if isinstance(item, Statement) else self.claim.text

    @property
    def date(self) -> DateClaim | None:
        """The claim's own date; None when no source dates it."""
        return self.claim.date

    @property
    def evidence(self) -> Evidence:
        """The claim's own basis and citations."""
        return self.claim.evidence


def claim_order(claim: Claim) -> tuple[tuple[date, date], str]:
    """Date order: by the claim's own date, else by the dates of the record it sits in."""
    if claim.date is not None:
        return claim.date.value.sort_key(), claim.record_id
    if claim.within is not None:
        return claim.within.dates.sort_key(), claim.record_id
    return (date.min, date.min), claim.record_id


def _appears_as(claim: Claim, entity_id: str) -> str:
    item = claim.item
    if isinstance(item, Statement):
        return item.noun
    if claim.section == "counterparts" and entity_id != claim.subject:
        return "visitor"  # the one who met the counterpart
    return APPEARS_AS[claim.section]


def _roles_in(claim: Claim, entity_id: str) -> Iterator[str]:
    """What the entity is in one claim: a part it takes, a mention, the party reporting it."""
    taking_part = (
        claim.section in APPEARS_AS
        and claim.record_kind in ("visit", "event")
        and entity_id in claim.entities
    )
    if taking_part:
        yield _appears_as(claim, entity_id)
    if entity_id in claim.setting.mentions:
        yield MENTIONED
    if claim.according_to == entity_id:
        yield REPORTED


def appearances(facts: FactBase, entity: Entity) -> list[Appearance]:
    """Every claim the entity takes part in, is mentioned in or reported, in date order."""
    found = [
        Appearance(claim, role, claim.within.title if claim.within else "")
        for claim in walk(facts)
        for role in _roles_in(claim, entity.id)
    ]
    # Within one record: the order of APPEARS_AS, then the order of the file.
    found.sort(key=lambda a: (_ORDER.get(a.claim.section, len(_ORDER)), a.claim.position))
    return sorted(found, key=lambda a: claim_order(a.claim))
