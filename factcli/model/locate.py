"""Find the line a key path was written on.

tomli returns plain dicts without positions, so error messages would lose
their line numbers. This scanner reads the TOML text once more, line by line,
and records where each table header, key and inline-table array item starts.
It only ever runs on files that already parsed, and only to point at a line:
when it cannot tell, the message falls back to the nearest enclosing key.
"""

from __future__ import annotations

import re

from factcli.model.keys import KeyPath

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$"""
)
_INLINE_KEY = re.compile(r"""(?:\{|,)\s*([A-Za-z0-9_-]+)\s*=""")


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return tuple(p.strip("\"'") for p in parts)


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each key path in a TOML document to the 1-based line that defines it."""
    lines: dict[KeyPath, int] = {}
    array_counts: dict[KeyPath, int] = {}
    table: KeyPath = ()
    open_array: KeyPath | None = None
    array_index = 0
    multiline_quote: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if multiline_quote is not None:
            if line.count(multiline_quote) % 2 == 1:
                multiline_quote = None
            continue
        if open_array is not None:
            stripped = line.strip()
            if stripped.startswith("{"):
                item: KeyPath = (*open_array, array_index)
                lines.setdefault(item, number)
                for key in _INLINE_KEY.findall(stripped):
                    lines.setdefault((*item, key), number)
                array_index += 1
            elif stripped and not stripped.startswith("#"):
                array_index += stripped.count(",")
            if stripped.startswith("]"):
                open_array = None
            continue
        header = _HEADER.match(line)
        if header:
            path = _split_key(header.group(2))
            if header.group(1) == "[[":
                array_key = (*_resolve(path[:-1], array_counts), path[-1])
                index = array_counts.get(array_key, 0)
                array_counts[array_key] = index + 1
                table = (*array_key, index)
            else:
                table = _resolve(path, array_counts)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if not key:
            continue
        key_path: KeyPath = (*table, *_split_key(key.group(1)))
        lines.setdefault(key_path, number)
        value = key.group(2).strip()
        for quote in ('"""', "'''"):
            if value.count(quote) % 2 == 1:
                multiline_quote = quote
        if value.startswith("[") and not _closes(value):
            open_array, array_index = key_path, 0
        elif value.startswith("["):
            for index, _ in enumerate(re.findall(r"\{", value)):
                lines.setdefault((*key_path, index), number)
    return lines


def _closes(value: str) -> bool:
    without_strings = re.sub(r'"(?:\\.|[^"\\])*"|\'[^\']*\'', "", value.split("#", 1)[0])
    return without_strings.count("[") <= without_strings.count("]")


def _resolve(path: tuple[str, ...], array_counts: dict[KeyPath, int]) -> KeyPath:
    """Insert the current index after each array-of-tables prefix of ``path``."""
    resolved: KeyPath = ()
    for part in path:
        resolved = (*resolved, part)
        count = array_counts.get(resolved)
        if count:
            resolved = (*resolved, count - 1)
    return resolved


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of ``path`` or of its nearest located ancestor."""
    for end in range(len(path), 0, -1):
        found = lines.get(path[:end])
        if found is not None:
            return found
    return None
