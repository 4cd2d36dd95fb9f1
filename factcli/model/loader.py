"""Read fact files from disk, validate them and build a FactBase.

Loading never stops at the first problem: every file is read, every problem
is collected with its file, line and key path, and the caller decides whether
a fact base with problems may still answer (``--skip-invalid``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from factcli.errors import FactsDirError, InvalidFactsError, Problem
from factcli.model import build
from factcli.model.files import UnreadableFile, VanishedFile, discover, read_regular_file
from factcli.model.format import check_fact_file
from factcli.model.keys import KeyPath, format_path
from factcli.model.locate import key_lines, line_of
from factcli.model.records import FactBase

#: Fact files larger than this are refused unread: hand-written facts are small,
#: and a cap keeps a hostile file from costing time or memory.
MAX_FILE_BYTES = 1024 * 1024
#: Deeper nesting than any fact file needs; refused before parsing, because
#: parsers recurse on nested arrays and inline tables.
MAX_NESTING = 64

_OPENERS = re.compile(rb"[\[{]")


@dataclass
class ParsedFile:
    """One fact file after reading and format checking."""

    path: Path
    display: str
    document: dict[str, Any] | None
    text: str = ""
    problems: list[Problem] = field(default_factory=list)
    #: Ids of the entries left out for their format problems (see ``_without_bad_entries``).
    dropped_ids: set[str] = field(default_factory=set)
    #: For each array whose bad entries were left out, the file's index of each kept entry.
    kept_positions: dict[str, list[int]] = field(default_factory=dict)
    _lines: dict[KeyPath, int] | None = field(default=None, repr=False)

    def problem(self, path: KeyPath, message: str) -> Problem:
        """A Problem at a key path of this file, with its line where known."""
        # The line map costs a second pass over the text, so only files with
        # problems pay for it.
        if self._lines is None:
            self._lines = key_lines(self.text)
        if len(path) > 1 and isinstance(path[1], int) and str(path[0]) in self.kept_positions:
            path = (path[0], self.kept_positions[str(path[0])][path[1]], *path[2:])
        return Problem(self.display, message, format_path(path), line_of(self._lines, path))


@dataclass
class LoadResult:
    """A fact base and every problem found while loading it."""

    facts: FactBase
    problems: list[Problem]
    invalid_files: list[str]


def _decode(data: bytes, parsed: ParsedFile) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark is accepted and ignored
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        parsed.problems.append(
            Problem(
                parsed.display,
                f"invalid UTF-8 at byte offset {error.start}: fact files must be UTF-8",
                line=line,
            )
        )
        return None


_BRACKETS_ONLY = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _nesting_depth(data: bytes) -> int:
    """An upper bound on how deeply brackets nest, exact up to ``MAX_NESTING + 1``.

    Each pass deletes the innermost bracket pairs, so the number of passes is
    the depth of the deepest matched nesting; openers left unclosed can only
    add to it. Brackets inside strings are counted too: that can only raise
    the bound, and the cap is far above what a real fact file needs.
    """
    brackets = data.translate(_BRACKETS_ONLY, _NOT_BRACKETS)
    passes = 0
    while b"[]" in brackets and passes <= MAX_NESTING:
        brackets = brackets.replace(b"[]", b"")
        passes += 1
    return passes + brackets.count(b"[")


def read_fact_file(path: Path, display: str) -> ParsedFile:
    """Read, decode, parse and format-check one file; problems are collected, not raised."""
    parsed = ParsedFile(path, display, None)
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except VanishedFile:
        # Deleted since the folder was listed: gone from the answer, as if listed a moment later.
        return parsed
    except UnreadableFile as error:
        parsed.problems.append(Problem(display, str(error)))
        return parsed
    text = _decode(data, parsed)
    if text is None:
        return parsed
    if not text.strip():
        parsed.problems.append(Problem(display, "file is empty"))
        return parsed
    if _OPENERS.search(data) and _nesting_depth(data) > MAX_NESTING:
        parsed.problems.append(
            Problem(display, f"arrays or tables nested deeper than {MAX_NESTING} levels")
        )
        return parsed
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = getattr(error, "msg", str(error))
        parsed.problems.append(
            Problem(
                display,
                f"TOML syntax error: {message}",
                line=getattr(error, "lineno", None),
                column=getattr(error, "colno", None),
            )
        )
        return parsed
    except (ValueError, RecursionError, MemoryError) as error:
        # Python's int() digit limit and deep recursion surface as these.
        message = str(error)
        if "digits" in message:
            message = "an integer has too many digits (the limit is 4300)"
        parsed.problems.append(Problem(display, f"cannot parse: {message}"))
        return parsed
    parsed.text = text
    issues = check_fact_file(document)
    parsed.problems.extend(parsed.problem(path_, message) for path_, message in issues)
    parsed.document = document if not issues else _without_bad_entries(document, issues, parsed)
    return parsed


def load_paths(
    files: Sequence[tuple[Path, str]], step: Callable[[], object] | None = None
) -> LoadResult:
    """Load fact files, each given with the name to report it by, into one FactBase.

    ``step``, if given, is called once for each file read (to show progress).
    """
    facts = FactBase()
    problems: list[Problem] = []
    invalid: list[str] = []
    builder = build.Builder(facts)
    dropped: set[str] = set()  # entries left out for a problem of their own (see below)
    for path, display in files:
        parsed = read_fact_file(path, display)
        if step is not None:
            step()
        problems.extend(parsed.problems)
        if parsed.document is None:
            invalid.append(display)
            continue
        dropped |= parsed.dropped_ids
        file_problems = builder.add_file(parsed.document, display, parsed.problem)
        if file_problems or parsed.problems:
            problems.extend(file_problems)
            invalid.append(display)
    # An entry left out for its own problem is not reported again at every reference to it.
    problems.extend(p for p in builder.check_references() if not _refers_to(p, dropped))
    return LoadResult(facts, problems, invalid)


def named_files(arguments: Iterable[Path]) -> list[tuple[Path, str]]:
    """Each fact file a list of files and directories names, with its display name."""
    files: dict[Path, str] = {}
    for argument in arguments:
        if argument.is_dir():
            for found in discover(argument):
                files.setdefault(found.resolve(), str(found))
        elif argument.exists() or argument.is_symlink():
            # Not only plain files: a pipe or a dangling link is named and refused when read.
            files.setdefault(argument.resolve(), str(argument))
        else:
            raise FactsDirError(f"{argument}: no such file or directory")
    return [(path, display) for path, display in files.items()]


def load_directory(root: Path, step: Callable[[], object] | None = None) -> LoadResult:
    """Load every fact file under ``root`` (``step``: called once for each file read)."""
    result = load_paths([(path, str(path)) for path in discover(root)], step)
    result.facts.root = str(root)
    return result


def load_facts(
    root: Path, *, skip_invalid: bool = False, step: Callable[[], object] | None = None
) -> tuple[FactBase, list[Problem]]:
    """A usable FactBase from ``root``; InvalidFactsError unless clean or ``skip_invalid``."""
    result = load_directory(root, step)
    if result.problems and not skip_invalid:
        raise InvalidFactsError(
            result.problems, "run 'factcli validate' for details, or pass --skip-invalid"
        )
    return result.facts, result.problems


def _without_bad_entries(
    document: dict[str, Any], issues: list[tuple[KeyPath, str]], parsed: ParsedFile
) -> dict[str, Any] | None:
    """The document less the array entries that have format problems; None if more is wrong.

    One bad entry of a ``[[sources]]`` list is reported once, and its good
    neighbours stay loaded: dropping the whole file would report every
    citation of every one of them as an unknown source.
    """
    bad: dict[str, set[int]] = {}
    for path, _ in issues:
        if len(path) < 2 or not isinstance(path[1], int):
            return None
        key = str(path[0])
        if not isinstance(document.get(key), list):
            return None
        bad.setdefault(key, set()).add(path[1])
    pruned = dict(document)
    for key, indexes in bad.items():
        entries = document[key]
        kept = [i for i in range(len(entries)) if i not in indexes]
        pruned[key] = [entries[i] for i in kept]
        parsed.kept_positions[key] = kept
        for i in indexes:
            entry = entries[i]
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                parsed.dropped_ids.add(entry["id"])
    if check_fact_file(pruned):
        parsed.kept_positions.clear()
        parsed.dropped_ids.clear()
        return None
    return pruned


def _refers_to(problem: Problem, ids: set[str]) -> bool:
    """Whether ``problem`` is an unknown reference to one of ``ids``."""
    said = problem.message
    return (
        said.startswith("unknown ") and said.endswith("'") and said.rsplit(" '", 1)[-1][:-1] in ids
    )
