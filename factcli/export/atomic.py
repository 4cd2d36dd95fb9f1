"""Publish a file only once it is completely written.

The data goes to a temporary file in the target's own folder (so the final
rename stays on one file system and is atomic), is flushed to disk, and only
then replaces the target. On any failure, Ctrl-C and SIGTERM included, the
temporary file is removed and the target is left exactly as it was; a folder
that cannot be written or a full disk is a clean error. Click's
``atomic=True`` is not used: it renames the file even when the writer raised.

The file gets the mode any other tool would give it: the mode of the file it
replaces, or the one the user's umask allows. ``-`` means standard output.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from factcli.errors import OutputError

#: The output name that means standard output, as in most command-line tools.
STDOUT = "-"


def is_stdout(target: Path) -> bool:
    """Whether ``target`` means standard output rather than a file."""
    return str(target) == STDOUT


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
        raise OutputError(f"{target}: refusing to write inside the facts folder {facts_root}")
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
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


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)``, then move the finished file onto ``target``.

    OutputError if the folder cannot be written or the disk fills up.
    """
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
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
        if isinstance(error, sqlite3.Error):  # "database or disk is full", "disk I/O error"
            raise OutputError(f"{target}: cannot write: {error}") from None
        raise


def write_text_atomically(target: Path, produce: Callable[[], str]) -> None:
    """Write the text ``produce()`` returns to ``target`` atomically (UTF-8); ``-``: stdout."""
    write_text_stream_atomically(target, lambda out: out.write(produce()))


def write_text_stream_atomically(target: Path, write: Callable[[TextIO], object]) -> None:
    """Let ``write`` put its text in ``target`` piece by piece, atomically; ``-``: stdout."""
    if is_stdout(target):
        write(sys.stdout)
        return

    def into(temp: Path) -> None:
        with temp.open("w", encoding="utf-8", newline="") as out:
            write(out)

    write_atomically(target, into)


def wrote(*targets: Path) -> None:
    """Say on stderr which files were written; nothing for standard output."""
    files = [str(t) for t in targets if not is_stdout(t)]
    if files:
        from factcli.render.safe import message

        print(message(f"wrote {' and '.join(files)}"), file=sys.stderr)
