"""The derived SQLite index: where it lives, how it is kept fresh, and its tables.

The TOML files stay the only source of truth. The index is a cache of them in
the user's cache folder, keyed by the facts directory, and checked against
every file's size, times and inode on each run: a file that changed, appeared
or went away is re-read (only that file), and a file written too recently to
trust its timestamp is re-read again next time. Anything unexpected (a
corrupt, locked, foreign or read-only index) means the caller loads the
files directly instead: the index may be slow to rebuild, never wrong.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import zlib
from pathlib import Path

from factcli import __version__
from factcli.model.files import fact_file_entries

#: Bump when the tables or what goes into them change; an index of another
#: format (or another factcli version) is rebuilt from scratch.
INDEX_FORMAT = "3"
#: How long to wait for another factcli that is updating the same index.
LOCK_WAIT_SECONDS = 5.0

FileStat = tuple[int, int, int, int]


def record_key(namespace: str, record_id: str) -> str:
    """The key a record is stored under: ids are unique only within a namespace."""
    return f"{namespace}:{record_id}"


def index_path(root: Path) -> Path | None:
    """Where the index of ``root`` lives; None when FACTCLI_NO_INDEX is set."""
    if os.environ.get("FACTCLI_NO_INDEX"):
        return None
    cache = os.environ.get("FACTCLI_CACHE_DIR")
    if not cache:
        import platformdirs

        cache = platformdirs.user_cache_dir("factcli", appauthor=False)
    # A checksum, not hashlib: importing hashlib costs every run 3 ms. Two folders
    # whose names collide would only take turns rebuilding: ``matches`` checks
    # the folder an index was built for before anything is read from it.
    checksum = zlib.crc32(os.fsencode(root.resolve()))
    return Path(cache) / f"index-{checksum:08x}.sqlite3"


def scan(root: Path) -> dict[str, FileStat]:
    """Every fact file under ``root`` (relative path) with what freshness is judged by."""
    prefix = len(os.path.join(str(root), ""))
    found: dict[str, FileStat] = {}
    for entry in fact_file_entries(root):
        try:
            stat = entry.stat()
        except OSError:
            continue  # gone since the listing; the index forgets it
        found[entry.path[prefix:]] = (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)
    return found


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode, so every transaction is begun explicitly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -32000")  # 32 MB: index builds sort in memory
    return connection


def identity(root: Path) -> dict[str, str]:
    """What an index records about itself: its format, factcli's version, the folder."""
    return {"format": INDEX_FORMAT, "factcli": __version__, "root": str(root.resolve())}


def matches(connection: sqlite3.Connection, root: Path) -> bool:
    """Whether the index has our tables and was built by this format for this folder."""
    has_meta = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return False
    stored = dict(connection.execute("SELECT key, value FROM meta"))
    return all(stored.get(k) == v for k, v in identity(root).items())


def stale_files(
    connection: sqlite3.Connection, files: dict[str, FileStat]
) -> tuple[list[str], list[str]]:
    """Files that are new or changed, and files that went away, since the index saw them."""
    known = {
        row[0]: tuple(row[1:])
        for row in connection.execute("SELECT path, mtime_ns, size, inode, ctime_ns FROM files")
    }
    changed = [path for path, stat in files.items() if known.get(path) != stat]
    deleted = [path for path in known if path not in files]
    return changed, deleted


def is_clean(connection: sqlite3.Connection) -> bool:
    """Whether the last update found the fact base free of problems."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'clean'").fetchone()
    return row is not None and row[0] == "1"


def remove(path: Path) -> None:
    """Delete an index and its journal, e.g. after finding it corrupt."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")
