"""Whole-fact-base exports as text: JSON, JSONL, CSV and Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from factcli.model import provenance, serialize
from factcli.model.claims import walk
from factcli.model.records import FactBase
from factcli.render import listings, views
from factcli.render.formats import render_markdown
from factcli.safe import json_dumps, spreadsheet_safe, visible


def to_json(facts: FactBase) -> str:
    """The whole fact base as one JSON document."""
    return json_dumps(serialize.fact_base_data(facts), 2) + "\n"


def to_jsonl(facts: FactBase) -> str:
    """One JSON object per record, each with a 'record_type'."""
    lines = []
    for record_type, items in serialize.fact_base_data(facts).items():
        for item in items:
            lines.append(
                json_dumps(
                    {
                        "record_type": record_type.rstrip("s")
                        if record_type != "people"
                        else "person",
                        **item,
                    }
                )
            )
    return "\n".join(lines) + "\n"


def to_csv(facts: FactBase) -> str:
    """One row per cited claim: where it lives, its text, basis, sources, quotes and own date."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "record_kind",
            "record_id",
            "section",
            "index",
            "text",
            "basis",
            "reasoning",
            "sources",
            "quotes",
            "date",
            "date_basis",
            "within_id",
            # Added later, so the first columns keep their place.
            "date_text",
            "date_earliest",
            "date_latest",
            "date_reasoning",
            "within_kind",
            "within_title",
            "within_start",
            "within_end",
            "within_text",
            "within_earliest",
            "within_latest",
            # Who says so, where, how sure, and whom it names: the claim's own.
            "according_to",
            "place",
            "country",
            "status",
            "mentions",
        ]
    )
    for claim in walk(facts):
        text = "; ".join(f"{name}: {value}" for name, value in claim.named_fields(facts.name_of))
        # The claim's own date (empty when it has none) and the record around it, as context.
        own = provenance.date_flat(claim.date)
        inside = provenance.within_flat(claim.within)
        row = [
            claim.record_kind,
            claim.record_id,
            claim.section,
            claim.position,
            text,
            claim.evidence.basis,
            claim.evidence.reasoning or "",
            ";".join(dict.fromkeys(c.source for c in claim.stored_cite)),
            " | ".join(c.quote for c in claim.stored_cite),
            own["date"],
            own["date_basis"],
            inside["within_id"],
            own["date_text"],
            own["date_earliest"],
            own["date_latest"],
            own["date_reasoning"],
            inside["within_kind"],
            inside["within_title"],
            inside["within_start"],
            inside["within_end"],
            inside["within_text"],
            inside["within_earliest"],
            inside["within_latest"],
            claim.according_to,
            claim.setting.place,
            claim.setting.country,
            claim.setting.status,
            ";".join(claim.setting.mentions),
        ]
        writer.writerow(
            [
                "" if v is None else spreadsheet_safe(visible(v, True)) if isinstance(v, str) else v
                for v in row
            ]
        )
    return out.getvalue()


def to_markdown(facts: FactBase) -> str:
    """Every visit and event as Markdown sections, in date order, then the bibliography."""
    from factcli.query.overview import source_usage
    from factcli.query.visits import VisitFilter, timeline

    out = io.StringIO()
    for record in timeline(facts, VisitFilter()):
        render_markdown(views.show_report(facts, record), out)
    render_markdown(listings.sources_report(facts, source_usage(facts)), out)
    return out.getvalue()


TEXT_EXPORTS: dict[str, Callable[[FactBase], str]] = {
    "json": to_json,
    "jsonl": to_jsonl,
    "csv": to_csv,
    "markdown": to_markdown,
}
