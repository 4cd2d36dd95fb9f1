"""Typed records of a fact base, as the loader builds them from TOML.

Records are NamedTuples rather than frozen dataclasses: just as immutable and
typed, but defining one costs a fraction of a frozen dataclass (which
generates and compiles six methods), and every run pays for defining them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from factcli.model.edtf import EdtfDate
from factcli.model.values import Value

Basis = Literal["stated", "inferred"]
#: How sure the sources are that a thing happened: "held" (they say it did),
#: "planned" (announced: "will", "would"), "expected" (hedged: "likely"),
#: "ruled out" (a source says it will not or did not happen).
Status = Literal["held", "planned", "expected", "ruled out"]
STATUSES: tuple[Status, ...] = ("held", "planned", "expected", "ruled out")


class Citation(NamedTuple):
    """A verbatim quote from one source."""

    source: str
    quote: str


class Evidence(NamedTuple):
    """What a claim rests on: stated outright, or inferred with a reason."""

    cite: tuple[Citation, ...]
    basis: Basis = "stated"
    reasoning: str | None = None
    #: Who, within the cited article, asserts the claim ("state media", or a registry id).
    according_to: str | None = None

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The cited source ids, in order, without repeats."""
        return tuple(dict.fromkeys(c.source for c in self.cite))


class DateAlternative(NamedTuple):
    """The same date as another source, or another passage, gives it."""

    value: EdtfDate
    as_stated: str | None
    evidence: Evidence


class DateClaim(NamedTuple):
    """A date with how it is known; without its own cite it rests on its record's."""

    value: EdtfDate
    basis: Basis = "stated"
    reasoning: str | None = None
    as_stated: str | None = None
    evidence: Evidence | None = None
    #: Other versions of the date, each with its own citations: ``factcli conflicts`` lists them.
    alternatives: tuple[DateAlternative, ...] = ()


class Setting(NamedTuple):
    """Where a claim happened, how sure its sources are, and whom it names without their part.

    Every claim has one; a key its section does not allow stays at its default.
    """

    place: str | None = None  # the place as the source names it
    country: str | None = None
    status: Status = "held"
    mentions: tuple[str, ...] = ()  # registry ids named without taking part

    @property
    def held(self) -> bool:
        """True when the sources say it happened."""
        return self.status == "held"


class Role(NamedTuple):
    """A role a person or organisation holds, as a source gives it."""

    title: str
    organisation: str | None
    during: EdtfDate | None
    evidence: Evidence
    setting: Setting = Setting()


class Entity(NamedTuple):
    """A person or an organisation from the registry."""

    id: str
    kind: Literal["person", "org"]
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    country: str | None
    note: str | None
    file: str


class Source(NamedTuple):
    """A cited article and where its archived text lives."""

    id: str
    publisher: str
    headline: str | None
    published: DateClaim
    language: str
    archive: str | None
    author: str | None
    translator: str | None
    reported_by: str | None
    wire_service: str | None
    url: str | None
    evidence: Evidence | None
    file: str

    @property
    def byline(self) -> str:
        """The publisher, with the wire service the story came from: 'Daily Example (AP)'."""
        return f"{self.publisher} ({self.wire_service})" if self.wire_service else self.publisher


class Place(NamedTuple):
    """A city (and country) a visit or event took place in."""

    city: str | None
    country: str
    role: str
    note: str | None
    date: DateClaim | None
    evidence: Evidence
    setting: Setting = Setting()

    @property
    def status(self) -> Status:
        """Held (the sources place the visit there), or a stop only planned or expected."""
        return self.setting.status


class Characterisation(NamedTuple):
    """How someone described a visit ("private", "previously unannounced")."""

    by: str
    description: str
    evidence: Evidence
    setting: Setting = Setting()


class Delegate(NamedTuple):
    """A member of the travelling delegation."""

    who: str
    rank: str | None
    role: str | None
    organisation: str | None
    evidence: Evidence
    setting: Setting = Setting()


class Counterpart(NamedTuple):
    """A person or organisation met during a visit."""

    who: str
    role: str | None
    date: DateClaim | None
    topics: tuple[str, ...]
    evidence: Evidence
    setting: Setting = Setting()

    @property
    def status(self) -> Status:
        """Held, planned, expected or ruled out."""
        return self.setting.status

    @property
    def planned(self) -> bool:
        """True when the sources only announce the meeting."""
        return self.status == "planned"


class Agreement(NamedTuple):
    """Something signed or agreed, with its wording as reported."""

    title: str
    parties: tuple[str, ...]
    wording: str | None
    date: DateClaim | None
    evidence: Evidence
    setting: Setting = Setting()


class Activity(NamedTuple):
    """A ceremony, site visit or other activity."""

    description: str
    date: DateClaim | None
    attendees: tuple[str, ...]
    evidence: Evidence
    setting: Setting = Setting()


class Statement(NamedTuple):
    """Who said what, in their words where a source quotes them."""

    speaker: str
    said: str
    date: DateClaim | None
    evidence: Evidence
    setting: Setting = Setting()
    speech: str = "quoted"  # "reported": the source's account of what was said

    @property
    def reported(self) -> bool:
        """True when ``said`` is the source's account of the words, not the speaker's own."""
        return self.speech == "reported"

    @property
    def noun(self) -> str:
        """What views call it: a statement, or reported speech."""
        return "reported speech" if self.reported else "statement"

    @property
    def words(self) -> str:
        """``said`` as views show it: reported speech is marked, never passed off as a quote."""
        return f"(reported) {self.said}" if self.reported else self.said


class ContextNote(NamedTuple):
    """Background a source ties to the visit; ``point``/``value`` mark comparable figures."""

    topic: str
    note: str
    point: str | None
    value: Value | None  # text, a number with its bound, or a date
    date: DateClaim | None
    evidence: Evidence
    setting: Setting = Setting()


class Visit(NamedTuple):
    """One visit: who travelled, dates, the stops of its route and everything that happened."""

    id: str
    visitor: tuple[str, ...]  # registry ids of who travelled
    title: str
    occasion: str | None
    summary: str
    start: DateClaim
    end: DateClaim | None
    places: tuple[Place, ...]
    characterisations: tuple[Characterisation, ...]
    delegation: tuple[Delegate, ...]
    counterparts: tuple[Counterpart, ...]
    agreements: tuple[Agreement, ...]
    activities: tuple[Activity, ...]
    statements: tuple[Statement, ...]
    context: tuple[ContextNote, ...]
    file: str

    @property
    def dates(self) -> EdtfDate:
        """The span from the start's earliest side to the end's latest, as EDTF.

        An unknown end gives an open span (``2022-08/``); an end known only
        to be on or after a day keeps that openness (``2021-06-20/..``).
        """
        start_side = self.start.value.text.split("/")[0] or ".."
        if self.end is None:
            return EdtfDate(f"{start_side}/", self.start.value.earliest, self.start.value.latest)
        end_side = self.end.value.text.split("/")[-1] or ".."
        latest = self.end.value.latest or self.end.value.earliest
        return EdtfDate(f"{start_side}/{end_side}", self.start.value.earliest, latest)

    @property
    def main_place(self) -> Place | None:
        """The first place listed: the main one, or the first stop of the route."""
        return self.places[0] if self.places else None


class Event(NamedTuple):
    """A related event that is not one of the base's visits (a trip, a summit, a coup)."""

    id: str
    title: str
    kind: str
    date: DateClaim
    summary: str
    places: tuple[Place, ...]
    participants: tuple[str, ...]
    statements: tuple[Statement, ...]
    context: tuple[ContextNote, ...]
    evidence: Evidence
    file: str
    setting: Setting = Setting()

    @property
    def dates(self) -> EdtfDate:
        """The event's date, under the name visits use for their span."""
        return self.date.value


@dataclass(slots=True)
class FactBase:
    """Every record loaded from one facts directory, keyed by id."""

    visits: dict[str, Visit] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    #: When ``sources`` holds only some of the base's sources (an index answer):
    #: their numbers in the whole bibliography, and how many sources it lists.
    #: Empty means ``sources`` is the whole bibliography, in order.
    numbers: dict[str, int] = field(default_factory=dict)
    source_total: int = 0
    #: The facts folder the records were read from, for file names relative to it.
    root: str = ""

    def relative_file(self, file: str) -> str:
        """A record's file, relative to the facts folder (as given when it is elsewhere)."""
        if self.root and os.path.isabs(file) == os.path.isabs(self.root):
            relative = os.path.relpath(file, self.root)
            if not relative.startswith(os.pardir):
                return relative
        return file

    def source_numbers(self) -> dict[str, int]:
        """Each source's number, [1] first: the order of the source files, the same everywhere."""
        if self.numbers:
            return dict(self.numbers)
        return {source_id: n for n, source_id in enumerate(self.sources, start=1)}

    def source_count(self) -> int:
        """How many sources the whole fact base lists (not only those loaded)."""
        return self.source_total or len(self.sources)

    def name_of(self, entity_id: str) -> str:
        """The canonical name of a registry id (the id itself if unknown)."""
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id

    def items(self) -> Iterator[Visit | Event]:
        """Every visit and event."""
        yield from self.visits.values()
        yield from self.events.values()
