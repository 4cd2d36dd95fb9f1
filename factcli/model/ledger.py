"""The coverage ledger: sentences of the archived articles that carry no fact.

``coverage.toml`` beside the fact files lists each such sentence once (a
byline, a share-button label, a sponsor note) with the reason it is left out,
so that ``factcli coverage`` stops showing it as uncovered (``[[skip]]``).
A ``[[remainder]]`` excuses what the claims citing a sentence leave unstated,
with the reason those words carry no fact of their own. It is not a fact
file: the loader skips it by name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import tomli

from factcli.errors import InvalidFactsError, Problem
from factcli.model.files import UnreadableFile, read_regular_file
from factcli.model.loader import MAX_FILE_BYTES

#: The ledger's file name, at the top of a facts directory.
LEDGER_FILE = "coverage.toml"


#: The ledger's tables: sentences left out, and unstated remainders excused.
LEDGER_KINDS = ("skip", "remainder")


class LedgerEntry(NamedTuple):
    """A sentence of one source that carries no fact (or whose remainder carries none), and why."""

    source: str
    sentence: str
    reason: str
    position: int  # within the ledger's list of its kind
    kind: str = "skip"  # "skip": the sentence; "remainder": what its claims leave unstated


def _entry(
    path: Path, kind: str, index: int, table: object
) -> tuple[LedgerEntry | None, list[Problem]]:
    key_path = f"{kind}[{index}]"
    if not isinstance(table, dict):
        return None, [Problem(str(path), "must be a table", key_path)]
    problems = [
        Problem(str(path), f"unknown key '{key}'", f"{key_path}.{key}")
        for key in table
        if key not in ("source", "sentence", "reason")
    ]
    values: dict[str, str] = {}
    for key in ("source", "sentence", "reason"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(str(path), "a non-empty string is required", f"{key_path}.{key}")
            )
        else:
            values[key] = value
    if problems:
        return None, problems
    return LedgerEntry(values["source"], values["sentence"], values["reason"], index, kind), []


def load_ledger(facts_dir: Path) -> tuple[LedgerEntry, ...]:
    """The ledger of ``facts_dir`` (empty when it has none); InvalidFactsError if malformed."""
    path = facts_dir / LEDGER_FILE
    if not os.path.lexists(path):  # a pipe or a folder by that name is an error, not "none"
        return ()
    try:
        # Read as fact files are: a regular file, within their size limit.
        document = tomli.loads(read_regular_file(path, MAX_FILE_BYTES).decode("utf-8"))
    except UnreadableFile as error:
        raise InvalidFactsError([Problem(str(path), str(error))]) from None
    except UnicodeDecodeError as error:
        raise InvalidFactsError([Problem(str(path), f"cannot read: {error}")]) from None
    except tomli.TOMLDecodeError as error:
        raise InvalidFactsError([Problem(str(path), str(error))]) from None
    problems = [
        Problem(
            str(path), f"unknown key '{key}' (the ledger holds [[skip]] and [[remainder]])", key
        )
        for key in document
        if key not in LEDGER_KINDS
    ]
    entries: list[LedgerEntry] = []
    for kind in LEDGER_KINDS:
        tables = document.get(kind, [])
        if not isinstance(tables, list):
            problems.append(Problem(str(path), f"must be an array of tables ([[{kind}]])", kind))
            tables = []
        for index, table in enumerate(tables):
            entry, found = _entry(path, kind, index, table)
            problems += found
            if entry is not None:
                entries.append(entry)
    if problems:
        raise InvalidFactsError(problems)
    return tuple(entries)
