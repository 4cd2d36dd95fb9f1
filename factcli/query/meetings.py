"""Every recorded meeting, across visits and events, one per row.

A meeting is one of two things the facts record:

* a counterpart of a visit: the visit's ``visitor`` met that person or
  organisation, or, by the counterpart's ``status``, was to meet them
  (planned), was expected to (expected), or a source says they would not
  (ruled out); on the counterpart's own date and in its own place where a
  source gives them (else none: the visit's dates are only context), about
  the counterpart's topics;
* an event of kind ``meeting`` or ``talks`` with two or more participants:
  they met, on the event's date, in its place. Other events are not meetings,
  even with several participants: a visit "to meet" someone or "for a
  meeting of" a group does not say who met whom.

The claim walk supplies each row's own date, basis and citations, and
``sentence`` is the one wording of a row (``met``, ``was to meet``, ...; for
an organisation, the role of whom the visitor met from it).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from factcli.model.claims import Claim, NameOf, record_claims
from factcli.model.records import Counterpart, Event, FactBase, Status, Visit
from factcli.query.entities import matching_entity_ids
from factcli.query.visits import VisitFilter, in_period

#: Event kinds whose participants met.
MEETING_KINDS = frozenset({"meeting", "talks"})


class Meeting(NamedTuple):
    """Who met whom, when and where, about what, and the claim that says so."""

    record_id: str
    record_kind: str
    record_title: str
    hosts: tuple[str, ...]  # registry ids of one side (the visitor, or the event's first)
    guests: tuple[str, ...]  # registry ids of the other side
    place: str | None  # the meeting's own place, as its source names it; None when none does
    country: str | None
    topics: tuple[str, ...]
    claim: Claim
    status: Status = "held"
    role: str | None = None  # for an organisation met: whom from it ("company representatives")

    @property
    def relation(self) -> str:
        """``met`` for a meeting held, else its status: ``planned``, ``expected``, ``ruled out``."""
        return "met" if self.status == "held" else self.status


#: How a meeting of each status is said, after its host: "met", "was to meet", ...
MEETING_VERBS: dict[Status, str] = {
    "held": "met",
    "planned": "was to meet",
    "expected": "was expected to meet",
    "ruled out": "was not to meet",
}


def sentence(meeting: Meeting, name_of: NameOf) -> str:
    """Who met whom in words: 'A met B', 'A was to meet B', 'no meeting of A with B'."""
    hosts = ", ".join(name_of(i) for i in meeting.hosts)
    guests = ", ".join(name_of(i) for i in meeting.guests)
    if meeting.role:
        guests = f"{meeting.role} from {guests}"
    if meeting.status == "ruled out":
        return f"no meeting of {hosts} with {guests}"
    return f"{hosts} {MEETING_VERBS[meeting.status]} {guests}"


def _role_of_org(facts: FactBase, counterpart: Counterpart) -> str | None:
    """An organisation's role is whom he met from it; a person's role is their own title."""
    entity = facts.entities.get(counterpart.who)
    return counterpart.role if entity is not None and entity.kind == "org" else None


def _visit_meetings(facts: FactBase, visit: Visit) -> list[Meeting]:
    found = []
    for claim in record_claims(visit):
        if claim.section == "counterparts" and isinstance(claim.item, Counterpart):
            found.append(
                Meeting(
                    visit.id,
                    "visit",
                    visit.title,
                    visit.visitor,
                    (claim.item.who,),
                    claim.setting.place,
                    claim.setting.country,
                    claim.item.topics,
                    claim,
                    claim.setting.status,
                    _role_of_org(facts, claim.item),
                )
            )
    return found


def _event_meetings(event: Event) -> list[Meeting]:
    if event.kind not in MEETING_KINDS or len(event.participants) < 2:
        return []
    claim = next(c for c in record_claims(event) if c.section == "summary")
    first, *others = event.participants
    main = event.places[0] if event.places else None
    return [
        Meeting(
            event.id,
            "event",
            event.title,
            (first,),
            tuple(others),
            main.city if main else None,
            main.country if main else None,
            (),
            claim,
            event.setting.status,
        )
    ]


def meetings(
    facts: FactBase, criteria: VisitFilter, statuses: frozenset[Status] | None = None
) -> list[Meeting]:
    """Meetings meeting the criteria (dates overlap the period; the person on either side).

    ``statuses``, when given, keeps only meetings with one of them.
    """
    found = [m for v in facts.visits.values() for m in _visit_meetings(facts, v)]
    found += [m for e in facts.events.values() for m in _event_meetings(e)]
    people = (
        matching_entity_ids(facts, criteria.person, None) if criteria.person is not None else None
    )
    kept = []
    for meeting in found:
        if statuses is not None and meeting.status not in statuses:
            continue
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
