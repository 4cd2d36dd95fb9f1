"""The index rows of one fact file: its records, what they refer to, where, and their text.

A record is stored as its TOML table (JSON-encoded), so a query rebuilds it
with the loader's own converters and renders it exactly as a full load would.
Everything else here exists to find records without loading them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factcli.index.store import record_key
from factcli.model.build import references
from factcli.model.claims import NAME_FIELDS, record_places
from factcli.model.keys import NAMESPACE_OF_KIND, RECORD_KEYS
from factcli.model.records import FactBase
from factcli.query.entities import id_as_name
from factcli.query.search import documents
from factcli.query.text import fold

Table = dict[str, Any]

#: The columns each table's rows fill, in the order of the tuples of ``FileRows``;
#: every table also has the ``file`` the rows come from.
COLUMNS: dict[str, tuple[str, ...]] = {
    "records": ("key", "kind", "id", "name", "data", "earliest", "latest", "folded_id"),
    "refs": ("owner", "target"),
    "places": ("owner", "country", "city"),
    "name_docs": ("name_ref", "owner", "section", "field", "sources", "kind"),
}


@dataclass
class FileRows:
    """Everything one file adds to the index."""

    #: (key, kind, id, name, data, earliest, latest, folded_id): see ``COLUMNS``.
    records: list[tuple[str, str, str, str, str, str | None, str | None, str | None]] = field(
        default_factory=list
    )
    refs: list[tuple[str, str]] = field(default_factory=list)
    places: list[tuple[str, str, str]] = field(default_factory=list)
    #: (body, text, owner, section, field, sources, kind); body is the folded text.
    docs: list[tuple[str, str, str, str, str, str, str]] = field(default_factory=list)
    #: Documents whose text is a registry name: (name ref, owner, section, field, sources, kind).
    name_docs: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)


def _tables(document: Table) -> Iterator[tuple[str, str, Table]]:
    for key, namespace, kind in RECORD_KEYS:
        value = document.get(key)
        if isinstance(value, dict):
            yield namespace, kind, value
        elif isinstance(value, list):
            for table in value:
                yield namespace, kind, table


def file_rows(document: Table, facts: FactBase) -> FileRows:
    """The rows of one checked document, whose records the loader built into ``facts``."""
    rows = FileRows()
    for namespace, kind, table in _tables(document):
        key = record_key(namespace, table["id"])
        earliest = latest = None
        name = table.get("name") or table.get("title") or table.get("headline") or ""
        if kind in ("visit", "event"):
            record = facts.visits.get(table["id"]) or facts.events[table["id"]]
            earliest, latest = _iso(record.dates.earliest), _iso(record.dates.latest)
            rows.places.extend(
                (key, fold(country), fold(city)) for city, country in record_places(record)
            )
        data = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
        # People and orgs are found by their id read as a name, without reading them all.
        folded_id = fold(id_as_name(table["id"])) if namespace == "entity" else None
        rows.records.append((key, kind, table["id"], name, data, earliest, latest, folded_id))
        # Kinds name the key spaces; a "party" (according_to) may be words, not an entity.
        targets = {record_key(kind, target) for kind, target, _ in references(table, ())}
        rows.refs.extend((key, target) for target in sorted(targets))
    # Names of people in claims are looked up once every file is read (they
    # live in other files), so those documents keep the id for now.
    for doc in documents(facts, name_of=str):
        owner = record_key(NAMESPACE_OF_KIND[doc.record_kind], doc.record_id)
        sources = "\x1f".join(doc.sources)
        if doc.field in NAME_FIELDS:
            name_ref = record_key("entity", doc.text)
            rows.name_docs.append(
                (name_ref, owner, doc.section, doc.field, sources, doc.record_kind)
            )
        else:
            rows.docs.append(
                (fold(doc.text), doc.text, owner, doc.section, doc.field, sources, doc.record_kind)
            )
    return rows


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
