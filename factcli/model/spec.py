"""The building blocks of the fact-file format: typed nodes that check and describe themselves.

Each node both checks parsed TOML (with key paths and "did you mean" hints)
and describes itself as JSON Schema, so the format declared once in
``factcli.model.format`` serves the loader, the editor and the docs alike.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from factcli.model.keys import KeyPath

Issue = tuple[KeyPath, str]
JSON = dict[str, Any]

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_ID = re.compile(ID_PATTERN)


def _type_name(value: object) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean"}
    if isinstance(value, (datetime.date, datetime.time)):
        return f'a TOML date or time (write dates as strings: "{value}")'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return names.get(type(value), type(value).__name__)


class Spec:
    """A node of the format: checks a value and describes itself as JSON Schema."""

    description: str = ""

    def check(self, value: object, path: KeyPath) -> Iterator[Issue]:
        """Yield every problem with ``value``."""
        raise NotImplementedError

    def schema(self) -> JSON:
        """This node as a Draft-7 JSON Schema fragment."""
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    """A non-empty string, optionally matching a pattern or a semantic check."""

    description: str = ""
    pattern: str | None = None
    pattern_hint: str = ""
    semantic: Callable[[str], str | None] | None = None

    def check(self, value: object, path: KeyPath) -> Iterator[Issue]:
        """Yield a problem if the value is not a fitting string."""
        if not isinstance(value, str):
            yield path, f"expected a string, got {_type_name(value)}"
            return
        if not value.strip():
            yield path, "must not be empty"
        elif self.pattern and not self._compiled.match(value):
            yield path, f"{value!r} is not {self.pattern_hint or 'valid'}"
        elif self.semantic and (problem := self.semantic(value)):
            yield path, problem

    @cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern or "")

    def schema(self) -> JSON:
        """A string schema with minLength and any pattern."""
        out: JSON = {"type": "string", "minLength": 1}
        if self.pattern:
            out["pattern"] = self.pattern
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class Number(Spec):
    """A finite integer or decimal number (a TOML boolean is not a number)."""

    description: str = ""

    def check(self, value: object, path: KeyPath) -> Iterator[Issue]:
        """Yield a problem unless the value is a finite number."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            yield path, f"expected a number, got {_type_name(value)}"
        elif value != value or value in (float("inf"), float("-inf")):
            yield path, "must be a finite number"

    def schema(self) -> JSON:
        """A number schema."""
        return {"type": "number", "description": self.description}


@dataclass(frozen=True)
class Choice(Spec):
    """One of a fixed set of strings."""

    values: tuple[str, ...]
    description: str = ""

    def check(self, value: object, path: KeyPath) -> Iterator[Issue]:
        """Yield a problem unless the value is one of the choices."""
        if value not in self.values:
            allowed = ", ".join(repr(v) for v in self.values)
            yield path, f"expected one of {allowed}, got {value!r}"

    def schema(self) -> JSON:
        """An enum schema."""
        return {"type": "string", "enum": list(self.values), "description": self.description}


@dataclass(frozen=True)
class ListOf(Spec):
    """An array whose items all follow one spec."""

    item: Spec
    min_items: int = 0
    description: str = ""

    def check(self, value: object, path: KeyPath) -> Iterator[Issue]:
        """Check the array and each of its items."""
        if not isinstance(value, list):
            yield path, f"expected an array, got {_type_name(value)}"
            return
        if len(value) < self.min_items:
            yield path, f"needs at least {self.min_items} item(s)"
        for index, item in enumerate(value):
            yield from self.item.check(item, (*path, index))

    def schema(self) -> JSON:
        """An array schema."""
        out: JSON = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class Field:
    """A key of a table."""

    name: str
    spec: Spec
    required: bool = False


@dataclass(frozen=True)
class Table(Spec):
    """A TOML table with known keys; unknown keys are errors."""

    name: str
    fields: tuple[Field, ...]
    description: str = ""
    rule: Callable[[dict[str, Any], KeyPath], Iterator[Issue]] | None = None

    def check(self, value: object, path: KeyPath) -> Iterator[Issue]:
        """Check required keys, unknown keys, every field and the table's own rule."""
        if not isinstance(value, dict):
            yield path, f"expected a table, got {_type_name(value)}"
            return
        known = self._known
        for key in value:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                yield (*path, key), f"unknown key{hint}"
        for item in self.fields:
            if item.name in value:
                yield from item.spec.check(value[item.name], (*path, item.name))
            elif item.required:
                yield (*path, item.name), "missing required key"
        if self.rule is not None:
            yield from self.rule(value, path)

    @cached_property
    def _known(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def schema(self) -> JSON:
        """A reference to this table's definition."""
        return {"$ref": f"#/definitions/{self.name}"}

    def definition(self) -> JSON:
        """The full object schema stored under ``definitions``."""
        out: JSON = {
            "type": "object",
            "additionalProperties": False,
            "properties": {f.name: f.spec.schema() for f in self.fields},
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            out["required"] = required
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class Either(Spec):
    """A value written either as a short string or as a full table."""

    short: Text
    full: Table
    description: str = ""

    def check(self, value: object, path: KeyPath) -> Iterator[Issue]:
        """Dispatch on the value's type."""
        if isinstance(value, dict):
            yield from self.full.check(value, path)
        elif isinstance(value, str):
            yield from self.short.check(value, path)
        else:
            yield path, f"expected a string or a table, got {_type_name(value)}"

    def schema(self) -> JSON:
        """A oneOf of the two forms."""
        return {"oneOf": [self.short.schema(), self.full.schema()], "description": self.description}


@dataclass(frozen=True)
class OneOrMany(Spec):
    """One value, or a non-empty array of such values."""

    item: Text
    description: str = ""

    def check(self, value: object, path: KeyPath) -> Iterator[Issue]:
        """Check a single value, or an array and each of its items."""
        if isinstance(value, list):
            yield from ListOf(self.item, min_items=1).check(value, path)
        elif isinstance(value, str):
            yield from self.item.check(value, path)
        else:
            yield path, f"expected a string or an array of strings, got {_type_name(value)}"

    def schema(self) -> JSON:
        """A oneOf of the value and a non-empty array of it."""
        many = {"type": "array", "items": self.item.schema(), "minItems": 1}
        return {"oneOf": [self.item.schema(), many], "description": self.description}


def walk_tables(spec: Spec) -> Iterator[Table]:
    if isinstance(spec, Table):
        yield spec
        for item in spec.fields:
            yield from walk_tables(item.spec)
    elif isinstance(spec, ListOf):
        yield from walk_tables(spec.item)
    elif isinstance(spec, Either):
        yield from walk_tables(spec.full)
