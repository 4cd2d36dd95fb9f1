"""Export a fact base to SQLite: one table per record kind, with foreign keys and FTS.

Opens in ``sqlite3`` and Datasette: tables and columns carry descriptions in
a ``_descriptions`` table (and in Datasette's metadata, see ``datasette.py``),
and every claim's citations are rows of ``citations``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from factcli.export.datasette import description_rows
from factcli.model.records import DateClaim, Evidence, FactBase, Source
from factcli.model.serialize import iso_earliest, iso_latest

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
    entity_id TEXT REFERENCES entities(id), section TEXT NOT NULL,
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


class _Writer:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def claim(
        self,
        record_id: str | None,
        entity_id: str | None,
        section: str,
        who: str | None,
        text: str,
        detail: str | None,
        date: DateClaim | None,
        evidence: Evidence,
    ) -> None:
        cursor = self.db.execute(
            "INSERT INTO claims (record_id, entity_id, section, who, text, detail, date_edtf,"
            " date_earliest, date_latest, date_basis, basis, reasoning)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                record_id,
                entity_id,
                section,
                who,
                text,
                detail,
                *_date_columns(date),
                evidence.basis,
                evidence.reasoning,
            ),
        )
        self.db.executemany(
            "INSERT INTO citations VALUES (?,?,?)",
            [(cursor.lastrowid, c.source, c.quote) for c in evidence.cite],
        )


def _source_title(source: Source) -> str:
    headline = source.headline or "(no headline)"
    return f"{source.byline}: {headline}, {source.published.value.text}"


def _write_rows(facts: FactBase, writer: _Writer) -> None:
    db = writer.db
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
    for e in facts.entities.values():
        for role in e.roles:
            writer.claim(
                None, e.id, "roles", e.id, role.title, role.organisation, None, role.evidence
            )
    for v in facts.visits.values():
        main = v.main_place
        db.execute(
            "INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                v.id,
                "visit",
                v.title,
                None,
                v.occasion,
                v.summary,
                iso_earliest(v.start.value),
                iso_latest(v.end.value) if v.end else None,
                v.dates.text,
                main.city if main else None,
                main.country if main else None,
                v.file,
            ),
        )
        for p in v.places:
            writer.claim(
                v.id,
                None,
                "places",
                None,
                ", ".join(x for x in (p.city, p.country) if x),
                p.note,
                p.date,
                p.evidence,
            )
        for c in v.characterisations:
            writer.claim(
                v.id, None, "characterisations", None, c.description, c.by, None, c.evidence
            )
        for d in v.delegation:
            writer.claim(
                v.id,
                None,
                "delegation",
                d.who,
                facts.name_of(d.who),
                " ".join(x for x in (d.rank, d.role) if x),
                None,
                d.evidence,
            )
        for cp in v.counterparts:
            writer.claim(
                v.id,
                None,
                "counterparts",
                cp.who,
                facts.name_of(cp.who),
                "; ".join(cp.topics),
                cp.date,
                cp.evidence,
            )
        for a in v.agreements:
            writer.claim(v.id, None, "agreements", None, a.title, a.wording, a.date, a.evidence)
        for act in v.activities:
            writer.claim(
                v.id,
                None,
                "activities",
                None,
                act.description,
                ", ".join(facts.name_of(p) for p in act.attendees),
                act.date,
                act.evidence,
            )
    for ev in facts.events.values():
        main = ev.places[0] if ev.places else None
        db.execute(
            "INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                ev.id,
                "event",
                ev.title,
                ev.kind,
                None,
                ev.summary,
                iso_earliest(ev.date.value),
                iso_latest(ev.date.value),
                ev.date.value.text,
                main.city if main else None,
                main.country if main else None,
                ev.file,
            ),
        )
        writer.claim(ev.id, None, "event", None, ev.title, ev.summary, ev.date, ev.evidence)
    for record in facts.items():
        for st in record.statements:
            writer.claim(
                record.id,
                None,
                "statements",
                st.speaker,
                st.said,
                facts.name_of(st.speaker),
                st.date,
                st.evidence,
            )
        for n in record.context:
            writer.claim(record.id, None, "context", None, n.note, n.topic, n.date, n.evidence)


def write_sqlite(facts: FactBase, path: Path) -> None:
    """Write the fact base to a new SQLite file at ``path`` (which must not hold data)."""
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = MEMORY")  # no -journal or -wal file beside it
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        with connection:
            _write_rows(facts, _Writer(connection))
            connection.executemany("INSERT INTO _descriptions VALUES (?,?,?)", description_rows())
            connection.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
            connection.execute("INSERT INTO citations_fts(citations_fts) VALUES ('rebuild')")
        connection.execute("PRAGMA foreign_key_check")
    finally:
        connection.close()
