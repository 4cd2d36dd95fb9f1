"""Build each command's Report from query results: what a person reads and a script parses."""

from __future__ import annotations

from typing import Any

from factcli.model import serialize
from factcli.model.edtf import EdtfDate
from factcli.model.records import DateClaim, Entity, Event, Evidence, FactBase, Place, Visit
from factcli.query.entities import Appearance
from factcli.query.overview import Conflict, SourceUse
from factcli.query.quotes import QuoteReport
from factcli.query.search import SearchHit
from factcli.render.report import Cell, CellLike, Report, Section


class Citations:
    """Numbers sources in the order a report first cites them: [1], [2], ..."""

    def __init__(self, facts: FactBase) -> None:
        """Start with no source numbered and no inference noted."""
        self.facts = facts
        self.numbers: dict[str, int] = {}
        self.reasons: dict[str, int] = {}

    def marks(self, evidence: Evidence | None, extra: DateClaim | None = None) -> Cell:
        """The markers for a claim's sources (and a date's own), plus †n when inferred."""
        ids = list(evidence.source_ids) if evidence else []
        if extra is not None and extra.evidence is not None:
            ids += [i for i in extra.evidence.source_ids if i not in ids]
        for source_id in ids:
            self.numbers.setdefault(source_id, len(self.numbers) + 1)
        text = "".join(f"[{self.numbers[i]}]" for i in ids)
        for reasoning in _reasons(evidence, extra):
            number = self.reasons.setdefault(reasoning, len(self.reasons) + 1)
            text += f"†{number}"
        return Cell(text, dim=True)

    def notes(self) -> list[str]:
        """One line per inference: its marker and its reasoning."""
        return [f"†{n} inferred: {reasoning}" for reasoning, n in self.reasons.items()]

    def section(self) -> Section:
        """The numbered source list."""
        section = Section("Sources", ["#", "Publisher", "Headline", "Published"])
        for source_id, number in self.numbers.items():
            source = self.facts.sources.get(source_id)
            if source is None:
                section.rows.append([f"[{number}]", source_id, "", ""])
                continue
            section.rows.append(
                [
                    f"[{number}]",
                    source.publisher + (f" ({source.wire_service})" if source.wire_service else ""),
                    source.headline or "(no headline)",
                    date_label(source.published),
                ]
            )
        return section

    def data(self) -> list[dict[str, Any]]:
        """The numbered source list as JSON."""
        return [
            {"number": n, **serialize.source_data(self.facts.sources[i])}
            for i, n in self.numbers.items()
            if i in self.facts.sources
        ]


def _reasons(evidence: Evidence | None, date: DateClaim | None) -> list[str]:
    found = []
    if evidence is not None and evidence.basis == "inferred":
        found.append(evidence.reasoning or "no reasoning given")
    if date is not None and date.basis == "inferred":
        found.append(date.reasoning or "no reasoning given")
    return found


def date_label(claim: DateClaim | None) -> str:
    """A date as a reader wants it: the EDTF value and the source's own words."""
    if claim is None:
        return ""
    text = claim.value.text.replace("/..", " or later").replace("../", "by ")
    if text.endswith("/"):
        text = text[:-1] + " – ?"
    if claim.as_stated:
        text += f' ("{claim.as_stated}")'
    return text


def place_label(places: tuple[Place, ...]) -> str:
    """Places as 'City, Country; side trip City'."""
    labels = []
    for place in places:
        name = ", ".join(x for x in (place.city, place.country) if x)
        labels.append(name if place.role == "main" else f"{name} ({place.role})")
    return "; ".join(labels)


def _compact_span(visit: Visit) -> str:
    start = visit.start.value.text.replace("/", " to ")
    end = visit.end.value.text.replace("/..", "+").replace("/", " to ") if visit.end else "?"
    return f"{start} – {end}"


def span_label(record: Visit | Event) -> str:
    """A visit's 'start – end', or an event's date."""
    if isinstance(record, Event):
        return date_label(record.date)
    end = f" – {date_label(record.end)}" if record.end else " – ?"
    return date_label(record.start) + end


# --- visits ---------------------------------------------------------------


def visits_report(facts: FactBase, visits: list[Visit]) -> Report:
    """``factcli visits``: one row per visit."""
    data = [serialize.visit_summary(facts, v) for v in visits]
    section = Section("Visits", ["ID", "Dates", "Place", "Occasion", "Deleg.", "Counterparts"])
    for visit in visits:
        section.rows.append(
            [
                visit.id,
                _compact_span(visit),
                "; ".join(p.city or p.country for p in visit.places),
                visit.occasion or visit.title,
                str(len(visit.delegation)),
                ", ".join(facts.name_of(c.who) for c in visit.counterparts[:3]),
            ]
        )
    flat = [
        {**row, "places": "; ".join(row["places"]), "counterparts": "; ".join(row["counterparts"])}
        for row in data
    ]
    return Report(data, flat, [section], title=f"{len(visits)} visit(s)")


def _claim_row(
    claim_kind: str, text: str, date: DateClaim | None, evidence: Evidence
) -> dict[str, Any]:
    return {
        "section": claim_kind,
        "text": text,
        "date": date.value.text if date else None,
        "basis": evidence.basis,
        "sources": ";".join(evidence.source_ids),
        "quote": " | ".join(c.quote for c in evidence.cite),
    }


def show_report(facts: FactBase, record: Visit | Event) -> Report:
    """``factcli show``: everything about one visit or event, with citation markers."""
    if isinstance(record, Event):
        return _event_report(facts, record)
    visit = record
    cite = Citations(facts)
    header = [
        ("Visit", visit.title),
        ("ID", visit.id),
        ("Start", date_label(visit.start) + " " + cite.marks(None, visit.start).text),
        (
            "End",
            (date_label(visit.end) + " " + cite.marks(None, visit.end).text)
            if visit.end
            else "unknown",
        ),
        ("Place", place_label(visit.places)),
        ("Occasion", visit.occasion or "—"),
        ("Summary", visit.summary),
    ]
    rows: list[dict[str, Any]] = []
    sections: list[Section] = []

    def add_section(
        title: str,
        columns: list[str],
        items: list[tuple[list[CellLike], str, DateClaim | None, Evidence]],
    ) -> None:
        if not items:
            return
        section = Section(title, [*columns, "Src"])
        for cells, text, date, evidence in items:
            section.rows.append([*cells, cite.marks(evidence, date)])
            rows.append(_claim_row(title.lower(), text, date, evidence))
        sections.append(section)

    add_section(
        "Described as",
        ["By", "Description"],
        [
            ([c.by, c.description], f"{c.by}: {c.description}", None, c.evidence)
            for c in visit.characterisations
        ],
    )
    add_section(
        "Places",
        ["Place", "Role", "Note"],
        [
            (
                [", ".join(x for x in (p.city, p.country) if x), p.role, p.note or ""],
                place_label((p,)),
                p.date,
                p.evidence,
            )
            for p in visit.places
        ],
    )
    add_section(
        "Delegation",
        ["Name", "Rank", "Role"],
        [
            (
                [facts.name_of(d.who), d.rank or "", d.role or ""],
                facts.name_of(d.who),
                None,
                d.evidence,
            )
            for d in visit.delegation
        ],
    )
    add_section(
        "Counterparts",
        ["Name", "Role", "Date", "Topics"],
        [
            (
                [facts.name_of(c.who), c.role or "", date_label(c.date), "; ".join(c.topics)],
                facts.name_of(c.who),
                c.date,
                c.evidence,
            )
            for c in visit.counterparts
        ],
    )
    add_section(
        "Agreements",
        ["Agreement", "Date", "Wording"],
        [
            ([a.title, date_label(a.date), a.wording or ""], a.title, a.date, a.evidence)
            for a in visit.agreements
        ],
    )
    add_section(
        "Activities",
        ["Activity", "Place", "Date", "Attendees"],
        [
            (
                [
                    a.description,
                    a.place or "",
                    date_label(a.date),
                    ", ".join(facts.name_of(p) for p in a.attendees),
                ],
                a.description,
                a.date,
                a.evidence,
            )
            for a in visit.activities
        ],
    )
    add_section(
        "Statements",
        ["Speaker", "Said", "Date"],
        [
            (
                [facts.name_of(s.speaker), s.said, date_label(s.date)],
                f"{facts.name_of(s.speaker)}: {s.said}",
                s.date,
                s.evidence,
            )
            for s in visit.statements
        ],
    )
    add_section(
        "Context",
        ["Topic", "Note", "Date"],
        [
            ([n.topic, n.note, date_label(n.date)], n.note, n.date, n.evidence)
            for n in visit.context
        ],
    )
    sections.append(cite.section())
    data = {**serialize.visit_data(facts, visit), "sources": cite.data()}
    return Report(data, rows, sections, title=visit.title, header=header, notes=cite.notes())


def _event_report(facts: FactBase, event: Event) -> Report:
    cite = Citations(facts)
    marks = cite.marks(event.evidence, event.date).text
    header = [
        ("Event", event.title),
        ("ID", event.id),
        ("Kind", event.kind),
        ("Date", f"{date_label(event.date)} {marks}"),
        ("Place", place_label(event.places) or "—"),
        ("Participants", ", ".join(facts.name_of(p) for p in event.participants) or "—"),
        ("Summary", event.summary),
    ]
    if event.date.reasoning:
        header.insert(4, ("Date reasoning", event.date.reasoning))
    rows = [_claim_row("event", event.summary, event.date, event.evidence)]
    sections: list[Section] = []
    if event.statements:
        section = Section("Statements", ["Speaker", "Said", "Src"])
        for s in event.statements:
            section.rows.append([facts.name_of(s.speaker), s.said, cite.marks(s.evidence, s.date)])
            rows.append(_claim_row("statements", s.said, s.date, s.evidence))
        sections.append(section)
    quotes = Section("Evidence", ["Quote", "Src"])
    for citation in event.evidence.cite:
        quotes.rows.append([f"“{citation.quote}”", cite.marks(Evidence((citation,)))])
    sections.append(quotes)
    sections.append(cite.section())
    data = {**serialize.event_data(facts, event), "sources": cite.data()}
    return Report(data, rows, sections, title=event.title, header=header, notes=cite.notes())


# --- people and organisations ---------------------------------------------


def entity_report(facts: FactBase, entity: Entity, found: list[Appearance]) -> Report:
    """``factcli person`` / ``factcli org``: who it is, then where it appears."""
    cite = Citations(facts)
    header = [("Name", entity.name), ("ID", entity.id)]
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
                role.during.text if role.during else "",
                cite.marks(role.evidence),
            ]
        )
    seen = Section("Appears in", ["Date", "Visit or event", "As", "Detail", "Src"])
    rows = []
    for item in found:
        seen.rows.append(
            [
                date_label(item.date),
                item.record_id,
                item.role,
                item.detail,
                cite.marks(item.evidence, item.date),
            ]
        )
        rows.append(
            {
                "record_id": item.record_id,
                "record_kind": item.record_kind,
                "record_title": item.record_title,
                "as": item.role,
                "detail": item.detail,
                "date": item.date.value.text,
                "start": serialize.iso_earliest(item.date.value),
                "sources": ";".join(item.evidence.source_ids),
            }
        )
    sections = [s for s in (roles, seen) if s.rows] + [cite.section()]
    data = {
        **serialize.entity_data(entity),
        "appearances": [
            {
                **row,
                "sources": row["sources"].split(";") if row["sources"] else [],
                "date": serialize.date_data(item.date),
            }
            for row, item in zip(rows, found, strict=True)
        ],
    }
    return Report(data, rows, sections, title=entity.name, header=header, notes=cite.notes())


# --- search, timeline, sources, conflicts ---------------------------------


def search_report(facts: FactBase, query: str, hits: list[SearchHit]) -> Report:
    """``factcli search``: ranked hits with highlighted snippets."""
    cite = Citations(facts)
    section = Section(f"Matches for “{query}”", ["Record", "Field", "Snippet", "Src"])
    data = []
    for hit in hits:
        evidence_marks = cite.marks(None) if not hit.sources else _source_marks(cite, hit.sources)
        section.rows.append(
            [
                hit.record_id,
                f"{hit.section}.{hit.field}",
                Cell(hit.snippet, hit.highlights),
                evidence_marks,
            ]
        )
        data.append(
            {
                "record_id": hit.record_id,
                "record_kind": hit.record_kind,
                "section": hit.section,
                "field": hit.field,
                "snippet": hit.snippet,
                "highlights": [list(span) for span in hit.highlights],
                "sources": list(hit.sources),
                "score": round(hit.score, 4),
            }
        )
    flat = [
        {
            **row,
            "highlights": ";".join(f"{a}-{b}" for a, b in hit.highlights),
            "sources": ";".join(hit.sources),
        }
        for row, hit in zip(data, hits, strict=True)
    ]
    return Report(data, flat, [section, cite.section()], title=f"{len(hits)} match(es)")


def _source_marks(cite: Citations, source_ids: tuple[str, ...]) -> Cell:
    for source_id in source_ids:
        cite.numbers.setdefault(source_id, len(cite.numbers) + 1)
    return Cell("".join(f"[{cite.numbers[i]}]" for i in source_ids), dim=True)


def visit_query_span(record: Visit | Event) -> EdtfDate:
    """The dates a timeline row covers."""
    return record.dates if isinstance(record, Visit) else record.date.value


def timeline_report(facts: FactBase, records: list[Visit | Event]) -> Report:
    """``factcli timeline``: visits and events in date order, drawn as a timeline."""
    cite = Citations(facts)
    section = Section("Timeline", ["Year", "When", "What", "Where", "Src"], kind="timeline")
    data = []
    for record in records:
        if isinstance(record, Visit):
            evidence = Evidence(
                tuple(
                    c
                    for claim in (record.start, record.end)
                    if claim and claim.evidence
                    for c in claim.evidence.cite
                )
            )
            what = f"VISIT  {record.title}"
            data.append(serialize.visit_summary(facts, record))
        else:
            evidence = record.evidence
            what = f"{record.kind}  {record.title}"
            data.append(serialize.event_summary(record))
        year = str(visit_query_span(record).sort_key()[0].year)
        section.rows.append(
            [year, span_label(record), what, place_label(record.places), cite.marks(evidence)]
        )
    flat = [{k: v for k, v in row.items() if not isinstance(v, list)} for row in data]
    return Report(
        data,
        flat,
        [section, cite.section()],
        title=f"{len(records)} visit(s) and event(s)",
        notes=cite.notes(),
    )


def sources_report(facts: FactBase, uses: list[SourceUse]) -> Report:
    """``factcli sources``: the bibliography with claim counts."""
    section = Section("Sources", ["#", "ID", "Publisher", "Headline", "Published", "Claims"])
    data = []
    for use in uses:
        source = use.source
        section.rows.append(
            [
                f"[{use.number}]",
                source.id,
                source.publisher + (f" ({source.wire_service})" if source.wire_service else ""),
                source.headline or "(no headline)",
                date_label(source.published),
                str(use.claims),
            ]
        )
        data.append({"number": use.number, **serialize.source_data(source), "claims": use.claims})
    flat = [{k: v for k, v in row.items() if not isinstance(v, (list, dict))} for row in data]
    return Report(data, flat, [section], title=f"{len(uses)} source(s)")


def conflicts_report(facts: FactBase, found: list[Conflict]) -> Report:
    """``factcli conflicts``: points on which sources disagree."""
    cite = Citations(facts)
    section = Section(
        "Where sources disagree", ["Point", "Value", "According to", "As of", "In", "Src"]
    )
    data = []
    flat = []
    for conflict in found:
        claims = []
        for record_id, note in conflict.claims:
            by = ", ".join(
                facts.sources[s].publisher for s in note.evidence.source_ids if s in facts.sources
            )
            section.rows.append(
                [
                    conflict.point,
                    note.value or "",
                    by,
                    date_label(note.date),
                    record_id,
                    cite.marks(note.evidence),
                ]
            )
            claim = {
                "record_id": record_id,
                "value": note.value,
                "note": note.note,
                "date": serialize.date_data(note.date),
                **serialize.evidence_data(note.evidence),
            }
            claims.append(claim)
            flat.append(
                {
                    "point": conflict.point,
                    "topic": conflict.topic,
                    "record_id": record_id,
                    "value": note.value,
                    "note": note.note,
                    "sources": ";".join(note.evidence.source_ids),
                }
            )
        data.append({"point": conflict.point, "topic": conflict.topic, "claims": claims})
    return Report(
        data,
        flat,
        [section, cite.section()],
        title=f"{len(found)} disagreement(s)",
        notes=cite.notes(),
    )


def quotes_report(report: QuoteReport) -> Report:
    """``factcli verify-quotes``: each failing quote, or none."""
    section = Section("Quotes not found", ["Record", "Where", "Source", "Problem", "Text"])
    data = []
    for failure in report.failures:
        section.rows.append(
            [
                failure.owner_id,
                failure.where,
                ", ".join(failure.source_ids),
                failure.reason,
                failure.text,
            ]
        )
        data.append(
            {
                "record_id": failure.owner_id,
                "where": failure.where,
                "sources": list(failure.source_ids),
                "problem": failure.reason,
                "text": failure.text,
            }
        )
    flat = [{**row, "sources": ";".join(row["sources"])} for row in data]
    summary = {"checked": report.checked, "failed": len(report.failures), "failures": data}
    return Report(
        summary,
        flat,
        [section] if data else [],
        title=f"{report.checked} quotes checked, {len(report.failures)} not found",
    )
