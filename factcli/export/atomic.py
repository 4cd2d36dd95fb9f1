"""Publish a file only once it is completely written.

The data goes to a temporary file in the target's own folder (so the final
rename stays on one file system and is atomic), is flushed to disk, and only
then replaces the target. On any failure, Ctrl-C included, the temporary file
is removed and the target is left exactly as it was. Click's ``atomic=True``
is not used: it renames the file even when the writer raised.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from factcli.errors import OutputError


def check_target(target: Path, *, force: bool, protected: Iterable[Path] = ()) -> None:
    """Refuse a target that exists (without force), is a folder, or is an input file."""
    resolved = target.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise OutputError(f"{target}: refusing to overwrite one of the input fact files")
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; pass --force to replace it")
    if not target.parent.is_dir():
        raise OutputError(f"{target.parent}: no such directory")


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)``, then move the finished file onto ``target``."""
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    os.close(descriptor)
    temp = Path(temp_name)
    try:
        write(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_text_atomically(target: Path, produce: Callable[[], str]) -> None:
    """Write the text ``produce()`` returns to ``target`` atomically (UTF-8)."""

    def write(temp: Path) -> None:
        temp.write_text(produce(), encoding="utf-8", newline="")

    try:
        write_atomically(target, write)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
