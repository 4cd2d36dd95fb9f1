"""Reports across the fact base: search hits, the timeline, sources, conflicts, quote checks."""

from __future__ import annotations

from typing import Any

from factcli.errors import Problem
from factcli.model import provenance, serialize
from factcli.model.claims import Claim, NameOf, record_claims
from factcli.model.records import Event, Evidence, FactBase, Visit
from factcli.query.hits import ClaimHit, by_claim
from factcli.query.overview import SourceUse
from factcli.query.quotes import QuoteReport
from factcli.query.search import SNIPPET_CHARS, SearchHit
from factcli.render.labels import (
    Citations,
    date_label,
    place_label,
    publisher_label,
    span_label,
    status_label,
)
from factcli.render.report import Cell, Report, Section, in_quote_marks


def _quoted(hit: SearchHit | None, quotes: tuple[str, ...]) -> Cell:
    """The claim's quote in quotation marks: the matched one highlighted, else its first."""
    if hit is not None:
        shown = in_quote_marks(hit.snippet)
        shift = 0 if shown == hit.snippet else 1
        return Cell(shown, tuple((a + shift, b + shift) for a, b in hit.highlights))
    if not quotes:
        return Cell("")
    quote = quotes[0]
    if len(quote) > SNIPPET_CHARS:
        quote = quote[:SNIPPET_CHARS].rstrip() + "…"
    return Cell(in_quote_marks(quote))


def _match(found: ClaimHit) -> Cell:
    """What the claim says, its matched words highlighted when the match is in those words."""
    hit = found.text
    if hit is not None and (not found.claim_text or hit.snippet.strip("…") in found.claim_text):
        return Cell(hit.snippet, hit.highlights)
    text = found.claim_text
    return Cell(text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rstrip() + "…")


#: The columns of each list's CSV, for an answer with no rows (a header row is still an answer).
SEARCH_FIELDS = [
    "record_id", "record_kind", "section", "field", "label", "snippet", "highlights", "sources",
    "quotes", "score", "date", "within", "basis", "reasoning", "cite", "fields", "date_text",
    "date_earliest", "date_latest", "date_basis", "date_reasoning", "within_kind",
    "within_title", "within_start", "within_end", "within_text", "within_earliest",
    "within_latest", "according_to", "place", "country", "status", "mentions",
]  # fmt: skip
TIMELINE_FIELDS = [
    "id", "kind", "event_kind", "title", "start", "end", "dates", "dates_text", "city",
    "country", "sources", "occasion", "delegation_size", "delegation_reported",
    "delegation_people", "delegation_groups", "start_basis", "start_reasoning", "end_basis",
    "end_reasoning", "earliest", "latest", "status",
]  # fmt: skip
SOURCES_FIELDS = [
    "number", "id", "publisher", "headline", "author", "translator", "reported_by",
    "wire_service", "published", "language", "url", "archive", "basis", "reasoning", "claims",
    "published_text", "published_earliest", "published_latest", "published_basis",
    "published_reasoning",
]  # fmt: skip


def search_report(facts: FactBase, query: str, hits: list[SearchHit]) -> Report:
    """``factcli search``: one row per claim found, labelled in words, with its quote.

    Every format has one row per claim, as the table does; ``fields`` lists the
    matched fields of the claim and ``field``, ``snippet`` and ``score`` are its best hit's.
    """
    cite = Citations(facts)
    section = Section(f"Matches for “{query}”", ["Found in", "Match", "Quote", "Src"])
    data = []
    flat = []
    for found in by_claim(facts, hits):
        section.rows.append(
            [
                found.label,
                _match(found),
                _quoted(found.quote, found.quotes),
                cite.marks_for(found.sources, found.claim.cite if found.claim else ())
                if found.sources
                else Cell(""),
            ]
        )
        best = found.hits[0]
        row = {
            "record_id": best.record_id,
            "record_kind": best.record_kind,
            "section": best.section,
            "field": best.field,
            "label": found.label,
            "snippet": best.snippet,
            "highlights": [list(span) for span in best.highlights],
            "sources": list(found.sources),
            "quotes": list(found.quotes),
            "score": round(best.score, 4),
            **_provenance(found.claim, facts.name_of),
            "fields": list(dict.fromkeys(h.field for h in found.hits)),
        }
        data.append(row)
        flat.append(
            {
                **row,
                "highlights": ";".join(f"{a}-{b}" for a, b in best.highlights),
                "sources": ";".join(found.sources),
                "quotes": " | ".join(found.quotes),
                "date": row["date"]["edtf"] if row["date"] else None,
                "within": row["within"]["id"] if row["within"] else None,
                "cite": " | ".join(c["quote"] for c in row["cite"]),
                "fields": ";".join(row["fields"]),
                **_flat_dates(found.claim),
            }
        )
    title = f"{len(section.rows)} claim(s) or entries found ({len(hits)} matching fields)"
    # New columns go last, whatever order a row's keys come in.
    return cite.attach(Report(data, flat, [section], title=title, record_fields=SEARCH_FIELDS))


def _provenance(claim: Claim | None, name_of: NameOf) -> dict[str, Any]:
    """The date, basis and citations of the claim found; a hit outside any claim has none.

    (A title, a name, a headline.)
    """
    if claim is None:
        return {
            "date": None,
            "within": None,
            "basis": None,
            "reasoning": None,
            "cite": [],
            "according_to": None,
            "place": None,
            "country": None,
            "status": None,
            "mentions": [],
        }
    found = provenance.claim_data(claim, name_of)
    del found["sources"]  # the row's sources are the claim's, listed before
    return found


def _flat_dates(claim: Claim | None) -> dict[str, Any]:
    """The claim's own date in words, its bounds and its own basis, then its context."""
    own = provenance.date_flat(claim.date if claim else None)
    del own["date"]  # the row has it already
    inside = provenance.within_flat(claim.within if claim else None)
    del inside["within_id"]  # the row's 'within'
    return {**own, **inside}


def timeline_report(facts: FactBase, records: list[Visit | Event]) -> Report:
    """``factcli timeline``: visits and events in date order, drawn as a timeline."""
    cite = Citations(facts)
    section = Section("Timeline", ["Year", "When", "What", "Where", "ID", "Src"], kind="timeline")
    data = []
    for record in records:
        # A row dates its record: a visit by its start and end claims, an event by what happened.
        dating = [c for c in record_claims(record) if c.section in ("start", "end", "summary")]
        cited = tuple(dict.fromkeys(c for claim in dating for c in claim.cite))
        if isinstance(record, Visit):
            what = f"VISIT  {record.title}"
            row = serialize.visit_summary(facts, record)
        else:
            what = f"{record.kind}  {status_label(record.title, record.setting.status)}"
            row = serialize.event_summary(record)
        data.append(
            {
                **row,
                "cite": provenance.cite_data(cited),
                **serialize.span_basis(record),
                **serialize.record_bounds(record),
            }
        )
        year = str(record.dates.sort_key()[0].year)
        section.rows.append(
            [
                year,
                span_label(record),
                what,
                place_label(record.places),
                record.id,
                cite.marks(Evidence(cited)),
            ]
        )
    flat = [
        {
            **{k: v for k, v in row.items() if not isinstance(v, list)},
            "sources": ";".join(dict.fromkeys(c["source"] for c in row["cite"])),
        }
        for row in data
    ]
    title = f"{len(records)} visit(s) and event(s)"
    return cite.attach(Report(data, flat, [section], title=title, record_fields=TIMELINE_FIELDS))


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
                publisher_label(source),
                source.headline or "(no headline)",
                date_label(source.published),
                str(use.claims),
            ]
        )
        data.append({"number": use.number, **serialize.source_data(source), "claims": use.claims})
    flat = [
        {
            **{k: v for k, v in row.items() if not isinstance(v, (list, dict))},
            # The publication date's words, bounds and own basis, after the existing columns.
            **provenance.date_cells(use.source.published, "published"),
        }
        for row, use in zip(data, uses, strict=True)
    ]
    return Report(data, flat, [section], title=f"{len(uses)} source(s)")


def quotes_report(report: QuoteReport) -> Report:
    """``factcli verify-quotes``: each failing quote, then the closest passage and a word diff."""
    section = Section("Quotes not found", ["Record", "Where", "Source", "Problem", "Text"])
    closest = Section("Closest passages", ["Where", "Source", "Chars", "Passage", "Word diff"])
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
        row: dict[str, Any] = {
            "record_id": failure.owner_id,
            "where": failure.where,
            "sources": list(failure.source_ids),
            "problem": failure.reason,
            "text": failure.text,
            "closest": None,
            "diff": None,
        }
        if failure.closest is not None:
            # Only a failing check gets here, and it has imported the matcher already.
            from factcli.query.passages import word_diff
            from factcli.render.authoring import passage_data, wdiff

            passage = failure.closest
            diff = wdiff(word_diff(failure.text, passage.text))
            closest.rows.append(
                [
                    f"{failure.owner_id} {failure.where}",
                    passage.source_id or passage.archive,
                    f"{passage.start}-{passage.end}",
                    passage.text,
                    diff,
                ]
            )
            row["closest"] = passage_data(passage)
            row["diff"] = diff
        data.append(row)
    flat = [
        {
            **{k: v for k, v in row.items() if k != "closest"},
            "sources": ";".join(row["sources"]),
            "closest_text": row["closest"]["text"] if row["closest"] else None,
        }
        for row in data
    ]
    summary = {"checked": report.checked, "failed": len(report.failures), "failures": data}
    sections = [section] if data else []
    if closest.rows:
        sections.append(closest)
    return Report(
        summary,
        flat,
        sections,
        title=f"{report.checked} quotes checked, {len(report.failures)} not found",
    )


def problems_report(problems: list[Problem], files: int) -> Report:
    """``factcli validate`` in a machine-readable format: every problem, located."""
    section = Section("Problems", ["File", "Line", "Key", "Message"])
    rows = []
    for problem in problems:
        section.rows.append(
            [problem.file, str(problem.line or ""), problem.key_path, problem.message]
        )
        rows.append(
            {
                "file": problem.file,
                "line": problem.line,
                "column": problem.column,
                "key_path": problem.key_path,
                "message": problem.message,
            }
        )
    data = {"valid": not problems, "files": files, "problems": rows}
    title = f"{files} files, {len(problems)} problem(s)"
    fields = ["file", "line", "column", "key_path", "message"]
    return Report(data, rows, [section], title=title, record_fields=fields)
