"""Publish a file only once it is completely written.

The data goes to a temporary file in the target's own folder (so the final
rename stays on one file system and is atomic), is flushed to disk, and only
then replaces the target. On any failure, Ctrl-C and SIGTERM included, the
temporary file is removed and the target is left exactly as it was; a folder
that cannot be written or a full disk is a clean error. Click's
``atomic=True`` is not used: it renames the file even when the writer raised.

The file gets the mode any other tool would give it: the mode of the file it
replaces, or the one the user's umask allows. ``-`` (and ``/dev/stdout``)
means standard output.

Only a regular file is ever replaced. A device, a named pipe or a socket
named as the output is opened and written through, as a shell's ``>`` would;
a symbolic link is followed, so the file it points to is replaced and the
link stays. Without ``--force`` the file is published with ``link(2)``, which
fails rather than overwrite a file that appeared while the data was written.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from factcli.errors import OutputError

#: The output name that means standard output, as in most command-line tools.
STDOUT = "-"
#: Names of standard output itself: written to as ``-`` is, never opened by name
#: (opening one that leads to a regular file would truncate what the shell wrote).
_STDOUT_ALIASES = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def is_stdout(target: Path) -> bool:
    """Whether ``target`` means standard output rather than a file."""
    return str(target) == STDOUT or str(target) in _STDOUT_ALIASES


def is_special(target: Path) -> bool:
    """Whether ``target`` exists and is a device, named pipe or socket: written through."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_target(
    target: Path, *, force: bool, protected: Iterable[Path] = (), facts_root: Path | None = None
) -> None:
    """Refuse a target that exists (without force), is a folder, or would be read as facts."""
    if is_stdout(target):
        return
    resolved = target.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise OutputError(f"{target}: refusing to overwrite one of the input fact files")
    if facts_root is not None and resolved.is_relative_to(facts_root.resolve()):
        # Whatever lands there is taken for part of the fact base (a .toml file
        # is read as one) or clutters it: exports and reports go elsewhere.
        raise OutputError(
            f"{target}: refusing to write inside the facts folder {facts_root} (it would be read"
            " as facts); write it outside, e.g. -o ../out.csv"
        )
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    if is_special(target):
        return  # written through, nothing is replaced
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; pass --force to replace it")
    if not target.parent.is_dir():
        raise OutputError(f"{target.parent}: no such directory")


def _new_file_mode(target: Path) -> int:
    """The mode of the file being replaced, else what the umask leaves of rw-rw-rw-."""
    with contextlib.suppress(OSError):
        return os.stat(target).st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(target: Path, write: Callable[[Path], None], *, replace: bool = False) -> None:
    """Call ``write(temp_path)``, then move the finished file onto ``target``.

    A symbolic link is followed: the file it leads to is what is replaced.
    Without ``replace`` an existing file is never overwritten, even one that
    appeared while writing. OutputError if the folder cannot be written, the
    disk fills up or the file appeared.
    """
    target = Path(os.path.realpath(target)) if os.path.islink(target) else target
    try:
        descriptor, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    temp = Path(temp_name)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(descriptor, _new_file_mode(target))
            else:  # Windows before Python 3.13
                os.chmod(temp, _new_file_mode(target))
        finally:
            os.close(descriptor)
        write(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        if replace:
            os.replace(temp, target)
        else:
            _publish_new(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
        if isinstance(error, sqlite3.Error):  # "database or disk is full", "disk I/O error"
            raise OutputError(f"{target}: cannot write: {error}") from None
        raise


def _publish_new(temp: Path, target: Path) -> None:
    """Give the finished ``temp`` the name ``target``, failing if that name is taken."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputError(f"{target}: already exists; pass --force to replace it") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
            raise
        # No hard links here (FAT, some network file systems): claim the name
        # first, so that only a file made in the instant between is replaced.
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise OutputError(f"{target}: already exists; pass --force to replace it") from None
        os.replace(temp, target)
    else:
        temp.unlink()


def write_through(target: Path, produce: Callable[[], str]) -> bool:
    """Write ``produce()`` into a device, pipe or socket ``target``; False if it is a file.

    Opened without creating or truncating anything; a name that became a
    regular file since it was checked is left to the atomic path.
    """
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(target, flags)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        data = memoryview(produce().encode("utf-8"))
        while data:
            data = data[os.write(descriptor, data) :]
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    return True


def write_text_atomically(
    target: Path, produce: Callable[[], str], *, replace: bool = False
) -> None:
    """Write the text ``produce()`` returns to ``target`` atomically (UTF-8); ``-``: stdout."""
    write_text_stream_atomically(target, lambda out: out.write(produce()), replace=replace)


def _collected(write: Callable[[TextIO], object]) -> str:
    """What ``write`` writes, as one string (for a device, written through in one go)."""
    buffer = io.StringIO()
    write(buffer)
    return buffer.getvalue()


def write_text_stream_atomically(
    target: Path, write: Callable[[TextIO], object], *, replace: bool = False
) -> None:
    """Let ``write`` put its text in ``target`` piece by piece, atomically; ``-``: stdout.

    A device or named pipe is written through; ``replace`` allows
    overwriting an existing regular file.
    """
    if is_stdout(target):
        write(sys.stdout)
        return
    if is_special(target) and write_through(target, lambda: _collected(write)):
        return

    def into(temp: Path) -> None:
        with temp.open("w", encoding="utf-8", newline="") as out:
            write(out)

    write_atomically(target, into, replace=replace)


def wrote(*targets: Path) -> None:
    """Say on stderr which files were written; nothing for standard output."""
    files = [str(t) for t in targets if not is_stdout(t)]
    if files:
        from factcli.safe import message

        print(message(f"wrote {' and '.join(files)}"), file=sys.stderr)
