"""Which files under a facts directory are fact files.

Kept apart from the loader so that checking an index for freshness, which
lists and stats the files on every run, does not import the parser.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from factcli.errors import FactsDirError

#: Files that live beside the facts and are not facts: editor configuration,
#: the search thesaurus and the coverage ledger (model/ledger.py).
IGNORED_FILE_NAMES = frozenset(
    {"taplo.toml", ".taplo.toml", "pyproject.toml", "thesaurus.toml", "coverage.toml"}
)


#: The most read of each kind of file, in bytes; anything larger is refused unread.
#: Fact files and the coverage ledger: ``loader.MAX_FILE_BYTES`` (1 MiB).
#: A thesaurus is hand-written too; an archived article is a news text.
MAX_THESAURUS_BYTES = 1024 * 1024
MAX_ARCHIVE_BYTES = 8 * 1024 * 1024


class UnreadableFile(Exception):
    """A fact file that cannot be read: its message says why, in words for the user."""


class VanishedFile(UnreadableFile):
    """A file that is no longer there (deleted since it was listed), and was not a link."""


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words: "a named pipe (FIFO)"."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return next((name for test, name in _KINDS if test(mode)), "an unknown kind of file")


def read_regular_file(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; UnreadableFile otherwise.

    The file is opened without blocking (a named pipe with no writer would
    wait forever) and checked after opening, so what is read is what was
    checked; no more than ``limit + 1`` bytes are ever read, whatever the
    file claims its size is (``/dev/zero`` never ends).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        if path.is_symlink():
            raise UnreadableFile(f"symbolic link to a missing file ({os.readlink(path)})") from None
        raise VanishedFile("cannot read: No such file or directory") from None
    except OSError as error:
        raise UnreadableFile(f"cannot read: {error.strerror or error}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableFile(f"is {kind_of(mode)}, not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise UnreadableFile(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise UnreadableFile(f"file is {max(size, _size(path))} bytes; the limit is {limit}")
    return b"".join(chunks)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


#: A folder's device and inode, which tell whether two paths reach the same folder.
_FolderId = tuple[int, int]
#: A folder to list, and the ids of itself and every folder above it.
_Folder = tuple[str, frozenset[_FolderId]]


def discover(root: Path) -> list[Path]:
    """Every fact file under ``root``, sorted; refuse a missing or unusable directory."""
    return sorted(Path(entry.path) for entry in fact_file_entries(root))


def fact_file_entries(root: Path) -> Iterator[os.DirEntry[str]]:
    """A directory entry for every fact file under ``root``, unsorted.

    Entries rather than paths, so a caller that stats every file (the index's
    freshness check, on every run) lets ``os.scandir`` cache the result.
    Hidden folders are skipped. Anything named like a fact file is one, a
    folder or a pipe included, so that reading it reports it. Symbolic links
    are followed: a folder reached twice (``visits-alias -> visits``) is read
    once, by its real path when it has one; a link to a folder it lies in is
    a loop, an error rather than an endless walk.
    """
    if not root.exists():
        raise FactsDirError(f"{root}: facts directory does not exist")
    if not root.is_dir():
        raise FactsDirError(f"{root}: is not a directory")
    if not os.access(root, os.R_OK | os.X_OK):
        raise FactsDirError(f"{root}: facts directory is not readable")
    top = os.stat(root)
    seen_dirs = {(top.st_dev, top.st_ino)}
    pending: list[_Folder] = [(str(root), frozenset(seen_dirs))]
    linked: list[tuple[os.DirEntry[str], frozenset[_FolderId]]] = []
    while pending or linked:
        if not pending:  # real folders first, so a link never takes a folder's own path
            link, above = linked.pop()
            identity = _folder_id(link)
            if identity in above:
                raise FactsDirError(f"{link.path}: symbolic link loop in the facts directory")
            if identity is not None and identity not in seen_dirs:
                seen_dirs.add(identity)
                pending.append((link.path, above | {identity}))
            continue
        directory, above = pending.pop()
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.name.endswith(".toml"):
                        if entry.name not in IGNORED_FILE_NAMES:
                            yield entry
                    elif not entry.is_dir() or entry.name.startswith("."):
                        continue
                    elif entry.is_symlink():
                        linked.append((entry, above))
                    elif (identity := _folder_id(entry)) not in seen_dirs and identity:
                        seen_dirs.add(identity)
                        pending.append((entry.path, above | {identity}))
        except OSError as error:
            raise FactsDirError(
                f"{error.filename or directory}: {error.strerror or error}"
            ) from None


def _folder_id(entry: os.DirEntry[str]) -> _FolderId | None:
    """The device and inode of a folder; None if it went away since it was listed."""
    try:
        info = entry.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino
