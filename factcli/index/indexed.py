"""Answer questions from the index, loading only the records an answer needs.

Every question runs in two steps. SQL narrows the fact base to candidate
records, always a superset of the answer; then the same query functions a
full load uses run on just those records (and everything they cite or
name). So an indexed answer is the full-load answer, found faster.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from factcli.index.store import file_name, file_parts, record_key
from factcli.model.build import build_entity, build_event, build_source, build_visit
from factcli.model.keys import NAMESPACE_OF_KIND
from factcli.model.records import Entity, FactBase, Visit
from factcli.query import entities, visits
from factcli.query.access import FactsAccess, Record
from factcli.query.entities import Appearance, EntityKind
from factcli.query.search import Document, SearchHit, as_query, rank
from factcli.query.text import fold
from factcli.query.visits import VisitFilter, period_bounds
from factcli.query.words import Query, fts_prefix

_RECORD, _ENTITY, _SOURCE, _PARTY = (
    record_key(kind, "") for kind in ("record", "entity", "source", "party")
)
#: Built records kept for later questions to the same index (a batch asks many);
#: past this many the memory is worth more than the time, and they are dropped.
_KEEP_BUILT = 5000

Built = tuple[str, Any]
_KEYS = "SELECT value FROM json_each(?)"


class IndexedFacts(FactsAccess):
    """Answers from an up-to-date index of a clean fact base."""

    def __init__(self, connection: sqlite3.Connection, root: Path) -> None:
        """Answer from ``connection``, inside the read transaction the caller began."""
        self.connection = connection
        self.root = root
        # The read transaction fixes what the index says, so whatever is read
        # or built from it stays right for as long as this object answers.
        self._built: dict[str, Built] = {}
        self._order: dict[str, tuple[tuple[str, ...], int]] = {}  # key: (file parts, rowid)
        self._source_total: int | None = None
        self._entity_keys: list[str] | None = None

    def close(self) -> None:
        """End the read transaction and close the connection."""
        self.connection.close()

    def _rows(self, sql: str, *params: Any) -> list[Any]:
        return self.connection.execute(sql, params).fetchall()

    def _keys(self, sql: str, *params: Any) -> list[str]:
        return [row[0] for row in self._rows(sql, *params)]

    def load(self, keys: Iterable[str], *, sources: bool = True) -> FactBase:
        """A FactBase of these records and everything they cite or name, transitively.

        Without ``sources``, what they cite is left out: for answers that name
        people and places but show no citations, such as the list of visits.
        """
        wanted = set(keys)
        frontier = list(wanted)
        while frontier:
            found = self._keys(
                f"SELECT DISTINCT target FROM refs WHERE owner IN ({_KEYS})", json.dumps(frontier)
            )
            # A party that reported a claim is loaded as an entity, if it is one.
            targets = [
                _ENTITY + t.removeprefix(_PARTY) if t.startswith(_PARTY) else t for t in found
            ]
            frontier = [
                t for t in targets if t not in wanted and (sources or not t.startswith(_SOURCE))
            ]
            wanted.update(frontier)
        ordered = sorted(wanted)  # the order SQL gives rows for a key list, kept records or not
        missing = [key for key in ordered if key not in self._built]
        if len(self._built) + len(missing) > _KEEP_BUILT:
            self._built.clear()
            missing = ordered
        if missing:
            rows = self._rows(
                f"SELECT key, kind, data, file, rowid FROM records WHERE key IN ({_KEYS})",
                json.dumps(missing),
            )
            for key, kind, data, file, rowid in rows:
                self._built[key] = self._build_one(kind, data, file)
                self._order[key] = (file_parts(file), rowid)
        facts = FactBase()
        # In the order a full load reads them, so that every answer lists them alike.
        for key in sorted((k for k in ordered if k in self._built), key=self._order.__getitem__):
            _place(facts, self._built[key])
        # Numbers [n] are positions in the whole bibliography, not in this part of it.
        facts.numbers = self._source_numbers(list(facts.sources))
        facts.source_total = self._count_sources()
        facts.root = str(self.root)
        return facts

    def _build(self, rows: list[tuple[str, str, str, int]]) -> FactBase:
        facts = FactBase(root=str(self.root))
        for kind, data, file, _ in _file_order(rows):
            _place(facts, self._build_one(kind, data, file))
        return facts

    def _build_one(self, kind: str, data: str, file: str) -> Built:
        table = json.loads(data)
        # As str(root / file), without a Path per record.
        display = os.path.join(str(self.root), file_name(file))
        if kind == "visit":
            return kind, build_visit(table, display)
        if kind == "event":
            return kind, build_event(table, display)
        if kind == "source":
            return kind, build_source(table, display)
        return kind, build_entity(table, "people" if kind == "person" else "orgs", display)

    def _source_numbers(self, source_ids: list[str]) -> dict[str, int]:
        """The bibliography numbers of these sources, worked out when the index was written."""
        if not source_ids:
            return {}
        rows = self._rows(
            f"SELECT id, min(position) FROM bibliography WHERE id IN ({_KEYS}) GROUP BY id",
            json.dumps(source_ids),
        )
        return {source_id: position for source_id, position in rows}

    def _count_sources(self) -> int:
        if self._source_total is None:
            self._source_total = int(self._rows("SELECT count(*) FROM bibliography")[0][0])
        return self._source_total

    def _all_entity_keys(self) -> list[str]:
        if self._entity_keys is None:
            self._entity_keys = self._keys("SELECT key FROM records WHERE key LIKE 'entity:%'")
        return self._entity_keys

    def record_ids(self) -> list[str]:
        """The id of every visit, then every event, in file order, without loading any."""
        rows = self._rows("SELECT kind, id, file, rowid FROM records WHERE key LIKE 'record:%'")
        return [row[1] for row in _file_order(rows, first=lambda row: row[0] != "event")]

    def registry(self) -> FactBase:
        """Every person and organisation (and the sources their roles cite)."""
        return self.load(self._all_entity_keys())

    def everything(self) -> FactBase:
        """The whole fact base, built from the index instead of the files."""
        return self._build(self._rows("SELECT kind, data, file, rowid FROM records"))

    def record(self, record_id: str) -> tuple[FactBase, Record]:
        """One visit or event by id; NotFoundError (with suggestions) otherwise."""
        facts = self.load([_RECORD + record_id])
        found = facts.visits.get(record_id) or facts.events.get(record_id)
        if found is None:
            raise visits.unknown_record(record_id, self.record_ids())
        return facts, found

    def visits(self, criteria: VisitFilter) -> tuple[FactBase, list[Visit]]:
        """Visits meeting the criteria, in date order."""
        facts = self._candidates(criteria, events=False, sources=False)
        return facts, visits.filter_visits(facts, criteria)

    def timeline(self, criteria: VisitFilter) -> tuple[FactBase, list[Record]]:
        """Visits and events meeting the criteria, in date order."""
        facts = self._candidates(criteria, events=True)
        return facts, visits.timeline(facts, criteria)

    def _candidates(self, criteria: VisitFilter, *, events: bool, sources: bool = True) -> FactBase:
        """The records SQL cannot rule out, with everything needed to test them exactly."""
        sql = ["SELECT key FROM records r WHERE kind IN ('visit', ?)"]
        params: list[Any] = ["event" if events else "visit"]
        low, high = _day_range(criteria)
        if high is not None:
            sql.append("AND (r.earliest IS NULL OR r.earliest <= ? OR r.latest <= ?)")
            params += [high, high]
        if low is not None:
            sql.append("AND (r.latest IS NULL OR r.latest >= ? OR r.earliest >= ?)")
            params += [low, low]
        for column, value in (("country", criteria.country), ("city", criteria.city)):
            if value is not None:
                sql.append(f"AND key IN (SELECT owner FROM places WHERE {column} = ?)")
                params.append(fold(value))
        wanted: list[tuple[str | None, EntityKind]] = [
            (criteria.person, "person"),
            (criteria.org, "org"),
        ]
        registry_keys: list[str] = []
        for name, kind in wanted:
            if name is None:
                continue
            # As in a full load: the registry (or the part of it that decides) says who.
            ids = entities.matching_entity_ids(self._registry_for(name, kind), name, kind)
            sql.append(f"AND key IN (SELECT owner FROM refs WHERE target IN ({_KEYS}))")
            params.append(json.dumps([_ENTITY + i for i in ids]))
            registry_keys += [_ENTITY + i for i in ids]
        return self.load([*self._keys(" ".join(sql), *params), *registry_keys], sources=sources)

    def entity(self, name: str, kind: EntityKind) -> tuple[FactBase, Entity, list[Appearance]]:
        """The one entity a name means and everywhere it appears."""
        found = entities.find_entity(self._registry_for(name, kind), name, kind)
        # Where it takes part or is mentioned, and what it reported (according_to).
        owners = self._keys(
            "SELECT DISTINCT owner FROM refs WHERE target IN (?, ?) AND owner LIKE 'record:%'",
            _ENTITY + found.id,
            _PARTY + found.id,
        )
        facts = self.load([*owners, _ENTITY + found.id])
        return facts, facts.entities[found.id], entities.appearances(facts, found)

    def _registry_for(self, name: str, kind: EntityKind | None) -> FactBase:
        """As much of the registry as telling what ``name`` means takes.

        Most names are written out in full: the entities named exactly that
        are all a full registry would give, found through the index without
        reading the others. Only a partial, misspelt or ambiguous name needs
        the whole registry (word matches, suggestions).
        """
        named = self.load(self._exactly_named(name), sources=False)
        if entities.exact_matches(named, name, kind):
            return named
        return self.load(self._all_entity_keys())

    def _exactly_named(self, name: str) -> list[str]:
        """Keys of every entity with a name, alias or id that folds to what ``name`` folds to."""
        wanted = fold(name)
        if not wanted:
            return []
        by_name = self._keys(
            "SELECT DISTINCT owner FROM docs WHERE section = 'registry' AND field = 'name'"
            " AND body = ? AND id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)",
            wanted,
            " AND ".join(f'"{word}"' for word in wanted.split()),
        )
        by_id = self._keys("SELECT key FROM records WHERE folded_id = ?", wanted)
        return [*by_name, *by_id]

    def search(self, text: Query | str, limit: int) -> tuple[FactBase, list[SearchHit]]:
        """Ranked hits: FTS5 finds every field that may match, the shared ranker decides."""
        query = as_query(text)
        match = fts_match(query)
        rows = self._rows(
            "SELECT substr(owner, instr(owner, ':') + 1), kind, section, field, text, sources,"
            " body FROM docs WHERE id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)"
            " ORDER BY id",
            match,
        )
        candidates = (
            Document(
                record_id,
                kind,
                section,
                field,
                original,
                tuple(sources.split("\x1f")) if sources else (),
                folded,
            )
            for record_id, kind, section, field, original, sources, folded in rows
        )
        hits = rank(candidates, query, limit)
        cited = {record_key("source", s) for hit in hits for s in hit.sources}
        # The records hit, too: a hit shows its label, date, basis and citations of its claim.
        owners = {record_key(NAMESPACE_OF_KIND[hit.record_kind], hit.record_id) for hit in hits}
        return self.load(cited | owners), hits


def fts_match(query: Query) -> str:
    """An FTS5 expression every field matching ``query`` satisfies (the ranker then decides).

    A word typed is looked up by a prefix every word of its stem shares; a
    synonym by its exact words (all of them: the index keeps no positions for
    phrases, so the ranker checks their order).
    """
    units = []
    for unit in query.units:
        options = []
        for alternative in unit.alternatives:
            if alternative.by_stem:
                options.append(" AND ".join(f'"{fts_prefix(w)}"*' for w in alternative.words))
            else:
                options.append(" AND ".join(f'"{w}"' for w in alternative.words))
        units.append("(" + " OR ".join(f"({o})" for o in options) + ")")
    return " AND ".join(units)


def _place(facts: FactBase, built: Built) -> None:
    """Put a built record where its kind belongs in ``facts``."""
    kind, record = built
    if kind == "visit":
        facts.visits[record.id] = record
    elif kind == "event":
        facts.events[record.id] = record
    elif kind == "source":
        facts.sources[record.id] = record
    else:
        facts.entities[record.id] = record


Row = TypeVar("Row", bound=tuple[Any, ...])


def _file_order(rows: Iterable[Row], first: Callable[[Row], bool] | None = None) -> list[Row]:
    """Rows (whose last two columns are file and rowid) in the order a full load reads them.

    A full load reads files sorted as paths, folder by folder (``discover``):
    see ``file_parts``.
    ``first`` may put some rows ahead of the rest, keeping that order within each part.
    """

    def key(row: Row) -> tuple[bool, tuple[str, ...], int]:
        return (not first(row) if first else False, file_parts(row[-2]), row[-1])

    return sorted(rows, key=key)


def _day_range(criteria: VisitFilter) -> tuple[str | None, str | None]:
    """The widest ISO day range the date criteria allow, for a superset pre-filter."""
    low, high = period_bounds(criteria)
    return (low.isoformat() if low else None), (high.isoformat() if high else None)
