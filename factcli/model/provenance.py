"""One claim as JSON and as flat cells: its own date, context, basis, citations and setting.

Every row that shows a claim, in every command and export, carries these
shapes, so a claim's provenance reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from factcli.model.claims import Claim, NameOf, Within
from factcli.model.dates import date_text
from factcli.model.edtf import iso_earliest, iso_latest
from factcli.model.records import Citation, DateClaim, Evidence, Setting

Data = dict[str, Any]


def cite_data(citations: Iterable[Citation]) -> list[Data]:
    """Citations as JSON: each a source id and its verbatim quote."""
    return [{"source": c.source, "quote": c.quote} for c in citations]


def evidence_data(evidence: Evidence) -> Data:
    """The evidence fields every claim carries."""
    return {
        "basis": evidence.basis,
        "reasoning": evidence.reasoning,
        "according_to": evidence.according_to,
        "sources": list(evidence.source_ids),
        "cite": cite_data(evidence.cite),
    }


def setting_data(setting: Setting, name_of: NameOf) -> Data:
    """A claim's own place (null when its source names none), status and whom it mentions."""
    return {
        "place": setting.place,
        "country": setting.country,
        "status": setting.status,
        **mentions_data(setting, name_of),
    }


def mentions_data(setting: Setting, name_of: NameOf) -> Data:
    """Whom a claim names without their taking part, each as id and name."""
    return {"mentions": [{"id": m, "name": name_of(m)} for m in setting.mentions]}


def date_data(claim: DateClaim | None) -> Data | None:
    """A date claim: its EDTF text, its earliest and latest day, and how it is known."""
    if claim is None:
        return None
    return {
        "edtf": claim.value.text,
        "text": date_text(claim),
        "earliest": iso_earliest(claim.value),
        "latest": iso_latest(claim.value),
        "basis": claim.basis,
        "reasoning": claim.reasoning,
        "as_stated": claim.as_stated,
        "cite": cite_data(claim.evidence.cite) if claim.evidence else [],
        # Every other version of the date the sources give, each with its own citations.
        "alternatives": [
            {
                "edtf": other.value.text,
                "text": date_text(DateClaim(other.value, other.evidence.basis)),
                "earliest": iso_earliest(other.value),
                "latest": iso_latest(other.value),
                "as_stated": other.as_stated,
                **evidence_data(other.evidence),
            }
            for other in claim.alternatives
        ],
    }


def within_data(within: Within | None) -> Data | None:
    """The visit or event around a claim, for context: its id, kind and first and last day."""
    if within is None:
        return None
    return {
        "id": within.id,
        "kind": within.kind,
        "start": within.first,
        "end": within.last,
        "earliest": within.start,
        "latest": within.end,
    }


def claim_data(claim: Claim, name_of: NameOf) -> Data:
    """A claim's own provenance, as every row that shows a claim carries it.

    ``date`` is the claim's own (null when no source dates it) and ``within``
    the record around it, which dates it only as context. ``basis`` and
    ``reasoning`` are the claim's; ``cite`` is every (source, quote) it rests on.
    """
    return {
        "date": date_data(claim.date),
        "within": within_data(claim.within),
        "basis": claim.evidence.basis,
        "reasoning": claim.evidence.reasoning,
        "sources": list(claim.source_ids),
        "cite": cite_data(claim.cite),
        "according_to": claim.according_to,
        **setting_data(claim.setting, name_of),
    }


def date_cells(claim: DateClaim | None, name: str) -> Data:
    """A date as flat cells named after it: EDTF, words, first and last day, its OWN basis.

    ``name`` holds the EDTF form, never a day: a month or a range must not look
    like an exact day. The date's basis and reasoning are its own: a stated
    claim can carry an inferred date ("10 days before the coup").
    """
    return {
        name: claim.value.text if claim else None,
        f"{name}_text": date_text(claim) if claim else None,
        f"{name}_earliest": iso_earliest(claim.value) if claim else None,
        f"{name}_latest": iso_latest(claim.value) if claim else None,
        f"{name}_basis": claim.basis if claim else None,
        f"{name}_reasoning": claim.reasoning if claim else None,
    }


def date_flat(claim: DateClaim | None) -> Data:
    """A claim's own date as flat cells: ``date``, ``date_text``, ..., ``date_reasoning``."""
    return date_cells(claim, "date")


def within_flat(within: Within | None) -> Data:
    """The record around a claim as flat cells, for context only: it never dates the claim."""
    return {
        "within_id": within.id if within else None,
        "within_kind": within.kind if within else None,
        "within_title": within.title if within else None,
        "within_start": within.first if within else None,
        "within_end": within.last if within else None,
        "within_text": within.text if within else None,
        "within_earliest": within.start if within else None,
        "within_latest": within.end if within else None,
    }


def claim_flat(claim: Claim) -> Data:
    """``claim_data`` as flat cells for CSV and JSONL: the claim's own date, then its context."""
    inside = within_flat(claim.within)
    own = date_flat(claim.date)
    return {
        "date": own.pop("date"),
        "within_id": inside.pop("within_id"),
        "within_start": inside.pop("within_start"),
        "within_end": inside.pop("within_end"),
        "basis": claim.evidence.basis,
        "reasoning": claim.evidence.reasoning,
        "sources": ";".join(claim.source_ids),
        "quote": " | ".join(c.quote for c in claim.cite),
        # Added after the first columns, so existing CSV column order stays.
        **own,
        **inside,
        "according_to": claim.according_to,
        "place": claim.setting.place,
        "country": claim.setting.country,
        "status": claim.setting.status,
        "mentions": ";".join(claim.setting.mentions),
    }
