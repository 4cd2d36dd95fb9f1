"""Turn format-checked TOML documents into records and check what spans files.

The spec has already checked types and required keys, so the converters here
read values without re-checking them. What only the whole fact base can tell
(unique ids, references to sources and people, date order) is checked here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from factcli.errors import Problem
from factcli.model.edtf import EdtfDate, parse_edtf
from factcli.model.keys import KeyPath
from factcli.model.records import (
    Activity,
    Agreement,
    Basis,
    Characterisation,
    Citation,
    ContextNote,
    Counterpart,
    DateAlternative,
    DateClaim,
    Delegate,
    Entity,
    Event,
    Evidence,
    FactBase,
    Place,
    Role,
    Setting,
    Source,
    Statement,
    Status,
    Visit,
)
from factcli.model.spec import ID_PATTERN
from factcli.model.values import read_value

Table = dict[str, Any]
ProblemAt = Callable[[KeyPath, str], Problem]

#: Keys that hold registry ids, alone or in a list.
_ENTITY_KEYS = frozenset(
    {"who", "speaker", "attendees", "parties", "participants", "visitor", "mentions"}
)


def _evidence(table: Table) -> Evidence:
    return Evidence(
        cite=tuple(Citation(c["source"], c["quote"]) for c in table["cite"]),
        basis=cast(Basis, table.get("basis", "stated")),
        reasoning=table.get("reasoning"),
        according_to=table.get("according_to"),
    )


def _setting(table: Table) -> Setting:
    """A claim's own place, status and mentions (keys its section lacks keep their default)."""
    return Setting(
        place=table.get("place"),
        country=table.get("country"),
        status=cast(Status, table.get("status", "held")),
        mentions=tuple(table.get("mentions", [])),
    )


def _looks_like_an_id(text: str) -> bool:
    """A slug of two words or more: an ``according_to`` of this shape close to a registered
    id is taken for a typing mistake, not for the article's own words."""
    return "-" in text and re.match(ID_PATTERN, text) is not None


def _ids(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _date(value: str | Table | None) -> DateClaim | None:
    if value is None:
        return None
    if isinstance(value, str):
        return DateClaim(parse_edtf(value))
    return DateClaim(
        value=parse_edtf(value["value"]),
        basis=cast(Basis, value.get("basis", "stated")),
        reasoning=value.get("reasoning"),
        as_stated=value.get("as_stated"),
        evidence=_evidence(value) if "cite" in value else None,
        alternatives=tuple(
            DateAlternative(parse_edtf(a["value"]), a.get("as_stated"), _evidence(a))
            for a in value.get("alternatives", [])
        ),
    )


def _required_date(value: str | Table) -> DateClaim:
    claim = _date(value)
    assert claim is not None  # required by the spec
    return claim


def _places(items: list[Table]) -> tuple[Place, ...]:
    return tuple(
        Place(
            city=p.get("city"),
            country=p["country"],
            role=p.get("role", "main" if index == 0 else "side trip"),
            note=p.get("note"),
            date=_date(p.get("date")),
            evidence=_evidence(p),
            # A place's own city and country are the place itself, not a setting.
            setting=Setting(
                status=cast(Status, p.get("status", "held")),
                mentions=tuple(p.get("mentions", [])),
            ),
        )
        for index, p in enumerate(items)
    )


def _statements(items: list[Table]) -> tuple[Statement, ...]:
    return tuple(
        Statement(
            speaker=s["speaker"],
            said=s["said"],
            date=_date(s.get("date")),
            evidence=_evidence(s),
            setting=_setting(s),
            speech=s.get("speech", "quoted"),
        )
        for s in items
    )


def _context(items: list[Table]) -> tuple[ContextNote, ...]:
    return tuple(
        ContextNote(
            topic=c["topic"],
            note=c["note"],
            point=c.get("point"),
            value=read_value(c.get("value")),
            date=_date(c.get("date")),
            evidence=_evidence(c),
            setting=_setting(c),
        )
        for c in items
    )


def build_visit(table: Table, file: str) -> Visit:
    """A Visit from a checked ``[visit]`` table."""
    return Visit(
        id=table["id"],
        visitor=_ids(table["visitor"]),
        title=table["title"],
        occasion=table.get("occasion"),
        summary=table["summary"],
        start=_required_date(table["start"]),
        end=_date(table.get("end")),
        places=_places(table["places"]),
        characterisations=tuple(
            Characterisation(c["by"], c["description"], _evidence(c), _setting(c))
            for c in table.get("characterisations", [])
        ),
        delegation=tuple(
            Delegate(
                d["who"],
                d.get("rank"),
                d.get("role"),
                d.get("organisation"),
                _evidence(d),
                _setting(d),
            )
            for d in table.get("delegation", [])
        ),
        counterparts=tuple(
            Counterpart(
                c["who"],
                c.get("role"),
                _date(c.get("date")),
                tuple(c.get("topics", [])),
                _evidence(c),
                _setting(c),
            )
            for c in table.get("counterparts", [])
        ),
        agreements=tuple(
            Agreement(
                a["title"],
                tuple(a.get("parties", [])),
                a.get("wording"),
                _date(a.get("date")),
                _evidence(a),
                _setting(a),
            )
            for a in table.get("agreements", [])
        ),
        activities=tuple(
            Activity(
                a["description"],
                _date(a.get("date")),
                tuple(a.get("attendees", [])),
                _evidence(a),
                _setting(a),
            )
            for a in table.get("activities", [])
        ),
        statements=_statements(table.get("statements", [])),
        context=_context(table.get("context", [])),
        file=file,
    )


def build_event(table: Table, file: str) -> Event:
    """An Event from a checked ``[[events]]`` table."""
    return Event(
        id=table["id"],
        title=table["title"],
        kind=table["kind"],
        date=_required_date(table["date"]),
        summary=table["summary"],
        places=_places(table.get("places", [])),
        participants=tuple(table.get("participants", [])),
        statements=_statements(table.get("statements", [])),
        context=_context(table.get("context", [])),
        evidence=_evidence(table),
        file=file,
        setting=_setting(table),
    )


def build_source(table: Table, file: str) -> Source:
    """A Source from a checked ``[[sources]]`` table."""
    return Source(
        id=table["id"],
        publisher=table["publisher"],
        headline=table.get("headline"),
        published=_required_date(table["published"]),
        language=table["language"],
        archive=table.get("archive"),
        author=table.get("author"),
        translator=table.get("translator"),
        reported_by=table.get("reported_by"),
        wire_service=table.get("wire_service"),
        url=table.get("url"),
        evidence=_evidence(table) if "cite" in table else None,
        file=file,
    )


def build_entity(table: Table, kind: str, file: str) -> Entity:
    """A person or org Entity from a checked registry table."""
    return Entity(
        id=table["id"],
        kind="person" if kind == "people" else "org",
        name=table["name"],
        aliases=tuple(table.get("aliases", [])),
        roles=tuple(
            Role(
                r["title"],
                r.get("organisation"),
                parse_edtf(r["during"]) if "during" in r else None,
                _evidence(r),
                _setting(r),
            )
            for r in table.get("roles", [])
        ),
        country=table.get("country"),
        note=table.get("note"),
        file=file,
    )


@dataclass(frozen=True)
class _Reference:
    kind: str  # "source" or "entity"
    target: str
    problem_at: ProblemAt
    path: KeyPath


def references(value: object, path: KeyPath) -> Iterator[tuple[str, str, KeyPath]]:
    """Every (kind, id, path) reference in a checked document.

    Kinds: "source", "entity", and "party": an ``according_to`` that may be a
    registry id or the article's own words, so it need not name an entry.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "source" and len(path) >= 2 and path[-2] == "cite":
                yield "source", item, (*path, key)
            elif key == "according_to":
                yield "party", item, (*path, key)
            elif key in _ENTITY_KEYS:
                if isinstance(item, list):
                    for index, target in enumerate(item):
                        yield "entity", target, (*path, key, index)
                else:
                    yield "entity", item, (*path, key)
            elif isinstance(item, (dict, list)):
                yield from references(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                yield from references(item, (*path, index))


def _date_order_problems(visit: Table, problem_at: ProblemAt) -> Iterator[Problem]:
    start, end = _date(visit["start"]), _date(visit.get("end"))
    if start and end and _before(end.value, start.value):
        yield problem_at(
            ("visit", "end"),
            f"end {end.value.text} is before start {start.value.text}",
        )


def _before(end: EdtfDate, start: EdtfDate) -> bool:
    return bool(end.latest and start.earliest and end.latest < start.earliest)


class Builder:
    """Adds checked documents to a FactBase and checks what spans files."""

    def __init__(self, facts: FactBase, *, track_references: bool = True) -> None:
        """Start with an empty reference list for ``facts`` (kept only if tracked)."""
        self.facts = facts
        self._track_references = track_references
        self._references: list[_Reference] = []
        self._id_files: dict[tuple[str, str], str] = {}

    def add_file(self, document: Table, file: str, problem_at: ProblemAt) -> list[Problem]:
        """Add one checked document's records; return the problems found on the way."""
        problems: list[Problem] = []
        candidates: list[tuple[str, str, KeyPath, Callable[[], None]]] = []
        if "visit" in document:
            date_problems = list(_date_order_problems(document["visit"], problem_at))
            problems.extend(date_problems)
            visit = build_visit(document["visit"], file)
            if not date_problems:
                add_visit = partial(self.facts.visits.__setitem__, visit.id, visit)
                candidates.append(("visit or event", visit.id, ("visit", "id"), add_visit))
        for index, table in enumerate(document.get("events", [])):
            event = build_event(table, file)
            add_event = partial(self.facts.events.__setitem__, event.id, event)
            candidates.append(("visit or event", event.id, ("events", index, "id"), add_event))
        for index, table in enumerate(document.get("sources", [])):
            source = build_source(table, file)
            add_source = partial(self.facts.sources.__setitem__, source.id, source)
            candidates.append(("source", source.id, ("sources", index, "id"), add_source))
        for kind in ("people", "orgs"):
            for index, table in enumerate(document.get(kind, [])):
                entity = build_entity(table, kind, file)
                add_entity = partial(self.facts.entities.__setitem__, entity.id, entity)
                candidates.append(("person or org", entity.id, (kind, index, "id"), add_entity))
        seen_here: set[tuple[str, str]] = set()
        for namespace, record_id, path, add in candidates:
            key = (namespace, record_id)
            first = self._id_files.get(key)
            if key in seen_here or first is not None:
                where = "this file" if key in seen_here else first
                message = f"duplicate {namespace} id {record_id!r} (also in {where})"
                problems.append(problem_at(path, message))
                continue  # the first record with an id wins; the file's others still load
            seen_here.add(key)
            self._id_files[key] = file
            add()
        if self._track_references:
            self._references.extend(
                _Reference(kind, target, problem_at, path)
                for kind, target, path in references(document, ())
            )
        return problems

    def check_references(self) -> list[Problem]:
        """Problems for every reference to a source or registry id that does not exist."""
        problems = []
        for ref in self._references:
            known = self.facts.sources if ref.kind == "source" else self.facts.entities
            if ref.target in known:
                continue
            close = difflib.get_close_matches(ref.target, list(known), n=1, cutoff=0.8)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            if ref.kind == "party":
                # The article's own words are as valid as a registry id; a near miss is not.
                if close and _looks_like_an_id(ref.target):
                    message = f"{ref.target!r} is no registry id{hint}; or write who, in words"
                    problems.append(ref.problem_at(ref.path, message))
                continue
            label = "source" if ref.kind == "source" else "person or org"
            problems.append(ref.problem_at(ref.path, f"unknown {label} {ref.target!r}{hint}"))
        return problems
