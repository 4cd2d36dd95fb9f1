"""The derived SQLite index: where it lives, how it is kept fresh, and its tables.

The TOML files stay the only source of truth. The index is a cache of them in
the user's cache folder, keyed by the facts directory, and checked against
every file's size, times and inode on each run: a file that changed, appeared
or went away is re-read (only that file), and a file written too recently to
trust its timestamps is re-read again next time. Anything unexpected (a
corrupt, locked, foreign or read-only index) means the caller loads the
files directly instead: the index may be slow to rebuild, never wrong.

Every index is sealed with a checksum of its whole file, kept in SQLite's
``user_version`` header field, and checked on every open before anything is
read from it: a damaged index (a flipped byte, a torn write, a tool that wrote
into it) is discarded rather than believed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
import zlib
from pathlib import Path

from factcli import __version__
from factcli.index.cache import FILE_MODE, SUFFIXES, make_folder, open_index_file, sqlite_uri
from factcli.model.files import UnreadableFile, fact_file_entries, read_regular_file

#: Bump when the tables or what goes into them change; an index of another
#: format (or another factcli version) is rebuilt from scratch.
INDEX_FORMAT = "7"
#: How long to wait for another factcli that is updating the same index.
LOCK_WAIT_SECONDS = 0.1  # a blink: longer than that, a run answers from the files
#: How long an update, once written, waits for readers to finish before it commits;
#: a reader holds the index for milliseconds, a ``batch`` for its whole run.
COMMIT_WAIT_SECONDS = 1.0

#: Timestamps are coarser than this on some file systems, so a file changed
#: this recently may change again without its timestamp moving.
RACY_SECONDS = 2.0

#: (mtime_ns, size, inode, ctime_ns): a file whose any of these moved is re-read.
FileStat = tuple[int, int, int, int]


def trusted_stat(stat: FileStat, started: int) -> FileStat:
    """What to remember of a file read by a build that started at ``started`` (ns).

    A file modified or changed (ctime: a rename, a ``cp -p``, an ``mmap`` write)
    within the timestamp granularity of the build may change again without
    any of its times moving, as git's "racy" files: it is remembered with an
    impossible mtime, so the next run reads it again.
    """
    mtime_ns, _, _, ctime_ns = stat
    if is_racy(mtime_ns, ctime_ns, started):
        return (-1, *stat[1:])
    return stat


def is_racy(mtime_ns: int, ctime_ns: int, now_ns: int) -> bool:
    """Whether a file modified or changed at these times is too recent to trust at ``now_ns``."""
    return now_ns - max(mtime_ns, ctime_ns) < RACY_SECONDS * 1e9


def record_key(namespace: str, record_id: str) -> str:
    """The key a record is stored under: ids are unique only within a namespace."""
    return f"{namespace}:{record_id}"


def index_switched_off() -> bool:
    """Whether the user switched the index off: FACTCLI_INDEX=off (or FACTCLI_NO_INDEX set)."""
    setting = os.environ.get("FACTCLI_INDEX", "").strip().lower()
    return setting in ("off", "0", "no", "false") or bool(os.environ.get("FACTCLI_NO_INDEX"))


def index_path(root: Path) -> Path | None:
    """Where the index of ``root`` lives; None when it is switched off."""
    if index_switched_off():
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


def file_key(relative: str) -> str:
    """The index's name for a fact file: its relative path, storable as SQLite text.

    A byte of the name that is not UTF-8 (held by Python as a lone surrogate,
    which SQLite refuses) becomes a NUL and two hex digits: no file name holds
    a NUL, so no other name can take its key.
    """
    if relative.isascii():  # nearly every name, at the cost of a scan of its characters
        return relative
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(
            f"\0{ord(char) - 0xDC00:02x}" if 0xDC80 <= ord(char) <= 0xDCFF else char
            for char in relative
        )
    return relative


def file_name(key: str) -> str:
    """The relative path a ``file_key`` stands for."""
    if "\0" not in key:
        return key
    parts = key.split("\0")
    return parts[0] + "".join(chr(0xDC00 + int(part[:2], 16)) + part[2:] for part in parts[1:])


#: What separates the folders of a relative path here (``/``; on Windows ``\\`` or ``/``).
_SEPARATORS = re.compile("[" + re.escape(os.sep + (os.altsep or "")) + "]")


def file_parts(key: str) -> tuple[str, ...]:
    """What a full load sorts the file with ``key`` by: its path, folder by folder.

    Not SQL's string order of the key: ``a-b/x.toml`` sorts before ``a/y.toml``
    there, and a byte that is not UTF-8 would sort as its NUL escape. The
    parts ``PurePath`` gives, split here without one (a write sorts every
    source's file, and building ten thousand paths took half a second).
    """
    return tuple(part for part in _SEPARATORS.split(file_name(key)) if part)


def scan(root: Path) -> dict[str, FileStat]:
    """Every fact file under ``root`` (by ``file_key``) with what freshness is judged by."""
    prefix = len(os.path.join(str(root), ""))
    found: dict[str, FileStat] = {}
    for entry in fact_file_entries(root):
        try:
            stat = entry.stat()
        except OSError:
            try:
                link = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone since the listing; the index forgets it
            # A link to nowhere is still a fact file, one that cannot be read:
            # the index records its problem, as a full load reports it.
            found[file_key(entry.path[prefix:])] = (-1, -1, link.st_ino, link.st_ctime_ns)
            continue
        stat_ = (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)
        found[file_key(entry.path[prefix:])] = stat_
    return found


class IndexConnection(sqlite3.Connection):
    """A connection that also holds the index file open, to checksum what SQLite reads.

    The descriptor is closed only after the connection: closing any descriptor
    of a file drops every POSIX lock this process holds on it, SQLite's included.
    """

    descriptor = -1
    #: The file as this connection last found it intact or sealed it (``file_state``):
    #: while it is so, checking it again would read every byte to find the same.
    trusted_state = ""

    def close(self) -> None:
        """Close the connection, then the descriptor."""
        super().close()
        if self.descriptor >= 0:
            os.close(self.descriptor)
            self.descriptor = -1

    def __del__(self) -> None:
        """Never leak the descriptor of a connection that was not closed."""
        with contextlib.suppress(Exception):
            self.close()


def connect(path: Path) -> IndexConnection:
    """A connection in autocommit mode, so every transaction is begun explicitly.

    Only to an index this user alone can write (``cache``): ForeignIndex otherwise.
    """
    make_folder(path.parent)
    descriptor = open_index_file(path)
    try:
        connection = sqlite3.connect(
            sqlite_uri(path),
            timeout=LOCK_WAIT_SECONDS,
            isolation_level=None,
            factory=IndexConnection,
            uri=True,
        )
    except BaseException:
        os.close(descriptor)
        raise
    assert isinstance(connection, IndexConnection)  # the factory above
    connection.descriptor = descriptor
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -32000")  # 32 MB: index builds sort in memory
    return connection


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
#: Header fields SQLite rewrites without any change to the content (the change
#: counter, ``user_version`` that holds the seal, the library version): left out
#: of the checksum.
_UNSEALED_HEADER = ((24, 28), (60, 64), (92, 100))
_CHUNK = 1 << 20


def opened_file_is(connection: IndexConnection, path: Path) -> bool:
    """Whether ``path`` still names the file this connection holds open.

    Called inside a read transaction: the descriptor was opened before SQLite
    opened the path, so if the path names it still, SQLite opened it too.
    """
    try:
        held, named = os.fstat(connection.descriptor), os.lstat(path)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def checksum(connection: IndexConnection) -> int:
    """The CRC-32 of the whole index file, as it is now, never 0 (0 means unsealed)."""
    crc = 0
    offset = 0
    while chunk := _read_at(connection.descriptor, offset):
        if offset == 0:
            header = bytearray(chunk)
            for start, end in _UNSEALED_HEADER:
                header[start:end] = bytes(max(0, min(end, len(header)) - start))
            chunk = bytes(header)
        crc = zlib.crc32(chunk, crc)
        offset += len(chunk)
    return crc or 1


def _read_at(descriptor: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(descriptor, _CHUNK, offset)
    os.lseek(descriptor, offset, os.SEEK_SET)  # Windows: no pread; the descriptor is ours alone
    return os.read(descriptor, _CHUNK)


def seal_of(connection: sqlite3.Connection) -> int:
    """The checksum the index was sealed with; 0 if it never was."""
    value: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return value & 0xFFFFFFFF


def seal(connection: IndexConnection) -> None:
    """Record the checksum of the file as it is now; the caller holds the exclusive lock."""
    value = checksum(connection)
    signed = value - (1 << 32) if value >= 1 << 31 else value
    connection.execute(f"PRAGMA user_version = {signed:d}")
    connection.trusted_state = file_state(connection, value)


#: Beside the index: the file's size, times, inode and seal when a whole
#: checksum last matched, so a run finding them all unchanged need not read
#: every byte again (about 10 ms per 20 MB of index).
_CHECKED_SUFFIX = ".checked"
#: More than any stamp ``file_state`` writes.
_STAMP_LIMIT = 200


def file_state(connection: IndexConnection, seal_value: int) -> str:
    """The index file's size, times and inode, with its seal: what ``checked_before`` compares."""
    held = os.fstat(connection.descriptor)
    return f"{held.st_size} {held.st_mtime_ns} {held.st_ctime_ns} {held.st_ino} {seal_value}"


def checked_before(connection: IndexConnection, path: Path, seal_value: int) -> bool:
    """Whether the file is exactly as it was when its checksum last matched ``seal_value``.

    Any write to the file moves its mtime and ctime, so a file whose size,
    times and inode are unchanged holds the bytes that were checked.
    """
    name = Path(f"{path}{_CHECKED_SUFFIX}")
    try:
        stamp = read_regular_file(name, _STAMP_LIMIT, follow_symlinks=False)
        return stamp.decode("ascii") == file_state(connection, seal_value)
    except (OSError, ValueError, UnreadableFile):
        return False


def note_checked(connection: IndexConnection, path: Path, state: str) -> None:
    """Remember that the file in ``state`` (taken before its checksum matched) is intact.

    Not if it changed while being checked, nor if it changed too recently: a
    file written within the timestamp granularity could be written again
    without its times moving (git's "racy" rule), so it is checked in full again.
    """
    with contextlib.suppress(OSError):
        held = os.fstat(connection.descriptor)
        if file_state(connection, int(state.rsplit(" ", 1)[1])) != state:
            return
        if is_racy(held.st_mtime_ns, held.st_ctime_ns, time.time_ns()):
            return
        temp = f"{path}{_CHECKED_SUFFIX}.{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)  # left by a process of the same number that was killed
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | _CLOEXEC
        descriptor = os.open(temp, flags, FILE_MODE)
        try:
            data = state.encode("ascii")
            try:
                complete = os.write(descriptor, data) == len(data)
            finally:
                os.close(descriptor)
            if complete:
                os.replace(temp, f"{path}{_CHECKED_SUFFIX}")
        finally:  # a full disk, or a folder where the stamp should be
            with contextlib.suppress(OSError):
                os.unlink(temp)


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
    connection: sqlite3.Connection, files: dict[str, FileStat], *, just_read: bool = False
) -> tuple[list[str], list[str]]:
    """Files that are new or changed, and files that went away, since the index saw them.

    ``just_read``: this run has just read the files, so one remembered as too
    recent to trust (see ``trusted_stat``) is as fresh as its other fields say.
    """
    known = {
        row[0]: tuple(row[1:])
        for row in connection.execute("SELECT path, mtime_ns, size, inode, ctime_ns FROM files")
    }
    if just_read:
        known = {
            path: (files[path][0], *stat[1:])
            if stat[0] == -1 and path in files and files[path][1:] == stat[1:]
            else stat
            for path, stat in known.items()
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
    for suffix in SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")
