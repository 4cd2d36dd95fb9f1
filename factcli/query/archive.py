"""One archived article, read as every archive reader reads it: a regular file, bounded.

Quote checks, coverage, the annotation export and the fuzzy passage finder
all take their texts in this shape.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from factcli.errors import FactsDirError
from factcli.model.files import MAX_ARCHIVE_BYTES, UnreadableFile, read_regular_file


class ArchivedText(NamedTuple):
    """One archived article: the source citing it (None if none does), its file and text."""

    source_id: str | None
    archive: str
    text: str


def read_article(path: Path) -> str:
    """The text of one archived article; FactsDirError naming it if it cannot be read.

    Through the one reader of regular files, within ``MAX_ARCHIVE_BYTES``: a
    named pipe is refused rather than waited on, a huge file rather than read.
    """
    try:
        data = read_regular_file(path, MAX_ARCHIVE_BYTES)
    except UnreadableFile as error:
        raise FactsDirError(f"{path}: {error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FactsDirError(f"{path}: not UTF-8 text ({error.reason})") from None
