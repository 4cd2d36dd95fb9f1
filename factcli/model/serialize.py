"""Records as plain JSON-ready data: the field names of factcli's scripting API.

Every key is always present (null when unknown), dates are ISO strings, and
each claim keeps its basis, reasoning, source ids and quotes.
"""

from __future__ import annotations

from factcli.model.claims import record_claims, record_span
from factcli.model.dates import date_text, span_text, value_words
from factcli.model.provenance import (
    Data,
    cite_data,
    date_data,
    evidence_data,
    mentions_data,
    setting_data,
)
from factcli.model.records import (
    Citation,
    Entity,
    Event,
    FactBase,
    Place,
    Source,
    Statement,
    Status,
    Visit,
)
from factcli.model.values import value_data
from factcli.wording import counted


def _named(facts: FactBase, entity_id: str) -> Data:
    return {"id": entity_id, "name": facts.name_of(entity_id)}


def place_data(facts: FactBase, place: Place, stop: int | None = None) -> Data:
    """One place of a visit or event; ``stop`` is its number on a visit's route."""
    return {
        "city": place.city,
        "country": place.country,
        "role": place.role,
        **({"stop": stop} if stop is not None else {}),
        "note": place.note,
        "date": date_data(place.date),
        # A stop the sources only announce is "planned", never passed off as visited.
        "status": place.status,
        **evidence_data(place.evidence),
        **mentions_data(place.setting, facts.name_of),
    }


def statement_data(facts: FactBase, statement: Statement) -> Data:
    """One attributed statement."""
    return {
        "speaker": _named(facts, statement.speaker),
        "said": statement.said,
        "speech": statement.speech,
        "date": date_data(statement.date),
        **evidence_data(statement.evidence),
        **setting_data(statement.setting, facts.name_of),
    }


def _context_data(facts: FactBase, record: Visit | Event) -> list[Data]:
    return [
        {
            "topic": n.topic,
            "note": n.note,
            "point": n.point,
            "value": value_words(n.value) or None,
            # The value as compared: a number with its bound, a date, or text (null when none).
            "comparable": value_data(n.value),
            "date": date_data(n.date),
            **evidence_data(n.evidence),
            **mentions_data(n.setting, facts.name_of),
        }
        for n in record.context
    ]


def delegation_counts(facts: FactBase, visit: Visit) -> tuple[int, int]:
    """How many delegates the sources say travelled are people, and how many are groups.

    Counts count what happened: a delegate only planned or expected is not counted.
    """
    held = [d for d in visit.delegation if d.setting.held]
    groups = sum(1 for d in held if (e := facts.entities.get(d.who)) and e.kind == "org")
    return len(held) - groups, groups


def delegation_expected(visit: Visit) -> int:
    """How many delegates are only planned or expected to travel."""
    return sum(1 for d in visit.delegation if d.setting.status in ("planned", "expected"))


def delegation_words(facts: FactBase, visit: Visit) -> str:
    """'5 people, 2 groups (1 expected)', or 'not reported' when no source names a delegation."""
    if not visit.delegation:
        return "not reported"
    people, groups = delegation_counts(facts, visit)
    parts = [counted(people, "person", "people")] if people or not groups else []
    if groups:
        parts.append(counted(groups, "group"))
    words = ", ".join(parts)
    if expected := delegation_expected(visit):
        words += f" ({expected} expected)"
    return words


#: The sections of a visit whose claims a row of ``factcli visits`` shows:
#: its dates, its places, its delegation (counted) and its counterparts.
VISIT_ROW_SECTIONS = frozenset({"start", "end", "places", "delegation", "counterparts"})


def shown_cite(record: Visit | Event, sections: frozenset[str]) -> tuple[Citation, ...]:
    """Every citation of the record's claims in ``sections``, in walk order, each once.

    A row that sums up a record cites exactly the claims it shows, each with its own.
    """
    return tuple(
        dict.fromkeys(
            c for claim in record_claims(record) if claim.section in sections for c in claim.cite
        )
    )


def span_basis(record: Visit | Event) -> Data:
    """How a row's ``start`` and ``end`` are known: each day's own basis and reasoning.

    An event's one date is both; a visit's end is null when no source reports it.
    """
    first = record.start if isinstance(record, Visit) else record.date
    last = record.end if isinstance(record, Visit) else record.date
    return {
        "start_basis": first.basis,
        "start_reasoning": first.reasoning,
        "end_basis": last.basis if last else None,
        "end_reasoning": last.reasoning if last else None,
    }


def record_bounds(record: Visit | Event) -> Data:
    """The first and the last ISO day a record can cover, beside its EDTF start and end."""
    earliest, latest = record_span(record)
    return {"earliest": earliest, "latest": latest}


def visit_row(facts: FactBase, visit: Visit) -> Data:
    """A row of ``factcli visits``: the summary, the planned counterparts, and what it cites."""
    cited = shown_cite(visit, VISIT_ROW_SECTIONS)
    return {
        **visit_summary(facts, visit),
        # Those the sources only announce ("will hold talks"), the table's "(planned)".
        "counterparts_planned": _counterparts_with(facts, visit, "planned"),
        "sources": list(dict.fromkeys(c.source for c in cited)),
        "cite": cite_data(cited),
        **span_basis(visit),
        **record_bounds(visit),
        # Added after the first fields, so existing CSV column order stays.
        **travellers(facts, visit),
        # Beside counterparts_planned: the meetings only hedged, and those ruled out.
        "counterparts_expected": _counterparts_with(facts, visit, "expected"),
        "counterparts_ruled_out": _counterparts_with(facts, visit, "ruled out"),
    }


def _counterparts_with(facts: FactBase, visit: Visit, status: Status) -> list[str]:
    return [facts.name_of(c.who) for c in visit.counterparts if c.status == status]


def visit_summary(facts: FactBase, visit: Visit) -> Data:
    """The fields of one row of ``factcli visits``."""
    main = visit.main_place
    people, groups = delegation_counts(facts, visit)
    return {
        "id": visit.id,
        "kind": "visit",
        "title": visit.title,
        "occasion": visit.occasion,
        # As the sources give them (EDTF); the days they allow are "earliest" and "latest".
        "start": visit.start.value.text,
        "end": visit.end.value.text if visit.end else None,
        "dates": visit.dates.text,
        "dates_text": span_text(visit.start, visit.end),
        "city": main.city if main else None,
        "country": main.country if main else None,
        # The route's places, each as in every command: one shape wherever places appear.
        "places": [place_data(facts, p, stop) for stop, p in enumerate(visit.places, start=1)],
        # Held delegates only; null when no source reports a delegation.
        "delegation_size": people + groups if visit.delegation else None,
        "delegation_reported": bool(visit.delegation),
        "delegation_people": people,
        "delegation_groups": groups,
        "counterparts": [facts.name_of(c.who) for c in visit.counterparts],
    }


def travellers(facts: FactBase, visit: Visit) -> Data:
    """Who travelled, and how many delegates were only planned or expected to."""
    return {
        "visitor": [_named(facts, v) for v in visit.visitor],
        "delegation_expected": delegation_expected(visit),
    }


def visit_data(facts: FactBase, visit: Visit) -> Data:
    """Every field of one visit."""
    return {
        **visit_summary(facts, visit),
        **travellers(facts, visit),
        "summary": visit.summary,
        "start_date": date_data(visit.start),
        "end_date": date_data(visit.end),
        "characterisations": [
            {
                "by": c.by,
                "description": c.description,
                **evidence_data(c.evidence),
                **mentions_data(c.setting, facts.name_of),
            }
            for c in visit.characterisations
        ],
        "delegation": [
            {
                **_named(facts, d.who),
                "rank": d.rank,
                "role": d.role,
                "organisation": d.organisation,
                **evidence_data(d.evidence),
                **setting_data(d.setting, facts.name_of),
            }
            for d in visit.delegation
        ],
        "counterparts": [
            {
                **_named(facts, c.who),
                "role": c.role,
                "date": date_data(c.date),
                "topics": list(c.topics),
                **evidence_data(c.evidence),
                **setting_data(c.setting, facts.name_of),
            }
            for c in visit.counterparts
        ],
        "agreements": [
            {
                "title": a.title,
                "parties": [_named(facts, p) for p in a.parties],
                "wording": a.wording,
                "date": date_data(a.date),
                **evidence_data(a.evidence),
                **setting_data(a.setting, facts.name_of),
            }
            for a in visit.agreements
        ],
        "activities": [
            {
                "description": a.description,
                "date": date_data(a.date),
                "attendees": [_named(facts, p) for p in a.attendees],
                **evidence_data(a.evidence),
                **setting_data(a.setting, facts.name_of),
            }
            for a in visit.activities
        ],
        "statements": [statement_data(facts, s) for s in visit.statements],
        "context": _context_data(facts, visit),
        "file": facts.relative_file(visit.file),
    }


def event_summary(event: Event) -> Data:
    """The fields of an event's row in ``factcli timeline``."""
    main = event.places[0] if event.places else None
    return {
        "id": event.id,
        "kind": "event",
        "event_kind": event.kind,
        "title": event.title,
        "start": event.date.value.text,
        "end": event.date.value.text,
        "dates": event.date.value.text,
        "dates_text": date_text(event.date),
        "city": main.city if main else None,
        "country": main.country if main else None,
        # Added last, so existing CSV column order stays.
        "status": event.setting.status,
    }


def event_data(facts: FactBase, event: Event) -> Data:
    """Every field of one related event."""
    return {
        **event_summary(event),
        "summary": event.summary,
        "date": date_data(event.date),
        "places": [place_data(facts, p) for p in event.places],
        "participants": [_named(facts, p) for p in event.participants],
        "statements": [statement_data(facts, s) for s in event.statements],
        "context": _context_data(facts, event),
        **evidence_data(event.evidence),
        **mentions_data(event.setting, facts.name_of),
        "file": facts.relative_file(event.file),
    }


def source_data(source: Source) -> Data:
    """One bibliography entry."""
    return {
        "id": source.id,
        "publisher": source.publisher,
        "headline": source.headline,
        "author": source.author,
        "translator": source.translator,
        "reported_by": source.reported_by,
        "wire_service": source.wire_service,
        # EDTF: "2022-07/2022-08" for a date the sources give as a range, never its first day.
        "published": source.published.value.text,
        "published_date": date_data(source.published),
        "language": source.language,
        "url": source.url,
        "archive": source.archive,
        # The same keys for every source; one whose entry cites nothing has no basis either.
        **(
            evidence_data(source.evidence)
            if source.evidence
            else {"basis": None, "reasoning": None, "sources": [], "cite": []}
        ),
    }


def entity_data(facts: FactBase, entity: Entity) -> Data:
    """A person or organisation with its names and cited roles."""
    return {
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "aliases": list(entity.aliases),
        "country": entity.country,
        "note": entity.note,
        "roles": [
            {
                "title": r.title,
                "organisation": r.organisation,
                "during": r.during.text if r.during else None,
                **evidence_data(r.evidence),
                **mentions_data(r.setting, facts.name_of),
            }
            for r in entity.roles
        ],
    }


def fact_base_data(facts: FactBase) -> Data:
    """The whole fact base."""
    return {
        "visits": [visit_data(facts, v) for v in facts.visits.values()],
        "events": [event_data(facts, e) for e in facts.events.values()],
        "people": [entity_data(facts, e) for e in facts.entities.values() if e.kind == "person"],
        "orgs": [entity_data(facts, e) for e in facts.entities.values() if e.kind == "org"],
        "sources": [source_data(s) for s in facts.sources.values()],
    }
