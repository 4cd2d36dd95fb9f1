"""Which files under a facts directory are fact files.

Kept apart from the loader so that checking an index for freshness, which
lists and stats the files on every run, does not import the parser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from factcli.errors import FactsDirError

#: Editor configuration that may live beside the facts and is not a fact file.
IGNORED_FILE_NAMES = frozenset({"taplo.toml", ".taplo.toml", "pyproject.toml"})


def discover(root: Path) -> list[Path]:
    """Every fact file under ``root``, sorted; refuse a missing or unusable directory."""
    return sorted(Path(path) for path in walk_fact_files(root))


def walk_fact_files(root: Path) -> Iterator[str]:
    """The path of every fact file under ``root``, unsorted, as plain strings (cheap to stat)."""
    if not root.exists():
        raise FactsDirError(f"{root}: facts directory does not exist")
    if not root.is_dir():
        raise FactsDirError(f"{root}: is not a directory")
    if not os.access(root, os.R_OK | os.X_OK):
        raise FactsDirError(f"{root}: facts directory is not readable")
    seen_dirs: set[tuple[int, int]] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True, onerror=_raise_walk_error):
        stat = os.stat(directory)
        if (stat.st_dev, stat.st_ino) in seen_dirs:
            raise FactsDirError(f"{directory}: symbolic link loop in the facts directory")
        seen_dirs.add((stat.st_dev, stat.st_ino))
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in files:
            if name.endswith(".toml") and name not in IGNORED_FILE_NAMES:
                yield os.path.join(directory, name)


def _raise_walk_error(error: OSError) -> None:
    raise FactsDirError(f"{error.filename}: {error.strerror or error}")
