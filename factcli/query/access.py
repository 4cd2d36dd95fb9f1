"""The questions commands ask of a fact base, answered from memory or from an index.

Commands ask through ``FactsAccess`` and never know which answers: a fact
base loaded whole (``LoadedFacts``) or the derived SQLite index
(``factcli.index``), which loads only the records a question needs. Both
hand back a FactBase holding at least what the renderers need to show the
answer: the records and everything they cite or name.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType

from factcli.model.records import Entity, Event, FactBase, Visit
from factcli.query import entities, visits
from factcli.query import search as search_query
from factcli.query.entities import Appearance, EntityKind
from factcli.query.search import SearchHit
from factcli.query.visits import VisitFilter
from factcli.query.words import Query

Record = Visit | Event


class FactsAccess(ABC):
    """What commands may ask; each answer comes with the facts to render it.

    Use it in a ``with`` block: an index holds a database connection open.
    """

    #: Kept open past its ``with`` block, for the next question of a batch.
    held: bool = False

    def __enter__(self) -> FactsAccess:
        """Itself."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Release what answering held, unless it is held for more questions."""
        if not self.held:
            self.close()

    def close(self) -> None:  # noqa: B027 - most answerers hold nothing
        """Release what answering held (nothing, unless overridden)."""

    @abstractmethod
    def everything(self) -> FactBase:
        """The whole fact base."""

    @abstractmethod
    def record_ids(self) -> list[str]:
        """The id of every visit and event."""

    @abstractmethod
    def registry(self) -> FactBase:
        """A FactBase holding every person and organisation (and maybe more)."""

    @abstractmethod
    def record(self, record_id: str) -> tuple[FactBase, Record]:
        """One visit or event by id; NotFoundError (with suggestions) otherwise."""

    @abstractmethod
    def visits(self, criteria: VisitFilter) -> tuple[FactBase, list[Visit]]:
        """Visits meeting the criteria, in date order, and who they name (not their sources)."""

    @abstractmethod
    def timeline(self, criteria: VisitFilter) -> tuple[FactBase, list[Record]]:
        """Visits and events meeting the criteria, in date order."""

    @abstractmethod
    def entity(self, name: str, kind: EntityKind) -> tuple[FactBase, Entity, list[Appearance]]:
        """The one entity a name means and everywhere it appears."""

    @abstractmethod
    def search(self, text: Query | str, limit: int) -> tuple[FactBase, list[SearchHit]]:
        """Ranked full-text hits for a query, with the records they are in and their sources."""


class LoadedFacts(FactsAccess):
    """Answers from a fact base held whole in memory."""

    def __init__(self, facts: FactBase) -> None:
        """Answer from ``facts``."""
        self.facts = facts

    def everything(self) -> FactBase:
        """The whole fact base."""
        return self.facts

    def record_ids(self) -> list[str]:
        """The id of every visit and event."""
        return [*self.facts.visits, *self.facts.events]

    def registry(self) -> FactBase:
        """The whole fact base, which holds the registry."""
        return self.facts

    def record(self, record_id: str) -> tuple[FactBase, Record]:
        """One visit or event by id."""
        return self.facts, visits.get_visit(self.facts, record_id)

    def visits(self, criteria: VisitFilter) -> tuple[FactBase, list[Visit]]:
        """Visits meeting the criteria, in date order."""
        return self.facts, visits.filter_visits(self.facts, criteria)

    def timeline(self, criteria: VisitFilter) -> tuple[FactBase, list[Record]]:
        """Visits and events meeting the criteria, in date order."""
        return self.facts, visits.timeline(self.facts, criteria)

    def entity(self, name: str, kind: EntityKind) -> tuple[FactBase, Entity, list[Appearance]]:
        """The one entity a name means and everywhere it appears."""
        found = entities.find_entity(self.facts, name, kind)
        return self.facts, found, entities.appearances(self.facts, found)

    def search(self, text: Query | str, limit: int) -> tuple[FactBase, list[SearchHit]]:
        """Ranked full-text hits for a query."""
        return self.facts, search_query.search(self.facts, text, limit)
