"""The tables of one visit's or event's claims, one per section, built from the claim walk.

Every row is one claim: its own cells, its own date (blank when it has none:
the record's dates head the page) and the markers of its own citations.
"""

from __future__ import annotations

import re
from typing import Any

from factcli.model import provenance
from factcli.model.claims import Claim, SectionName, record_claims
from factcli.model.records import (
    Activity,
    Agreement,
    Characterisation,
    ContextNote,
    Counterpart,
    Delegate,
    Event,
    FactBase,
    Place,
    Statement,
    Visit,
)
from factcli.render.labels import Citations, date_label, place_label, status_label, where_label
from factcli.render.report import CellLike, Section, in_quote_marks

#: Each section's table: its title and columns (before "Src"), in the order shown.
TABLES: dict[SectionName, tuple[str, list[str]]] = {
    "characterisations": ("Described as", ["By", "Description"]),
    "places": ("Places", ["Place", "Date", "Role", "Note"]),
    "delegation": ("Delegation", ["Name", "Rank", "Role"]),
    "counterparts": ("Counterparts", ["Name", "Role", "Date", "Topics"]),
    "agreements": ("Agreements", ["Agreement", "Parties", "Date", "Wording"]),
    "activities": ("Activities", ["Activity", "Place", "Date", "Attendees"]),
    "statements": ("Statements", ["Speaker", "Said", "Date"]),
    "context": ("Context", ["Topic", "Note", "Date"]),
}
#: Sections whose claims may name a place of their own; their table gets a "Place"
#: column when one does (activities always show theirs).
OWN_PLACE_SECTIONS: frozenset[SectionName] = frozenset(
    {"delegation", "counterparts", "agreements", "statements"}
)


def own_place_text(claim: Claim) -> str:
    """A claim's own place as 'Place, Country'; blank when its source names none."""
    return where_label(claim.setting.place, claim.setting.country)


def _cells(facts: FactBase, claim: Claim) -> tuple[list[CellLike], str]:
    """The cells of a claim's row, and its text for the flat rows of CSV and JSONL."""
    item = claim.item
    when = date_label(claim.date)
    if isinstance(item, Characterisation):
        return [item.by, item.description], f"{item.by}: {item.description}"
    if isinstance(item, Place):
        return [
            status_label(claim.text, item.status),
            when,
            item.role,
            item.note or "",
        ], place_label((item,))
    status = claim.setting.status
    if isinstance(item, Delegate):
        name = status_label(facts.name_of(item.who), status)
        return [name, item.rank or "", item.role or ""], name
    if isinstance(item, Counterpart):
        name = status_label(facts.name_of(item.who), status)
        return [name, item.role or "", when, "; ".join(item.topics)], name
    if isinstance(item, Agreement):
        parties = ", ".join(facts.name_of(p) for p in item.parties) or "not named"
        title = status_label(item.title, status)
        return [title, parties, when, item.wording or ""], title
    if isinstance(item, Activity):
        attendees = ", ".join(facts.name_of(p) for p in item.attendees)
        text = status_label(item.description, status)
        return [text, own_place_text(claim), when, attendees], text
    if isinstance(item, Statement):
        speaker = facts.name_of(item.speaker)
        return [speaker, said_text(item), when], f"{speaker}: {item.words}"
    if isinstance(item, ContextNote):
        return [item.topic, item.note, when], item.note
    raise TypeError(f"no table for a claim in {claim.section}")  # pragma: no cover


#: Quoted words this short are shown with the words around them in their quote.
_FEW_WORDS = 3
#: How many words of the quote are shown on each side of them.
_AROUND = 6


def said_text(statement: Statement) -> str:
    """A statement's words as a row shows them: quoted words in quotation marks.

    Reported speech is marked as such. A quoted word or two alone (“terrorists”)
    says little, so the words around them in the first quote that has them follow.
    """
    if statement.reported:
        return statement.words
    shown = in_quote_marks(statement.said)
    if len(statement.said.split()) > _FEW_WORDS:
        return shown
    for citation in statement.evidence.cite:
        at = citation.quote.find(statement.said)
        if at < 0:
            continue
        # Cut at spaces only, so the quote's own marks stay on the words they touch.
        before = re.findall(r"\S+\s*", citation.quote[:at])
        after = re.findall(r"\s*\S+", citation.quote[at + len(statement.said) :])
        if not before and not after:
            break
        words = "".join([*before[-_AROUND:], statement.said, *after[:_AROUND]])
        cut_before = "…" if len(before) > _AROUND else ""
        cut_after = "…" if len(after) > _AROUND else ""
        return f"{shown}, in: {cut_before}{words}{cut_after}"
    return shown


def flat_row(record_id: str, section: str, text: str, claim: Claim) -> dict[str, Any]:
    """A claim as one flat row (CSV, JSONL): its record, where it sits, text and provenance."""
    return {
        "record_id": record_id,
        "section": section,
        "where": claim.where,
        "text": text,
        **provenance.claim_flat(claim),
    }


def claim_sections(
    facts: FactBase, record: Visit | Event, cite: Citations
) -> tuple[list[Section], list[dict[str, Any]]]:
    """A table per section that has claims, and the claims as flat rows, in that order."""
    by_section: dict[str, list[Claim]] = {}
    for claim in record_claims(record):
        if claim.section in TABLES:
            by_section.setdefault(claim.section, []).append(claim)
    sections: list[Section] = []
    rows: list[dict[str, Any]] = []
    for name, (title, columns) in TABLES.items():
        claims = by_section.get(name)
        if not claims:
            continue
        placed = name in OWN_PLACE_SECTIONS and any(own_place_text(c) for c in claims)
        section = Section(title, [*columns, *(["Place"] if placed else []), "Src"])
        for claim in claims:
            cells, text = _cells(facts, claim)
            where = [own_place_text(claim)] if placed else []
            section.rows.append([*cells, *where, cite.marks(claim.evidence, claim.date)])
            rows.append(flat_row(record.id, title.lower(), text, claim))
        sections.append(section)
    return sections, rows
