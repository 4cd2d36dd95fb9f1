"""Reports about one record: the visit list, a visit or event, a person or organisation."""

from __future__ import annotations

from collections.abc import Callable

from factcli.model import provenance, serialize
from factcli.model.claims import record_claims
from factcli.model.dates import period_text
from factcli.model.records import Entity, Event, Evidence, FactBase, Statement, Visit
from factcli.query.entities import MENTIONED, REPORTED, Appearance
from factcli.query.meetings import MEETING_VERBS
from factcli.render.claim_tables import claim_sections, flat_row, own_place_text, said_text
from factcli.render.labels import (
    Citations,
    claim_date_cell,
    date_label,
    place_label,
    span_label,
    status_label,
)
from factcli.render.report import Cell, CellLike, Report, Section, in_quote_marks

#: The columns of the visits CSV, for an answer with no rows.
VISIT_FIELDS = [
    "id", "kind", "title", "occasion", "start", "end", "dates", "dates_text", "city", "country",
    "places", "delegation_size", "delegation_reported", "delegation_people", "delegation_groups",
    "counterparts", "counterparts_planned", "sources", "cite", "start_basis", "start_reasoning",
    "end_basis", "end_reasoning", "earliest", "latest", "visitor", "delegation_expected",
    "counterparts_expected", "counterparts_ruled_out",
]  # fmt: skip


def visits_report(facts: FactBase, visits: list[Visit]) -> Report:
    """``factcli visits``: one row per visit."""
    data = [serialize.visit_row(facts, v) for v in visits]
    section = Section("Visits", ["ID", "Dates", "Place", "Occasion", "Deleg.", "Counterparts"])
    for visit in visits:
        section.rows.append(
            [
                visit.id,
                span_label(visit),
                "; ".join(status_label(p.city or p.country, p.status) for p in visit.places),
                visit.occasion or visit.title,
                serialize.delegation_words(facts, visit),
                _first_counterparts(facts, visit),
            ]
        )
    flat = [
        {
            **row,
            "places": "; ".join(p["city"] or p["country"] for p in row["places"]),
            "counterparts": "; ".join(row["counterparts"]),
            "counterparts_planned": "; ".join(row["counterparts_planned"]),
            "counterparts_expected": "; ".join(row["counterparts_expected"]),
            "counterparts_ruled_out": "; ".join(row["counterparts_ruled_out"]),
            "visitor": "; ".join(v["name"] for v in row["visitor"]),
            "sources": ";".join(row["sources"]),
            "cite": " | ".join(c["quote"] for c in row["cite"]),
        }
        for row in data
    ]
    return Report(data, flat, [section], title=f"{len(visits)} visit(s)")


#: How many counterparts a row of the visits table names before it says how many more.
SHOWN_COUNTERPARTS = 3


def _first_counterparts(facts: FactBase, visit: Visit) -> str:
    """The first counterparts, each with its status in words, and how many more there are."""
    names = [status_label(facts.name_of(c.who), c.status) for c in visit.counterparts]
    more = len(names) - SHOWN_COUNTERPARTS
    shown = ", ".join(names[:SHOWN_COUNTERPARTS])
    return f"{shown} and {more} more" if more > 0 else shown


def show_report(facts: FactBase, record: Visit | Event) -> Report:
    """``factcli show``: everything about one visit or event, with citation markers."""
    cite = Citations(facts)
    report = _record_report(facts, record, cite)
    report.data["sources"] = cite.data()
    return cite.attach(report)


def document_report(facts: FactBase, records: list[Visit | Event]) -> Report:
    """``factcli report``: every record in full, one source list numbered across them all."""
    cite = Citations(facts)
    # The overview comes first on the page, so it numbers its sources first.
    summary = Section("Overview", ["Dates", "Visit or event", "Place", "Src"])
    for record in records:
        marks = (
            cite.marks(record.evidence, record.date)
            if isinstance(record, Event)
            else cite.marks(None, record.start)
        )
        named = Cell(record.title, part=record.id)
        summary.rows.append([span_label(record), named, place_label(record.places), marks])
    parts = [_record_report(facts, record, cite) for record in records]
    visit_count = sum(isinstance(r, Visit) for r in records)
    header: list[tuple[str, CellLike]] = [
        ("Visits", str(visit_count)),
        ("Related events", str(len(records) - visit_count)),
    ]
    data = {"records": [part.data for part in parts], "sources": cite.data()}
    title = "Visits and related events"
    return cite.attach(Report(data, [], [summary], title=title, header=header, parts=parts))


def _record_report(facts: FactBase, record: Visit | Event, cite: Citations) -> Report:
    if isinstance(record, Event):
        return _event_report(facts, record, cite)
    visit = record
    header: list[tuple[str, CellLike]] = [
        ("Visit", visit.title),
        ("ID", visit.id),
        ("Visitor", ", ".join(facts.name_of(v) for v in visit.visitor)),
        ("Start", cite.labelled(date_label(visit.start), None, visit.start)),
        ("End", cite.labelled(date_label(visit.end), None, visit.end) if visit.end else "unknown"),
        ("Place", place_label(visit.places)),
        ("Occasion", visit.occasion or "—"),
        ("Summary", visit.summary),
    ]
    sections, rows = claim_sections(facts, visit, cite)
    data = serialize.visit_data(facts, visit)
    return Report(data, rows, sections, title=visit.title, header=header, key=visit.id)


def _event_report(facts: FactBase, event: Event, cite: Citations) -> Report:
    header: list[tuple[str, CellLike]] = [
        ("Event", event.title),
        ("ID", event.id),
        ("Kind", status_label(event.kind, event.setting.status)),
        ("Date", cite.labelled(date_label(event.date), event.evidence, event.date)),
        ("Place", place_label(event.places) or "—"),
        ("Participants", ", ".join(facts.name_of(p) for p in event.participants) or "—"),
        ("Summary", event.summary),
    ]
    if event.date.reasoning:
        header.insert(4, ("Date reasoning", event.date.reasoning))
    summary = next(c for c in record_claims(event) if c.section == "summary")
    sections, rows = claim_sections(facts, event, cite)
    rows.insert(0, flat_row(event.id, "event", event.summary, summary))
    quotes = Section("Evidence", ["Quote", "Src"])
    for citation in event.evidence.cite:
        quotes.rows.append([in_quote_marks(citation.quote), cite.marks(Evidence((citation,)))])
    sections.append(quotes)
    data = serialize.event_data(facts, event)
    return Report(data, rows, sections, title=event.title, header=header, key=event.id)


def _detail(
    facts: FactBase, entity: Entity, item: Appearance, words: Callable[[Statement], str]
) -> str:
    """What a claim says of the entity, in words: whom it met, whose words, how sure.

    ``words`` gives a statement's words (tables put quoted words in marks).
    """
    claim = item.claim
    detail = words(claim.item) if isinstance(claim.item, Statement) else item.detail
    if item.role in ("visitor", "counterpart") and claim.subject:
        # A meeting, from either side: whom they met, or were to meet.
        names = ", ".join(facts.name_of(e) for e in claim.entities if e != entity.id)
        met = f"{MEETING_VERBS[claim.setting.status]} {names}"
        return f"{met}: {detail}" if detail else met
    if claim.subject and claim.subject != entity.id:
        # Someone else's claim (whose words, whose role): say whose.
        whose = facts.name_of(claim.subject)
        return status_label(f"{whose}: {detail}" if detail else whose, claim.setting.status)
    return status_label(detail, claim.setting.status)


def entity_report(facts: FactBase, entity: Entity, found: list[Appearance]) -> Report:
    """``factcli person`` / ``factcli org``: who it is, then where it appears."""
    cite = Citations(facts)
    header: list[tuple[str, CellLike]] = [("Name", entity.name), ("ID", entity.id)]
    if entity.aliases:
        header.append(("Also written", "; ".join(entity.aliases)))
    if entity.country:
        header.append(("Country", entity.country))
    if entity.note:
        header.append(("Note", entity.note))
    roles = Section("Roles", ["Role", "Organisation", "During", "Src"])
    for role in entity.roles:
        roles.rows.append(
            [
                role.title,
                role.organisation or "",
                period_text(role.during) if role.during else "",
                cite.marks(role.evidence),
            ]
        )
    # A "Place" column only where some claim names its own place: never the visit's.
    placed = ["Place"] if any(own_place_text(item.claim) for item in found) else []
    seen = Section("Appears in", ["Date", "Visit or event", "As", "Detail", *placed, "Src"])
    # Claims that only name it, and claims an article attributes to it, each under a heading.
    named = Section("Mentioned in", ["Date", "Record", "In", "Detail", *placed, "Src"])
    reported = Section("Reported", ["Date", "Record", "In", "Detail", *placed, "Src"])
    by_role = {MENTIONED: named, REPORTED: reported}
    rows = []
    appearances = []
    for item in found:
        claim = item.claim
        section = by_role.get(item.role, seen)
        section.rows.append(
            [
                claim_date_cell(claim.date, claim.within),
                item.record_id,
                item.role if section is seen else claim.section,
                _detail(facts, entity, item, said_text),
                *([own_place_text(claim)] if placed else []),
                cite.marks(claim.evidence, claim.date),
            ]
        )
        head = {
            "record_id": item.record_id,
            "record_kind": item.record_kind,
            "record_title": item.record_title,
            "as": item.role,
            "detail": _detail(facts, entity, item, lambda s: s.words),
            "section": claim.section,
            "position": claim.position,
        }
        start = claim.date.value.text if claim.date else None  # EDTF, as the source gives it
        rows.append({**head, "start": start, **provenance.claim_flat(claim)})
        appearances.append({**head, "start": start, **provenance.claim_data(claim, facts.name_of)})
    sections = [s for s in (roles, seen, named, reported) if s.rows]
    data = {**serialize.entity_data(facts, entity), "appearances": appearances}
    return cite.attach(Report(data, rows, sections, title=entity.name, header=header))
