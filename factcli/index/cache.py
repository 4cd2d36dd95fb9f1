"""The cache folder is the user's own: what may stand at an index's paths.

A checksum seal proves an index undamaged, not that no one else wrote it: a
file others can write could be forged and sealed again. So an index (and its
journal and ``.checked`` stamp) is opened only if it is a regular file, owned
by the user running factcli, that no other user can write, reached without a
symbolic link. Anything else at those paths (a named pipe, a directory, a
link, another user's file) is removed when it stands in the user's own cache
folder, with one line on stderr, and a fresh index takes its place;
elsewhere the answer comes from the fact files. Nothing there is ever read
or waited on. The cache folder is created private (0700), the index 0600.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from factcli.model.files import kind_of
from factcli.safe import printable

#: The index file and what SQLite and factcli keep beside it.
SUFFIXES = ("", "-journal", "-wal", "-shm", ".checked")
#: The permissions of a new cache folder, and of a new index file.
FOLDER_MODE = 0o700
FILE_MODE = 0o600


class ForeignIndex(Exception):
    """Something at an index's paths that must not be opened; the message says what."""


def make_folder(folder: Path) -> None:
    """Create the cache folder (and its parents) if missing; the folder itself private."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)


def untrusted(info: os.stat_result) -> str | None:
    """Why a file with this status cannot be part of an index; None if it can."""
    if not stat.S_ISREG(info.st_mode):
        return f"is {kind_of(info.st_mode)}"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return f"is owned by another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return "can be written by other users"
    return None


def clear_paths(path: Path) -> list[str]:
    """Remove whatever odd stands at the index's paths; what was removed, one line each.

    ForeignIndex when something odd cannot be removed, or stands in a folder
    that is not the user's own (there, it may be another user's file).
    """
    removed = []
    for suffix in SUFFIXES:
        name = f"{path}{suffix}"
        try:
            info = os.lstat(name)
        except FileNotFoundError:
            continue
        reason = untrusted(info)
        if reason is None:
            continue
        if not _own_folder(path.parent) or not _remove(name, info):
            raise ForeignIndex(f"{printable(name)} {reason}")
        removed.append(f"removed what stood at the index's path: {printable(name)} {reason}")
    return removed


def _own_folder(folder: Path) -> bool:
    """Whether ``folder`` belongs to this user and no one else can write in it."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    own = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    return own and not info.st_mode & 0o022


def _remove(name: str, info: os.stat_result) -> bool:
    """Remove a file, link or empty folder; False if that cannot be done."""
    try:
        if stat.S_ISDIR(info.st_mode):
            os.rmdir(name)
        else:
            os.unlink(name)
    except OSError:
        return False
    return True


def open_index_file(path: Path) -> int:
    """A descriptor of the index file, created if missing; ForeignIndex if it is not trusted.

    Opened without following a link and without blocking on a named pipe, and
    checked once open, so what is checked is what SQLite is compared against.
    """
    flags = (
        os.O_RDONLY
        | os.O_CREAT
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        descriptor = os.open(path, flags, FILE_MODE)
    except OSError:
        if os.path.islink(path):
            raise ForeignIndex(f"{printable(str(path))} is a symbolic link") from None
        raise
    reason = untrusted(os.fstat(descriptor))
    if reason is not None:
        os.close(descriptor)
        raise ForeignIndex(f"{printable(str(path))} {reason}")
    return descriptor


def sqlite_uri(path: Path) -> str:
    """The URI SQLite opens the index by: never through a symbolic link."""
    quoted = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?nofollow=1"
