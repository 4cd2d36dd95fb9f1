"""Export a fact base to SQLite: one table per record kind, with foreign keys and FTS.

Opens in ``sqlite3`` and Datasette: tables and columns carry descriptions in
a ``_descriptions`` table (and in Datasette's metadata, see ``datasette.py``),
and every claim's citations are rows of ``citations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from factcli.errors import FactcliError
from factcli.export.tables import TABLES, Column, Table, table_rows
from factcli.model.records import FactBase


def _column(column: Column) -> str:
    """A column's SQLite declaration."""
    parts = [f'"{column.name}" {column.type.upper()}']
    if column.primary_key:
        parts.append("PRIMARY KEY")
    if column.not_null:
        parts.append("NOT NULL")
    if column.allowed:
        allowed = ", ".join(f"'{value}'" for value in column.allowed)
        parts.append(f'CHECK ("{column.name}" IN ({allowed}))')
    if column.references:
        parts.append(f"REFERENCES {column.references}(id)")
    return " ".join(parts)


def _full_text(table: Table) -> str:
    """The FTS5 table that searches ``table``'s search columns, kept in step by 'rebuild'."""
    # content="table" in double quotes: the form Datasette recognises as the table's search.
    options = [*table.search, f'content="{table.name}"']
    rowid = next((c for c in table.columns if c.primary_key and c.type == "integer"), None)
    if rowid is not None:
        options.append(f'content_rowid="{rowid.name}"')
    return f"CREATE VIRTUAL TABLE {table.name}_fts USING fts5({', '.join(options)});"


def sqlite_schema() -> str:
    """The export's tables, indexes and full-text tables, in SQLite's dialect."""
    statements = []
    for table in TABLES:
        columns = ",\n    ".join(_column(c) for c in table.columns)
        statements.append(f"CREATE TABLE {table.name} (\n    {columns}\n);")
    for table in TABLES:
        statements += [f"CREATE INDEX {name} ON {table.name}({c});" for name, c in table.indexes]
    statements += [_full_text(table) for table in TABLES if table.search]
    return "\n".join(statements) + "\n"


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


def write_sqlite(facts: FactBase, path: Path, step: Callable[[], object] | None = None) -> None:
    """Write the fact base to a new SQLite file at ``path`` (which must not hold data).

    ``step``, if given, is called as each record's claims are written (see ``table_rows``).
    """
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = MEMORY")  # no -journal or -wal file beside it
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(sqlite_schema())
        inserts = {
            table.name: f"INSERT INTO {table.name} VALUES ({','.join('?' * len(table.columns))})"
            for table in TABLES
        }
        try:
            with connection:
                for table_name, row in table_rows(facts, step):
                    connection.execute(inserts[table_name], row)
                for table in TABLES:
                    if table.search:
                        fts = f"{table.name}_fts"
                        connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        except sqlite3.IntegrityError as error:  # foreign keys are on: a dangling reference
            raise ExportCheckError(f"SQLite export: {error} (a reference to nothing)") from None
        _check(connection)
    finally:
        connection.close()
