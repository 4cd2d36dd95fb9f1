"""Find and filter visits and events, and put them on a timeline."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from factcli.errors import NotFoundError
from factcli.model.claims import record_claims, record_places
from factcli.model.edtf import EdtfDate
from factcli.model.records import Event, FactBase, Visit
from factcli.query.entities import matching_entity_ids
from factcli.query.text import fold


class VisitFilter(NamedTuple):
    """Criteria a visit or event must all meet; None means "any"."""

    year: int | None = None
    since: date | None = None
    until: date | None = None
    country: str | None = None
    city: str | None = None
    person: str | None = None
    org: str | None = None


def _people(record: Visit | Event) -> set[str]:
    """Everyone a cited claim of the record involves, as the claim walk names them."""
    return {who for claim in record_claims(record) for who in claim.entities}


def in_period(value: EdtfDate, criteria: VisitFilter) -> bool:
    """The one date rule of every filter: some day ``value`` could mean lies in the period.

    The period is ``--year``, ``--since`` and ``--until`` together. An open or
    unknown end counts as the known one (see ``EdtfDate.overlaps``).
    """
    if criteria.year is not None and not value.overlaps(
        date(criteria.year, 1, 1), date(criteria.year, 12, 31)
    ):
        return False
    return value.overlaps(criteria.since, criteria.until)


def period_bounds(criteria: VisitFilter) -> tuple[date | None, date | None]:
    """The first and last day --year, --since and --until together allow; None is open."""
    lows = [d for d in (criteria.since,) if d is not None]
    highs = [d for d in (criteria.until,) if d is not None]
    if criteria.year is not None:
        lows.append(date(criteria.year, 1, 1))
        highs.append(date(criteria.year, 12, 31))
    return (max(lows) if lows else None), (min(highs) if highs else None)


def empty_period(criteria: VisitFilter) -> bool:
    """Whether ``--year``, ``--since`` and ``--until`` together leave no day at all."""
    low, high = period_bounds(criteria)
    return low is not None and high is not None and low > high


def matcher(facts: FactBase, criteria: VisitFilter) -> Callable[[Visit | Event], bool]:
    """A test for the criteria; names are resolved to registry ids once, not per record."""
    people = matching_entity_ids(facts, criteria.person, "person") if criteria.person else None
    orgs = matching_entity_ids(facts, criteria.org, "org") if criteria.org else None
    country = fold(criteria.country) if criteria.country else None
    city = fold(criteria.city) if criteria.city else None

    def test(record: Visit | Event) -> bool:
        if not in_period(record.dates, criteria):
            return False
        if country is not None or city is not None:
            # Its stops, and the places its claims name for themselves.
            places = [(fold(c), fold(n)) for c, n in record_places(record)]
            if country is not None and not any(n == country for _, n in places):
                return False
            if city is not None and not any(c == city for c, _ in places):
                return False
        if people is None and orgs is None:
            return True
        involved = _people(record)  # walks the record's claims: once for both names
        if people is not None and not involved & people:
            return False
        return orgs is None or bool(involved & orgs)

    return test


def filter_visits(facts: FactBase, criteria: VisitFilter) -> list[Visit]:
    """Visits meeting the criteria, in date order."""
    found = list(filter(matcher(facts, criteria), facts.visits.values()))
    return sorted(found, key=lambda v: (v.dates.sort_key(), v.id))


def timeline(facts: FactBase, criteria: VisitFilter) -> list[Visit | Event]:
    """Visits and related events meeting the criteria, in date order."""
    found = list(filter(matcher(facts, criteria), facts.items()))
    return sorted(found, key=lambda r: (r.dates.sort_key(), r.id))


def get_visit(facts: FactBase, visit_id: str) -> Visit | Event:
    """The visit (or related event) with this id; NotFoundError with suggestions otherwise."""
    record = facts.visits.get(visit_id) or facts.events.get(visit_id)
    if record is not None:
        return record
    raise unknown_record(visit_id, [*facts.visits, *facts.events])


def unknown_record(visit_id: str, ids: list[str]) -> NotFoundError:
    """The error for an id that is not among ``ids``, suggesting close ones."""
    folded = fold(visit_id)
    close = [i for i in ids if folded and folded in fold(i)] or difflib.get_close_matches(
        visit_id, ids, n=3, cutoff=0.5
    )
    hint = (
        f"; did you mean {', '.join(close[:3])}?" if close else "; run 'factcli visits' for the ids"
    )
    return NotFoundError(f"no visit or event with id {visit_id!r}{hint}")
