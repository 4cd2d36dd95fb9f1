"""Writing the index: its tables, and bringing them up to date with the files.

Only a run that finds the index missing or stale imports this (and, through
it, the TOML parser and the validator); a fresh index is read without them.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from factcli.index.reading import FileReading, read_files
from factcli.index.rows import COLUMNS
from factcli.index.store import FileStat, file_parts, identity, trusted_stat
from factcli.query.text import fold
from factcli.render.progress import Ticker

#: Rows read and written at a time where a whole table would not fit in memory.
_SLICE = 10_000
#: The first rowid of a file's searchable fields; name documents take the rowids below it.
#: Never negative rowids: SQLite's FTS5 (3.40.1 at least) writes past a buffer, and
#: aborts the process, when a prefix query merges the rowids of a term found only in
#: rows below 0 with those of a term found only in rows above (found at 100,000 visits).
FIELD_DOCS_FROM = 1 << 40
#: A name document's rowid in ``docs``, from its ``id`` in ``name_docs`` (SQL).
_NAME_DOC_ID = f"{FIELD_DOCS_FROM} - id"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, inode INTEGER, ctime_ns INTEGER,
    problems INTEGER NOT NULL, first_doc INTEGER, last_doc INTEGER
);
CREATE TABLE records (
    key TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
    data TEXT NOT NULL, earliest TEXT, latest TEXT, folded_id TEXT, file TEXT NOT NULL
);
CREATE TABLE refs (owner TEXT NOT NULL, target TEXT NOT NULL, file TEXT NOT NULL);
CREATE TABLE places (
    owner TEXT NOT NULL, country TEXT NOT NULL, city TEXT NOT NULL, file TEXT NOT NULL
);
CREATE TABLE name_docs (
    id INTEGER PRIMARY KEY, name_ref TEXT NOT NULL, owner TEXT NOT NULL, section TEXT NOT NULL,
    field TEXT NOT NULL, sources TEXT NOT NULL, kind TEXT NOT NULL, file TEXT NOT NULL
);
-- Each source's number [n]: its place in the order a full load reads the files.
CREATE TABLE bibliography (id TEXT NOT NULL, position INTEGER NOT NULL);
-- Every searchable field. Name documents take the ids below FIELD_DOCS_FROM, under their
-- current name.
CREATE TABLE docs (
    id INTEGER PRIMARY KEY, body TEXT NOT NULL, text TEXT NOT NULL, owner TEXT NOT NULL,
    section TEXT NOT NULL, field TEXT NOT NULL, sources TEXT NOT NULL, kind TEXT NOT NULL
);
-- External content: the matching rows are read from docs, which is several times
-- faster than FTS5 fetching its own stored columns row by row.
CREATE VIRTUAL TABLE docs_fts USING fts5 (
    body, content = 'docs', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
    -- Queries are ANDs of prefix terms, ranked in Python: no positions, no sizes.
    detail = none, columnsize = 0
)
"""
#: Created after a bulk load rather than kept up to date row by row.
_INDEXES = """
CREATE INDEX IF NOT EXISTS records_by_key ON records (key);
CREATE INDEX IF NOT EXISTS records_by_file ON records (file);
CREATE INDEX IF NOT EXISTS records_by_folded_id ON records (folded_id) WHERE folded_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS refs_by_owner ON refs (owner);
CREATE INDEX IF NOT EXISTS refs_by_target ON refs (target);
CREATE INDEX IF NOT EXISTS refs_by_file ON refs (file);
CREATE INDEX IF NOT EXISTS places_by_owner ON places (owner);
CREATE INDEX IF NOT EXISTS places_by_file ON places (file);
CREATE INDEX IF NOT EXISTS name_docs_by_ref ON name_docs (name_ref);
CREATE INDEX IF NOT EXISTS name_docs_by_file ON name_docs (file);
CREATE INDEX IF NOT EXISTS bibliography_by_id ON bibliography (id)
"""
_TABLES = (
    "meta",
    "files",
    "records",
    "refs",
    "places",
    "name_docs",
    "bibliography",
    "docs_fts",
    "docs",
)


def rebuild_schema(connection: sqlite3.Connection, root: Path) -> None:
    """Drop whatever is there and create empty tables (inside the caller's transaction)."""
    for table in _TABLES:
        connection.execute(f"DROP TABLE IF EXISTS {table}")
    _run_script(connection, _SCHEMA)
    connection.executemany("INSERT INTO meta VALUES (?, ?)", identity(root).items())


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    # executescript() would commit the caller's transaction; run statements one by one.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def update(
    connection: sqlite3.Connection,
    root: Path,
    files: dict[str, FileStat],
    changed: list[str],
    deleted: list[str],
) -> None:
    """Bring the index up to date with ``files``, re-reading only the changed ones."""
    started = time.time_ns()
    gone = [*changed, *deleted]
    renamed = _forget(connection, gone)
    next_doc = connection.execute(
        f"SELECT max(coalesce(max(id), 0) + 1, {FIELD_DOCS_FROM}) FROM docs"
    ).fetchone()[0]
    # One step per file, and a last one for the indexes and the checks across files.
    ticker = Ticker(len(changed) + 1, "Indexing the fact files")
    try:
        for path, reading in zip(changed, read_files(root, changed), strict=True):
            entity_keys, next_doc = _store(
                connection, path, files[path], reading, started, next_doc
            )
            renamed |= entity_keys
            ticker.advance()
        _run_script(connection, _INDEXES)
        _index_names(connection, changed, renamed)
        _number_sources(connection)
        connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('clean', ?)",
            ("1" if _no_problems(connection) else "0",),
        )
        ticker.advance()
    finally:
        ticker.close()


def _number_sources(connection: sqlite3.Connection) -> None:
    """Number every source once per write, so that an answer looks up only its own sources."""
    connection.execute("DELETE FROM bibliography")
    sources = connection.execute(
        "SELECT id, file, rowid FROM records WHERE key LIKE 'source:%'"
    ).fetchall()
    sources.sort(key=lambda row: (file_parts(row[1]), row[2]))  # as a full load reads them
    connection.executemany(
        "INSERT INTO bibliography (id, position) VALUES (?, ?)",
        ((row[0], position) for position, row in enumerate(sources, start=1)),
    )


def _forget(connection: sqlite3.Connection, paths: list[str]) -> set[str]:
    """Delete what these files added; the keys of the people and orgs they defined."""
    entity_keys: set[str] = set()
    for path in paths:
        entity_keys.update(
            row[0]
            for row in connection.execute(
                "SELECT key FROM records WHERE file = ? AND key LIKE 'entity:%'", (path,)
            )
        )
        _drop_docs(
            connection,
            "id BETWEEN (SELECT first_doc FROM files WHERE path = ?)"
            " AND (SELECT last_doc FROM files WHERE path = ?)",
            (path, path),
        )
        _drop_docs(
            connection, f"id IN (SELECT {_NAME_DOC_ID} FROM name_docs WHERE file = ?)", (path,)
        )
        for table in ("records", "refs", "places", "name_docs"):
            connection.execute(f"DELETE FROM {table} WHERE file = ?", (path,))
        connection.execute("DELETE FROM files WHERE path = ?", (path,))
    return entity_keys


def _store(
    connection: sqlite3.Connection,
    path: str,
    stat: FileStat,
    reading: FileReading,
    started: int,
    next_doc: int,
) -> tuple[set[str], int]:
    """Write one file's rows; the people and orgs it defines, and the next doc rowid."""
    entity_keys: set[str] = set()
    first_doc = next_doc
    rows = reading.rows
    if rows is not None:
        tables: list[tuple[str, list[tuple[Any, ...]]]] = [
            ("records", list(rows.records)),
            ("refs", list(rows.refs)),
            ("places", list(rows.places)),
            ("name_docs", list(rows.name_docs)),
        ]
        for table, table_rows in tables:
            if table_rows:
                columns = (*COLUMNS[table], "file")
                marks = ", ".join("?" * len(columns))
                connection.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                    ((*row, path) for row in table_rows),
                )
        _add_docs(connection, ((first_doc + n, *row) for n, row in enumerate(rows.docs)))
        next_doc += len(rows.docs)
        entity_keys = {row[0] for row in rows.records if row[0].startswith("entity:")}
    connection.execute(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (path, *trusted_stat(stat, started), reading.problems, first_doc, next_doc - 1),
    )
    return entity_keys, next_doc


def _index_names(connection: sqlite3.Connection, changed: list[str], renamed: set[str]) -> None:
    """Full-text rows, under their current name, for name documents that are new or renamed.

    They take the rowids below ``FIELD_DOCS_FROM``, counting down (see ``_NAME_DOC_ID``),
    so they never collide with the per-file ranges above it.
    """
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS dirty (id INTEGER PRIMARY KEY)")
    connection.execute("DELETE FROM dirty")
    connection.executemany(
        "INSERT OR IGNORE INTO dirty SELECT id FROM name_docs WHERE file = ?",
        ((p,) for p in changed),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO dirty SELECT id FROM name_docs WHERE name_ref = ?",
        ((k,) for k in renamed),
    )
    _drop_docs(connection, f"id IN (SELECT {_NAME_DOC_ID} FROM temp.dirty)", ())
    cursor = connection.execute(
        f"SELECT {FIELD_DOCS_FROM} - d.id, COALESCE(e.name, substr(d.name_ref, 8)), d.owner,"
        " d.section, d.field,"
        " d.sources, d.kind FROM dirty JOIN name_docs d ON d.id = dirty.id"
        " LEFT JOIN records e ON e.key = d.name_ref"
        # FTS5 flushes its pending terms whenever a rowid is not above the last one.
        " ORDER BY d.id DESC"
    )
    # In slices: a first build has a name document for every mention of every
    # person, over a million at 100,000 visits, too many to hold at once.
    while rows := cursor.fetchmany(_SLICE):
        _add_docs(connection, ((rowid, fold(name), name, *rest) for rowid, name, *rest in rows))


def _add_docs(connection: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """Store searchable fields (rows of ``docs``, in ascending id order) and index their words."""
    stored = list(rows)
    connection.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stored)
    connection.executemany(
        "INSERT INTO docs_fts (rowid, body) VALUES (?, ?)", ((row[0], row[1]) for row in stored)
    )


def _drop_docs(connection: sqlite3.Connection, condition: str, params: tuple[Any, ...]) -> None:
    """Delete searchable fields; an external-content index must be told each one's words."""
    connection.execute(
        f"INSERT INTO docs_fts (docs_fts, rowid, body) SELECT 'delete', id, body FROM docs"
        f" WHERE {condition}",
        params,
    )
    connection.execute(f"DELETE FROM docs WHERE {condition}", params)


def _no_problems(connection: sqlite3.Connection) -> bool:
    """No file with problems, no id defined twice, no reference to a missing id."""
    return not connection.execute(
        "SELECT EXISTS (SELECT 1 FROM files WHERE problems > 0)"
        " OR EXISTS (SELECT key FROM records GROUP BY key HAVING count(*) > 1)"
        " OR EXISTS (SELECT 1 FROM refs r WHERE r.target NOT LIKE 'party:%' AND NOT EXISTS"
        "   (SELECT 1 FROM records x WHERE x.key = r.target))"
    ).fetchone()[0]
