"""Every recorded meeting, across visits and events, one per row.

A meeting is one of two things the facts record:

* a counterpart of a visit: the chief met that person or organisation, on
  the counterpart's own date if a source gives one (else only within the
  visit), in the visit's main place, about the counterpart's topics;
* an event of kind ``visit`` or ``meeting`` with two or more participants:
  they met, on the event's date, in its place.

The claim walk supplies each row's own date, basis and citations.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from factcli.model.claims import Claim, record_claims
from factcli.model.records import Counterpart, Event, FactBase, Place, Visit
from factcli.query.entities import matching_entity_ids
from factcli.query.visits import VisitFilter, in_period

#: The fact base's id of the visiting chief, who is one side of every visit's meetings.
CHIEF = "min-aung-hlaing"
#: Event kinds whose participants met.
MEETING_KINDS = frozenset({"visit", "meeting", "talks"})


class Meeting(NamedTuple):
    """Who met whom, when and where, about what, and the claim that says so."""

    record_id: str
    record_kind: str
    record_title: str
    hosts: tuple[str, ...]  # registry ids of one side (the visitor, or the event's first)
    guests: tuple[str, ...]  # registry ids of the other side
    places: tuple[Place, ...]
    topics: tuple[str, ...]
    claim: Claim


def _visit_meetings(visit: Visit) -> list[Meeting]:
    found = []
    for claim in record_claims(visit):
        if claim.section == "counterparts" and isinstance(claim.item, Counterpart):
            main = visit.places[:1]
            found.append(
                Meeting(
                    visit.id,
                    "visit",
                    visit.title,
                    (CHIEF,),
                    (claim.item.who,),
                    main,
                    claim.item.topics,
                    claim,
                )
            )
    return found


def _event_meetings(event: Event) -> list[Meeting]:
    if event.kind not in MEETING_KINDS or len(event.participants) < 2:
        return []
    claim = next(c for c in record_claims(event) if c.section == "summary")
    first, *others = event.participants
    return [
        Meeting(event.id, "event", event.title, (first,), tuple(others), event.places, (), claim)
    ]


def meetings(facts: FactBase, criteria: VisitFilter) -> list[Meeting]:
    """Meetings meeting the criteria (dates overlap the period; the person on either side)."""
    found = [m for v in facts.visits.values() for m in _visit_meetings(v)]
    found += [m for e in facts.events.values() for m in _event_meetings(e)]
    people = (
        matching_entity_ids(facts, criteria.person, None) if criteria.person is not None else None
    )
    kept = []
    for meeting in found:
        if people is not None and not people & {*meeting.hosts, *meeting.guests}:
            continue
        value = meeting.claim.date.value if meeting.claim.date else None
        if value is None and meeting.claim.within is not None:
            value = meeting.claim.within.dates
        if value is not None and not in_period(value, criteria):
            continue
        kept.append(meeting)
    return sorted(kept, key=_order)


def _order(meeting: Meeting) -> tuple[tuple[date, date], str, int]:
    claim = meeting.claim
    value = claim.date.value if claim.date else (claim.within.dates if claim.within else None)
    key = value.sort_key() if value is not None else (date.max, date.max)
    return key, meeting.record_id, claim.position
