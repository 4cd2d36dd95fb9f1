"""Open the index of a facts directory: fresh, brought up to date, or not at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcli.index.indexed import IndexedFacts
from factcli.index.store import (
    FileStat,
    connect,
    index_path,
    is_clean,
    matches,
    remove,
    scan,
    stale_files,
)

#: SQLite's primary result codes for a damaged file or one that is not a database.
_CORRUPT_CODES = {11, 26}


def open_index(root: Path) -> IndexedFacts | None:
    """An up-to-date index of ``root`` to answer from, or None to load the files instead.

    None means: indexing is switched off, the fact base has problems (a full
    load reports them), or the index cannot be used right now (locked by
    another run, read-only, unopenable). A corrupt index is deleted and rebuilt.
    """
    path = index_path(root)
    if path is None:
        return None
    files = scan(root)  # a missing or unreadable folder fails here, as a full load would
    for attempt in (1, 2):
        try:
            return _open(path, root, files)
        except sqlite3.DatabaseError as error:
            code = getattr(error, "sqlite_errorcode", 0) & 0xFF
            if attempt == 1 and (code in _CORRUPT_CODES or "not a database" in str(error)):
                remove(path)
                continue
            return None
        except OSError:
            return None
    return None


def _open(path: Path, root: Path, files: dict[str, FileStat]) -> IndexedFacts | None:
    connection = connect(path)
    try:
        connection.execute("BEGIN")
        if not _fresh(connection, root, files):
            connection.execute("COMMIT")
            connection.execute("BEGIN IMMEDIATE")
            _refresh(connection, root, files)
            connection.execute("COMMIT")
            connection.execute("BEGIN")
        if is_clean(connection):
            return IndexedFacts(connection, root)
    except BaseException:
        connection.close()
        raise
    connection.close()
    return None


def _fresh(connection: sqlite3.Connection, root: Path, files: dict[str, FileStat]) -> bool:
    if not matches(connection, root):
        return False
    changed, deleted = stale_files(connection, files)
    return not changed and not deleted


def _refresh(connection: sqlite3.Connection, root: Path, files: dict[str, FileStat]) -> None:
    """Update under the write lock, after looking again: another run may have done it."""
    from factcli.index.writing import rebuild_schema, update

    if not matches(connection, root):
        rebuild_schema(connection, root)
    changed, deleted = stale_files(connection, files)
    if changed or deleted:
        update(connection, root, files, changed, deleted)
