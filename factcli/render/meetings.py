"""``factcli meetings``: who met whom, when, where and about what, one row each."""

from __future__ import annotations

from typing import Any

from factcli.model import provenance
from factcli.model.dates import date_text
from factcli.model.edtf import iso_earliest, iso_latest
from factcli.model.records import FactBase
from factcli.query.meetings import Meeting, sentence
from factcli.render.labels import Citations, claim_date_cell, where_label, within_label
from factcli.render.report import Report, Section

#: The columns of the meetings CSV, in order, also for an answer with no rows.
MEETING_FIELDS = [
    "record_id", "record_kind", "record_title", "date_text", "earliest", "latest", "city",
    "country", "text", "relation", "role", "who", "met", "topics", "date", "within_id",
    "within_start", "within_end", "basis", "reasoning", "sources", "quote", "date_earliest",
    "date_latest", "date_basis", "date_reasoning", "within_kind", "within_title", "within_text",
    "according_to", "place", "status", "mentions", "within_earliest", "within_latest",
]  # fmt: skip


def _names(facts: FactBase, ids: tuple[str, ...]) -> list[str]:
    return [facts.name_of(i) for i in ids]


def meetings_report(facts: FactBase, found: list[Meeting]) -> Report:
    """One row per meeting; JSON and CSV carry ISO days for a spreadsheet."""
    cite = Citations(facts)
    section = Section("Meetings", ["Date", "Where", "Who met whom", "Topics", "Src"])
    data: list[dict[str, Any]] = []
    flat: list[dict[str, Any]] = []
    for meeting in found:
        claim = meeting.claim
        who, met = _names(facts, meeting.hosts), _names(facts, meeting.guests)
        text = sentence(meeting, facts.name_of)
        # Its own place, or nothing: a visit's places never stand in for a meeting's.
        where = where_label(meeting.place, meeting.country)
        section.rows.append(
            [
                claim_date_cell(claim.date, claim.within),
                where,
                text,
                "; ".join(meeting.topics),
                cite.marks(claim.evidence, claim.date),
            ]
        )
        common = {
            "record_id": meeting.record_id,
            "record_kind": meeting.record_kind,
            "record_title": meeting.record_title,
            # An undated meeting says so, with the dates of its visit as context.
            "date_text": date_text(claim.date) if claim.date else within_label(claim.within),
            "earliest": iso_earliest(claim.date.value) if claim.date else None,
            "latest": iso_latest(claim.date.value) if claim.date else None,
            "city": meeting.place,
            "country": meeting.country,
            "text": text,
            # "met"; "planned" or "expected": announced or hedged, not reported held;
            # "ruled out": a source says there would be no meeting.
            "relation": meeting.relation,
            # For an organisation: whom he met from it, as the source says.
            "role": meeting.role,
        }
        data.append(
            {
                **common,
                "who": [{"id": i, "name": facts.name_of(i)} for i in meeting.hosts],
                "met": [{"id": i, "name": facts.name_of(i)} for i in meeting.guests],
                "topics": list(meeting.topics),
                **provenance.claim_data(claim, facts.name_of),
                # The meeting's place: an event's comes from its places, not its claim.
                "place": meeting.place,
                "country": meeting.country,
            }
        )
        own = provenance.claim_flat(claim)
        # common's date_text already gives the date in words, or "undated" with its context.
        del own["date_text"]
        flat.append(
            {
                **common,
                "who": "; ".join(who),
                "met": "; ".join(met),
                "topics": "; ".join(meeting.topics),
                **own,
                "place": meeting.place,
                "country": meeting.country,
            }
        )
    title = f"{len(found)} meeting(s)"
    return cite.attach(Report(data, flat, [section], title=title, record_fields=MEETING_FIELDS))
