"""Export a fact base to SQLite: one table per record kind, with foreign keys and FTS.

Opens in ``sqlite3`` and Datasette: tables and columns carry descriptions in
a ``_descriptions`` table (and in Datasette's metadata, see ``datasette.py``),
and every claim's citations are rows of ``citations``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from factcli.errors import FactcliError
from factcli.export.datasette import description_rows
from factcli.model.claims import Claim, record_span, walk
from factcli.model.edtf import iso_earliest, iso_latest
from factcli.model.records import (
    Activity,
    Agreement,
    Characterisation,
    ContextNote,
    Counterpart,
    DateClaim,
    Delegate,
    Event,
    FactBase,
    Place,
    Role,
    Source,
    Statement,
    Visit,
)

SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY, publisher TEXT NOT NULL, headline TEXT, author TEXT,
    translator TEXT, reported_by TEXT, wire_service TEXT, published TEXT,
    published_edtf TEXT, published_basis TEXT, published_reasoning TEXT,
    language TEXT, url TEXT, archive TEXT, title TEXT NOT NULL
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('person', 'org')),
    name TEXT NOT NULL, country TEXT, note TEXT
);
CREATE TABLE aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id), alias TEXT NOT NULL
);
CREATE TABLE records (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('visit', 'event')),
    title TEXT NOT NULL, event_kind TEXT, occasion TEXT, summary TEXT,
    start TEXT, "end" TEXT, dates_edtf TEXT, city TEXT, country TEXT, file TEXT
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY, record_id TEXT REFERENCES records(id),
    entity_id TEXT REFERENCES entities(id), source_id TEXT REFERENCES sources(id),
    section TEXT NOT NULL, position INTEGER NOT NULL,
    who TEXT REFERENCES entities(id), text TEXT NOT NULL, detail TEXT,
    date_edtf TEXT, date_earliest TEXT, date_latest TEXT, date_basis TEXT,
    basis TEXT NOT NULL, reasoning TEXT
);
CREATE TABLE citations (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    source_id TEXT NOT NULL REFERENCES sources(id), quote TEXT NOT NULL
);
CREATE TABLE _descriptions (
    table_name TEXT NOT NULL, column_name TEXT, description TEXT NOT NULL
);
CREATE INDEX claims_record ON claims(record_id);
CREATE INDEX claims_who ON claims(who);
CREATE INDEX citations_claim ON citations(claim_id);
CREATE INDEX citations_source ON citations(source_id);
-- content="table" in double quotes: the form Datasette recognises as the table's search.
CREATE VIRTUAL TABLE claims_fts USING fts5(text, detail, content="claims", content_rowid="id");
CREATE VIRTUAL TABLE citations_fts USING fts5(quote, content="citations");
"""


def _date_columns(claim: DateClaim | None) -> tuple[Any, ...]:
    if claim is None:
        return (None, None, None, None)
    return (claim.value.text, iso_earliest(claim.value), iso_latest(claim.value), claim.basis)


#: Section names as earlier exports wrote them, where the claim walk names them otherwise.
_SECTION = {"summary": "event"}


def _text_detail(facts: FactBase, claim: Claim) -> tuple[str, str | None]:
    """The ``text`` and ``detail`` columns: the claim in a few words, and more about it."""
    item = claim.item
    if isinstance(item, Place):
        return claim.text, item.note
    if isinstance(item, Characterisation):
        return item.description, item.by
    if isinstance(item, (Delegate, Counterpart)):
        return facts.name_of(item.who), claim.text
    if isinstance(item, Agreement):
        return item.title, item.wording
    if isinstance(item, Activity):
        return item.description, ", ".join(facts.name_of(p) for p in item.attendees)
    if isinstance(item, Statement):
        return item.said, facts.name_of(item.speaker)
    if isinstance(item, ContextNote):
        return item.note, item.topic
    if isinstance(item, Event):
        return item.title, item.summary
    if isinstance(item, Role):
        return item.title, item.organisation
    if isinstance(item, DateClaim):
        return item.value.text, item.as_stated
    return claim.text, None


def _write_claims(facts: FactBase, db: sqlite3.Connection) -> None:
    """One row per claim of the walk and one per citation."""
    for claim in walk(facts):
        kind = claim.record_kind
        text, detail = _text_detail(facts, claim)
        cursor = db.execute(
            "INSERT INTO claims (record_id, entity_id, source_id, section, position, who, text,"
            " detail, date_edtf, date_earliest, date_latest, date_basis, basis, reasoning)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                claim.record_id if kind in ("visit", "event") else None,
                claim.record_id if kind in ("person", "org") else None,
                claim.record_id if kind == "source" else None,
                _SECTION.get(claim.section, claim.section),
                claim.position,
                claim.subject,
                text,
                detail,
                *_date_columns(claim.date),
                claim.evidence.basis,
                claim.evidence.reasoning,
            ),
        )
        db.executemany(
            "INSERT INTO citations VALUES (?,?,?)",
            [(cursor.lastrowid, c.source, c.quote) for c in claim.stored_cite],
        )


def _source_title(source: Source) -> str:
    headline = source.headline or "(no headline)"
    return f"{source.byline}: {headline}, {source.published.value.text}"


def _write_records(facts: FactBase, db: sqlite3.Connection) -> None:
    for s in facts.sources.values():
        db.execute(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                s.id,
                s.publisher,
                s.headline,
                s.author,
                s.translator,
                s.reported_by,
                s.wire_service,
                iso_earliest(s.published.value),
                s.published.value.text,
                s.published.basis,
                s.published.reasoning,
                s.language,
                s.url,
                s.archive,
                _source_title(s),
            ),
        )
    for e in facts.entities.values():
        db.execute(
            "INSERT INTO entities VALUES (?,?,?,?,?)", (e.id, e.kind, e.name, e.country, e.note)
        )
        db.executemany("INSERT INTO aliases VALUES (?,?)", [(e.id, a) for a in e.aliases])
    for record in facts.items():
        start, end = record_span(record)
        main = record.places[0] if record.places else None
        is_visit = isinstance(record, Visit)
        db.execute(
            "INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                record.id,
                "visit" if is_visit else "event",
                record.title,
                None if isinstance(record, Visit) else record.kind,
                record.occasion if isinstance(record, Visit) else None,
                record.summary,
                start,
                end,
                record.dates.text,
                main.city if main else None,
                main.country if main else None,
                facts.relative_file(record.file),
            ),
        )


class ExportCheckError(FactcliError):
    """SQLite found the export broken: a dangling reference or a damaged file."""


def _check(db: sqlite3.Connection) -> None:
    """Fail loudly if any reference dangles or the file is not intact."""
    dangling = db.execute("PRAGMA foreign_key_check").fetchall()
    if dangling:
        table, rowid, parent, _ = dangling[0]
        raise ExportCheckError(
            f"SQLite export: {len(dangling)} row(s) refer to nothing,"
            f" first {table} row {rowid} (to {parent})"
        )
    integrity = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        raise ExportCheckError(f"SQLite export failed its integrity check: {integrity[0]}")


def write_sqlite(facts: FactBase, path: Path) -> None:
    """Write the fact base to a new SQLite file at ``path`` (which must not hold data)."""
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = MEMORY")  # no -journal or -wal file beside it
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        try:
            with connection:
                _write_records(facts, connection)
                _write_claims(facts, connection)
                connection.executemany(
                    "INSERT INTO _descriptions VALUES (?,?,?)", description_rows()
                )
                connection.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
                connection.execute("INSERT INTO citations_fts(citations_fts) VALUES ('rebuild')")
        except sqlite3.IntegrityError as error:  # foreign keys are on: a dangling reference
            raise ExportCheckError(f"SQLite export: {error} (a reference to nothing)") from None
        _check(connection)
    finally:
        connection.close()
