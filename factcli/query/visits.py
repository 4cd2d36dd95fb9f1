"""Find and filter visits and events, and put them on a timeline."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from factcli.errors import NotFoundError
from factcli.model.edtf import EdtfDate
from factcli.model.records import Event, FactBase, Visit
from factcli.query.entities import matching_entity_ids
from factcli.query.text import fold


@dataclass(frozen=True, slots=True)
class VisitFilter:
    """Criteria a visit or event must all meet; None means "any"."""

    year: int | None = None
    since: date | None = None
    until: date | None = None
    country: str | None = None
    city: str | None = None
    person: str | None = None
    org: str | None = None


def _span(record: Visit | Event) -> EdtfDate:
    return record.dates if isinstance(record, Visit) else record.date.value


def _people(record: Visit | Event) -> set[str]:
    if isinstance(record, Event):
        ids = set(record.participants)
    else:
        ids = {d.who for d in record.delegation} | {c.who for c in record.counterparts}
        ids |= {p for a in record.activities for p in a.attendees}
        ids |= {p for a in record.agreements for p in a.parties}
    return ids | {s.speaker for s in record.statements}


def matches(record: Visit | Event, criteria: VisitFilter, facts: FactBase) -> bool:
    """True when the record meets every criterion."""
    span = _span(record)
    if criteria.year is not None and not span.overlaps(
        date(criteria.year, 1, 1), date(criteria.year, 12, 31)
    ):
        return False
    if not span.overlaps(criteria.since, criteria.until):
        return False
    if criteria.country and not any(
        fold(p.country) == fold(criteria.country) for p in record.places
    ):
        return False
    if criteria.city and not any(fold(p.city or "") == fold(criteria.city) for p in record.places):
        return False
    if criteria.person and not (
        _people(record) & matching_entity_ids(facts, criteria.person, "person")
    ):
        return False
    return not criteria.org or bool(
        _people(record) & matching_entity_ids(facts, criteria.org, "org")
    )


def filter_visits(facts: FactBase, criteria: VisitFilter) -> list[Visit]:
    """Visits meeting the criteria, in date order."""
    found = [v for v in facts.visits.values() if matches(v, criteria, facts)]
    return sorted(found, key=lambda v: (v.dates.sort_key(), v.id))


def timeline(facts: FactBase, criteria: VisitFilter) -> list[Visit | Event]:
    """Visits and related events meeting the criteria, in date order."""
    found = [r for r in facts.items() if matches(r, criteria, facts)]
    return sorted(found, key=lambda r: (_span(r).sort_key(), r.id))


def get_visit(facts: FactBase, visit_id: str) -> Visit | Event:
    """The visit (or related event) with this id; NotFoundError with suggestions otherwise."""
    record = facts.visits.get(visit_id) or facts.events.get(visit_id)
    if record is not None:
        return record
    ids = [*facts.visits, *facts.events]
    folded = fold(visit_id)
    close = [i for i in ids if folded and folded in fold(i)] or difflib.get_close_matches(
        visit_id, ids, n=3, cutoff=0.5
    )
    hint = (
        f"; did you mean {', '.join(close[:3])}?" if close else "; run 'factcli visits' for the ids"
    )
    raise NotFoundError(f"no visit or event with id {visit_id!r}{hint}")
