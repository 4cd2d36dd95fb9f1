"""Open the index of a facts directory: fresh, brought up to date, or not at all.

An index is believed only after its seal (a checksum of the whole file) is
checked inside the read transaction that answers from it. A damaged index, or
one that fails while answering, is discarded with one line on stderr and the
answer comes from a rebuild or from the files themselves: never a wrong
answer, never an index that stays broken.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from factcli.index.cache import ForeignIndex, clear_paths
from factcli.index.indexed import IndexedFacts
from factcli.index.store import (
    COMMIT_WAIT_SECONDS,
    LOCK_WAIT_SECONDS,
    FileStat,
    IndexConnection,
    checked_before,
    checksum,
    connect,
    file_state,
    index_path,
    is_clean,
    matches,
    note_checked,
    opened_file_is,
    remove,
    scan,
    seal,
    seal_of,
    stale_files,
)
from factcli.model.records import Entity, FactBase, Visit
from factcli.process import signals_held
from factcli.query.access import FactsAccess, Record
from factcli.query.entities import Appearance, EntityKind
from factcli.query.search import SearchHit
from factcli.query.visits import VisitFilter
from factcli.query.words import Query
from factcli.safe import printable

#: SQLite's primary result codes for an I/O error, a damaged file, or one that is not a database.
_DAMAGE_CODES = {10, 11, 26}
#: How often to look again when other runs keep changing the index in between.
_ROUNDS = 3


class IndexDamaged(Exception):
    """The index file does not hold what was sealed into it."""


class _Replaced(Exception):
    """The index file was replaced by another run while this one opened it."""


def open_index(root: Path) -> IndexedFacts | None:
    """An up-to-date index of ``root`` to answer from, or None to load the files instead.

    None means: indexing is switched off, the fact base has problems (a full
    load reports them), or the index cannot be used right now (locked by
    another run, read-only, unopenable). A damaged index is discarded and rebuilt.
    """
    path = index_path(root)
    if path is None:
        return None
    files = scan(root)  # a missing or unreadable folder fails here, as a full load would
    for attempt in (1, 2):
        try:
            for note in clear_paths(path):
                warn(note)
            return _open(path, root, files)
        except ForeignIndex as odd:
            warn(f"{odd}; answering from the fact files")
            return None
        except IndexDamaged as damage:
            reason = str(damage)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                return None
            reason = str(error)
        except (ValueError, LookupError, TypeError) as error:
            # What SQLite hands back from a damaged header need not even decode.
            reason = f"{type(error).__name__}: {error}"
        except (OSError, sqlite3.Error, _Replaced):
            return None
        if attempt == 2 or not discard(path, reason):
            return None
    return None


def is_damage(error: sqlite3.Error) -> bool:
    """Whether an SQLite error means the file is damaged, rather than busy or unwritable."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    text = str(error)
    return code in _DAMAGE_CODES or "not a database" in text or "malformed" in text


def discard(path: Path, reason: str) -> bool:
    """Delete a damaged index, saying so in one line; False if it cannot be deleted."""
    # SQLite quotes what it could not parse of a damaged schema: one short line of it.
    reason = printable(reason if len(reason) <= 80 else reason[:77] + "...")
    try:
        remove(path)
    except OSError as error:
        warn(
            f"the index {printable(str(path))} is damaged ({reason}) and cannot be removed"
            f" ({error.strerror or error}); answering from the fact files"
        )
        return False
    warn(f"discarded a damaged index ({reason}): {printable(str(path))}")
    return True


def warn(message: str) -> None:
    """One line on stderr."""
    print(f"factcli: {message}", file=sys.stderr)


def _open(path: Path, root: Path, files: dict[str, FileStat]) -> IndexedFacts | None:
    connection = connect(path)
    just_read = False
    try:
        for _ in range(_ROUNDS):
            connection.execute("BEGIN")
            # Every check is made again after every BEGIN: between two transactions
            # another run (of this folder, or of one whose cache name collides) may
            # have rewritten the index.
            sealed = _check_seal(connection, path)
            if sealed and _fresh(connection, root, files, just_read):
                if is_clean(connection):
                    return IndexedFacts(connection, root)
                break
            connection.execute("COMMIT")
            _write(connection, path, root, files)
            just_read = True
    except BaseException:
        connection.close()
        raise
    connection.close()
    return None


def _check_seal(connection: IndexConnection, path: Path) -> bool:
    """True if sealed and intact, False if never sealed; IndexDamaged if it does not match.

    Called inside a transaction: reading the seal takes the shared lock, so no
    other run can commit until this one is done with what was checked.
    """
    stored = seal_of(connection)
    if not opened_file_is(connection, path):
        raise _Replaced()
    if stored == 0:
        return False
    state = file_state(connection, stored)
    if connection.trusted_state == state:
        return True  # this run checked or sealed it, and nothing has written to it since
    if checked_before(connection, path, stored):
        return True
    if checksum(connection) != stored:
        raise IndexDamaged("checksum mismatch")
    connection.trusted_state = state
    note_checked(connection, path, state)
    return True


def _fresh(
    connection: sqlite3.Connection, root: Path, files: dict[str, FileStat], just_read: bool
) -> bool:
    if not matches(connection, root):
        return False
    changed, deleted = stale_files(connection, files, just_read=just_read)
    return not changed and not deleted


def _write(connection: IndexConnection, path: Path, root: Path, files: dict[str, FileStat]) -> None:
    """Update under the write lock, after looking again: another run may have done it.

    The exclusive lock is kept from the first write until the file is sealed,
    so no run ever reads the new content under the old seal.
    """
    from factcli.index.writing import rebuild_schema, update

    connection.execute("PRAGMA locking_mode = EXCLUSIVE")
    try:
        connection.execute("BEGIN IMMEDIATE")  # another run updating: not waited for long
        connection.execute(f"PRAGMA busy_timeout = {int(COMMIT_WAIT_SECONDS * 1000)}")
        try:
            sealed = _check_seal(connection, path)
            rebuilt = not sealed or not matches(connection, root)
            if rebuilt:
                rebuild_schema(connection, root)
            changed, deleted = stale_files(connection, files)
            updated = bool(rebuilt or changed or deleted)
            if updated:
                update(connection, root, files, changed, deleted)
            # A signal between the commit and the seal would leave new content under
            # the old seal, taken for damage by the next run: it waits for both.
            with signals_held():
                connection.execute("COMMIT")
                if updated:
                    seal(connection)
            if updated:
                # Remembered as checked now, unless too recent to trust (as ever, so far).
                note_checked(connection, path, connection.trusted_state)
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    finally:
        # The lock is let go at the next access, the caller's next BEGIN.
        connection.execute("PRAGMA locking_mode = NORMAL")
        connection.execute(f"PRAGMA busy_timeout = {int(LOCK_WAIT_SECONDS * 1000)}")


T = TypeVar("T")


class GuardedIndex(FactsAccess):
    """Answers from the index; on any error while reading it, discards it and asks the files."""

    #: What a damaged or unreadable index can raise while answering.
    READ_ERRORS = (sqlite3.Error, OSError, ValueError, LookupError, TypeError)

    def __init__(self, indexed: IndexedFacts, fallback: Callable[[], FactsAccess]) -> None:
        """Answer from ``indexed``, or from ``fallback()`` once the index has failed."""
        self.indexed = indexed
        self.fallback = fallback
        self.replaced: FactsAccess | None = None

    def _ask(self, question: Callable[[FactsAccess], T]) -> T:
        if self.replaced is not None:
            return question(self.replaced)
        try:
            return question(self.indexed)
        except self.READ_ERRORS as error:
            self.indexed.close()
            path = index_path(self.indexed.root)
            if path is not None:
                discard(path, f"{type(error).__name__}: {error}")
            self.replaced = self.fallback()
            return question(self.replaced)

    def close(self) -> None:
        """Release the index (and whatever answered instead)."""
        self.indexed.close()
        if self.replaced is not None:
            self.replaced.close()

    def everything(self) -> FactBase:
        """The whole fact base."""
        return self._ask(lambda access: access.everything())

    def record_ids(self) -> list[str]:
        """The id of every visit and event."""
        return self._ask(lambda access: access.record_ids())

    def registry(self) -> FactBase:
        """Every person and organisation."""
        return self._ask(lambda access: access.registry())

    def record(self, record_id: str) -> tuple[FactBase, Record]:
        """One visit or event by id."""
        return self._ask(lambda access: access.record(record_id))

    def visits(self, criteria: VisitFilter) -> tuple[FactBase, list[Visit]]:
        """Visits meeting the criteria."""
        return self._ask(lambda access: access.visits(criteria))

    def timeline(self, criteria: VisitFilter) -> tuple[FactBase, list[Record]]:
        """Visits and events meeting the criteria."""
        return self._ask(lambda access: access.timeline(criteria))

    def entity(self, name: str, kind: EntityKind) -> tuple[FactBase, Entity, list[Appearance]]:
        """The one entity a name means and everywhere it appears."""
        return self._ask(lambda access: access.entity(name, kind))

    def search(self, text: Query | str, limit: int) -> tuple[FactBase, list[SearchHit]]:
        """Ranked full-text hits for a query."""
        return self._ask(lambda access: access.search(text, limit))
