"""Which files under a facts directory are fact files.

Kept apart from the loader so that checking an index for freshness, which
lists and stats the files on every run, does not import the parser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from factcli.errors import FactsDirError

#: Editor configuration and the search thesaurus, which live beside the facts and are not facts.
IGNORED_FILE_NAMES = frozenset({"taplo.toml", ".taplo.toml", "pyproject.toml", "thesaurus.toml"})


def discover(root: Path) -> list[Path]:
    """Every fact file under ``root``, sorted; refuse a missing or unusable directory."""
    return sorted(Path(entry.path) for entry in fact_file_entries(root))


def fact_file_entries(root: Path) -> Iterator[os.DirEntry[str]]:
    """A directory entry for every fact file under ``root``, unsorted.

    Entries rather than paths, so a caller that stats every file (the index's
    freshness check, on every run) lets ``os.scandir`` cache the result.
    Hidden folders are skipped; symbolic links are followed, and a link
    loop is an error rather than an endless walk.
    """
    if not root.exists():
        raise FactsDirError(f"{root}: facts directory does not exist")
    if not root.is_dir():
        raise FactsDirError(f"{root}: is not a directory")
    if not os.access(root, os.R_OK | os.X_OK):
        raise FactsDirError(f"{root}: facts directory is not readable")
    top = os.stat(root)
    seen_dirs = {(top.st_dev, top.st_ino)}
    pending = [str(root)]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.is_dir():
                        if not entry.name.startswith("."):
                            stat = entry.stat()
                            if (stat.st_dev, stat.st_ino) in seen_dirs:
                                raise FactsDirError(
                                    f"{entry.path}: symbolic link loop in the facts directory"
                                )
                            seen_dirs.add((stat.st_dev, stat.st_ino))
                            pending.append(entry.path)
                    elif entry.name.endswith(".toml") and entry.name not in IGNORED_FILE_NAMES:
                        yield entry
        except OSError as error:
            raise FactsDirError(
                f"{error.filename or directory}: {error.strerror or error}"
            ) from None
