"""What the SQLite export's tables and columns mean, for people and for Datasette.

One description per table and per column, kept here once: the export writes
them into its ``_descriptions`` table (for sqlite3 and any other client) and
into a Datasette metadata file beside the database, which adds the labels,
facets, full-text search settings and canned queries that make
``datasette facts.db --metadata facts.metadata.json`` useful on first open.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class TableDoc(NamedTuple):
    """A table's description, its columns' descriptions and how Datasette should show it."""

    description: str
    columns: dict[str, str]
    label_column: str | None = None
    facets: tuple[str, ...] = ()
    fts_table: str | None = None
    fts_pk: str | None = None
    sort: str | None = None


_DATE_BASIS = "'stated' when the source gives the date, 'inferred' when it was worked out."

TABLES: dict[str, TableDoc] = {
    "sources": TableDoc(
        "The cited articles. Every quote in 'citations' comes from one of them.",
        {
            "id": "The source's id, as fact files cite it.",
            "publisher": "Who published the article.",
            "headline": "The article's headline, when the archived text has one.",
            "author": "The article's author, when named.",
            "translator": "Who translated it, when named.",
            "reported_by": "The desk or service credited with the reporting.",
            "wire_service": "The news agency the story came from (Reuters, ...).",
            "published": "The earliest ISO day the article can have been published.",
            "published_edtf": "The publication date in EDTF: exact, a month, or a range.",
            "published_basis": _DATE_BASIS,
            "published_reasoning": "How an inferred publication date was worked out.",
            "language": "The article's language (ISO 639-1).",
            "url": "Where the article was published, when known.",
            "archive": "The file of the quote archive that holds the article's text.",
            "title": "Publisher, headline and date in one line, to label links.",
        },
        label_column="title",
        facets=("publisher", "language"),
    ),
    "entities": TableDoc(
        "People and organisations under their canonical names.",
        {
            "id": "The entity's id, as fact files name it.",
            "kind": "'person' or 'org'.",
            "name": "The canonical name; other spellings are in 'aliases'.",
            "country": "The country the entity belongs to, when known.",
            "note": "A short note on who or what it is.",
        },
        label_column="name",
        facets=("kind", "country"),
    ),
    "aliases": TableDoc(
        "Every other spelling of an entity's name met in the sources.",
        {
            "entity_id": "The entity this spelling names.",
            "alias": "The spelling, as a source writes it.",
        },
    ),
    "records": TableDoc(
        "The visits, and the related events around them.",
        {
            "id": "The visit's or event's id (as in 'factcli show ID').",
            "kind": "'visit' or 'event'.",
            "title": "A short title.",
            "event_kind": "For an event, what kind (meeting, statement, election, ...).",
            "occasion": "For a visit, what it was for (a conference, a forum, ...).",
            "summary": "A summary of what the sources say.",
            "start": "The earliest ISO day the visit or event can have begun.",
            "end": "The latest ISO day it can have ended; empty when unknown.",
            "dates_edtf": "The span in EDTF, as uncertain as the sources leave it.",
            "city": "The main city.",
            "country": "The main country.",
            "file": "The fact file the record comes from, relative to the facts folder.",
        },
        label_column="title",
        facets=("kind", "country"),
        sort="start",
    ),
    "claims": TableDoc(
        "Every cited claim: places, descriptions, delegation members, counterparts, "
        "agreements, activities, statements, context notes, events and roles.",
        {
            "id": "The claim's number in this export.",
            "record_id": "The visit or event the claim belongs to.",
            "entity_id": "The entity a role claim describes.",
            "source_id": "The source whose own entry (credits, publication date) it is about.",
            "section": "Which part of the record it is (delegation, counterparts, ...).",
            "position": "Its place in that part of the record, counting from 0.",
            "who": "The person or organisation the claim is about or by, if any.",
            "text": "The claim: a name, a description, what was said, ...",
            "detail": "More about it: rank and role, topics, the speaker, ...",
            "date_edtf": "The claim's own date in EDTF; empty when no source dates it.",
            "date_earliest": "The earliest ISO day the date can mean.",
            "date_latest": "The latest ISO day the date can mean.",
            "date_basis": _DATE_BASIS,
            "basis": "'stated' in the sources, or 'inferred' from them (see reasoning).",
            "reasoning": "For an inferred claim, how it was worked out, in one line.",
            "according_to": "Who, within the cited article, asserts the claim "
            "(an entity id or words); empty when the article says it in its own voice.",
            "status": "'held' when the sources say it happened; 'planned', 'expected' or "
            "'ruled out' when they say only that it was to happen, or would not.",
            "place": "The claim's own place, as its source names it; empty when none does "
            "(never the place of the visit around it).",
            "country": "The country of the claim's own place.",
        },
        label_column="text",
        facets=("section", "basis", "status", "record_id"),
        fts_table="claims_fts",
        fts_pk="id",
    ),
    "claim_entities": TableDoc(
        "Which people and organisations each claim involves, one row per claim and entity.",
        {
            "claim_id": "The claim.",
            "entity_id": "The person or organisation.",
            "part": "'subject' when the claim is about or by it, 'involved' when it takes "
            "part otherwise, 'mentioned' when the claim only names it.",
        },
        facets=("part",),
    ),
    "citations": TableDoc(
        "The verbatim quotes each claim rests on, one row per quote.",
        {
            "claim_id": "The claim the quote supports.",
            "source_id": "The article it is quoted from.",
            "quote": "The words, exactly as the article has them.",
        },
        facets=("source_id",),
        fts_table="citations_fts",
        fts_pk="rowid",
    ),
    "_descriptions": TableDoc(
        "These descriptions, as a table, for clients other than Datasette.",
        {
            "table_name": "The table described.",
            "column_name": "The column described; empty for the table itself.",
            "description": "What it holds.",
        },
    ),
}

_QUERIES = {
    "delegation": {
        "title": "Who travelled in a visit's delegation",
        "sql": (
            "select coalesce(e.name, c.text) as name, c.detail as rank_and_role,"
            " group_concat(ci.quote, ' | ') as quotes, group_concat(ci.source_id) as sources"
            " from claims c left join entities e on e.id = c.who"
            " join citations ci on ci.claim_id = c.id"
            " where c.record_id = :visit and c.section = 'delegation'"
            " group by c.id order by c.id"
        ),
    },
    "appearances": {
        "title": "Every claim naming a person or organisation, any spelling",
        "sql": (
            "select c.record_id, c.section, ce.part, c.text, c.detail, c.status,"
            " c.date_edtf, c.basis, c.according_to"
            " from claims c join claim_entities ce on ce.claim_id = c.id"
            " where ce.entity_id in (select id from entities where name like '%' || :name || '%'"
            " union select entity_id from aliases where alias like '%' || :name || '%')"
            " order by c.date_earliest, c.id"
        ),
    },
    "inferred": {
        "title": "Inferred claims and how each was worked out",
        "sql": (
            "select record_id, section, text, reasoning from claims"
            " where basis = 'inferred' or date_basis = 'inferred' order by record_id, id"
        ),
    },
}


def description_rows() -> list[tuple[str, str | None, str]]:
    """(table, column or None, description) for every table and column."""
    rows: list[tuple[str, str | None, str]] = []
    for table, doc in TABLES.items():
        rows.append((table, None, doc.description))
        rows.extend((table, column, text) for column, text in doc.columns.items())
    return rows


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for the export opened as ``database`` (its file's stem)."""
    tables: dict[str, Any] = {}
    for name, doc in TABLES.items():
        table: dict[str, Any] = {"description": doc.description, "columns": dict(doc.columns)}
        if doc.label_column:
            table["label_column"] = doc.label_column
        if doc.facets:
            table["facets"] = list(doc.facets)
        if doc.fts_table:
            table["fts_table"] = doc.fts_table
            table["fts_pk"] = doc.fts_pk
        if doc.sort:
            table["sort"] = doc.sort
        tables[name] = table
    return {
        "title": "factcli fact base",
        "description": (
            "Visits and related events, every claim backed by a verbatim quote from a "
            "cited source. Start with 'records', follow a record to its 'claims', and a "
            "claim to its 'citations'."
        ),
        "databases": {database: {"tables": tables, "queries": _QUERIES}},
    }
