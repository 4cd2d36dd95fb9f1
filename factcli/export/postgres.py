"""Export a fact base as a psql script: schema, data, foreign keys and full-text search.

The script loads in one transaction (``psql -v ON_ERROR_STOP=1 -f facts.sql``)
and replaces the tables of an earlier load, so readers see the old data or
the new, never half of either. Its tables and rows are the SQLite export's
(``tables.py``); PostgreSQL's own full-text search takes the place of FTS5:
a generated ``tsvector`` column, English-stemmed, with a GIN index, on each
table the SQLite export searches (claims and the quotes of citations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TextIO

from factcli.errors import FactcliError
from factcli.export.datasette import TABLES as DESCRIPTIONS
from factcli.export.tables import TABLES, Column, Table, table_rows
from factcli.model.records import FactBase

#: The text search configuration of the ``search`` columns (stems as factcli search does).
TEXT_SEARCH = "english"
#: Right and left single quotation marks, read as apostrophes by the search columns.
TYPOGRAPHIC_APOSTROPHES = "\u2019\u2018"

#: What a backslash and the control characters COPY's text format escapes become.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class PostgresExportError(FactcliError):
    """A value that PostgreSQL cannot store as written."""


def _name(identifier: str) -> str:
    return f'"{identifier}"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column(column: Column) -> str:
    """A column's PostgreSQL declaration; its reference is added after the data."""
    parts = [_name(column.name), column.type]
    if column.primary_key:
        parts.append("PRIMARY KEY")
    if column.not_null:
        parts.append("NOT NULL")
    if column.allowed:
        allowed = ", ".join(_literal(value) for value in column.allowed)
        parts.append(f"CHECK ({_name(column.name)} IN ({allowed}))")
    return " ".join(parts)


def _search_column(table: Table) -> str:
    """The generated ``search`` column: the words of the table's search columns, stemmed.

    PostgreSQL's parser keeps a typographic apostrophe inside a word (``minister’s``
    would not be found by ``minister``), so it reads them as straight ones.
    """
    words = " || ' ' || ".join(f"coalesce({_name(c)}, '')" for c in table.search)
    straight = f"translate({words}, {_literal(TYPOGRAPHIC_APOSTROPHES)}, {_literal(chr(39) * 2)})"
    return (
        f"search tsvector GENERATED ALWAYS AS"
        f" (to_tsvector({_literal(TEXT_SEARCH)}, {straight})) STORED"
    )


def _create(table: Table) -> str:
    columns = [_column(c) for c in table.columns]
    if table.search:
        columns.append(_search_column(table))
    body = ",\n    ".join(columns)
    return f"CREATE TABLE {table.name} (\n    {body}\n);\n"


def _copy_value(value: Any, table: str, number: int, column: Column) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    if "\x00" in text:
        raise PostgresExportError(
            f"PostgreSQL export: {table} row {number}, column {column.name}"
            " holds a NUL character (\\u0000)"
        )
    return text.translate(_COPY_ESCAPES)


def _copy_lines(facts: FactBase, step: Callable[[], object] | None) -> dict[str, list[str]]:
    """Every table's rows as the tab-separated lines of ``COPY ... FROM stdin``."""
    lines: dict[str, list[str]] = {table.name: [] for table in TABLES}
    columns = {table.name: table.columns for table in TABLES}
    for name, row in table_rows(facts, step):
        rows = lines[name]
        cells = (
            _copy_value(value, name, len(rows) + 1, column)
            for column, value in zip(columns[name], row, strict=True)
        )
        rows.append("\t".join(cells) + "\n")
    return lines


def _constraints_and_indexes(table: Table) -> Iterator[str]:
    for column in table.columns:
        if column.references:
            yield (
                f"ALTER TABLE {table.name} ADD FOREIGN KEY ({_name(column.name)})"
                f" REFERENCES {column.references} (id);\n"
            )
    for name, column_name in table.indexes:
        yield f"CREATE INDEX {name} ON {table.name} ({_name(column_name)});\n"
    if table.search:
        yield f"CREATE INDEX {table.name}_search ON {table.name} USING gin (search);\n"


def _comments(table: Table) -> Iterator[str]:
    doc = DESCRIPTIONS[table.name]
    yield f"COMMENT ON TABLE {table.name} IS {_literal(doc.description)};\n"
    for column, text in doc.columns.items():
        yield f"COMMENT ON COLUMN {table.name}.{_name(column)} IS {_literal(text)};\n"


def postgres_script(facts: FactBase, step: Callable[[], object] | None = None) -> Iterator[str]:
    """The whole fact base as a psql script that loads it in one transaction, in pieces.

    ``step``, if given, is called as each record's claims are written (see ``table_rows``).
    """
    lines = _copy_lines(facts, step)
    yield (
        "-- A factcli fact base for PostgreSQL (factcli export --format postgres).\n"
        "-- Load it with: psql -v ON_ERROR_STOP=1 -d DATABASE -f THIS_FILE\n"
        "-- One transaction: it replaces the tables of an earlier load, or changes nothing.\n"
        "\\set ON_ERROR_STOP on\n"
        "SET client_encoding = 'UTF8';\n"
        "SET client_min_messages = warning;\n"
        "BEGIN;\n"
        f"DROP TABLE IF EXISTS {', '.join(t.name for t in reversed(TABLES))};\n"
    )
    yield from (_create(table) for table in TABLES)
    for table in TABLES:
        names = ", ".join(_name(c.name) for c in table.columns)
        yield f"COPY {table.name} ({names}) FROM stdin;\n"
        yield from lines.pop(table.name)
        yield "\\.\n"
    for table in TABLES:
        yield from _constraints_and_indexes(table)
        yield from _comments(table)
    yield "COMMIT;\n"


def write_postgres(facts: FactBase, out: TextIO, step: Callable[[], object] | None = None) -> None:
    """Write the psql script of ``postgres_script`` to ``out``."""
    out.writelines(postgres_script(facts, step))
