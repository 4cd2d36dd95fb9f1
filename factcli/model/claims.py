"""The claim: the one shape every view, export and the index are built from.

A fact base is records (visits, events, people, organisations, sources) and
each record holds cited claims: a delegate, a meeting, a statement, a date.
``walk`` turns a fact base into those claims, each with its own place in its
record, who it involves, its text, its OWN date (or None), its own basis and
its own citations. Nothing here borrows: a statement without a date has
``date is None``, and the visit around it is only ``within``, for context.
This module is the one place that knows where claims live in a record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple, get_args

from factcli.model.dates import record_dates_text, value_words
from factcli.model.edtf import EdtfDate, iso_earliest, iso_latest
from factcli.model.records import (
    Activity,
    Agreement,
    Basis,
    Characterisation,
    Citation,
    ContextNote,
    Counterpart,
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
    Visit,
)

NameOf = Callable[[str], str]

#: Fields whose text is a registry id, shown as the entity's name.
NAME_FIELDS = frozenset({"who", "speaker"})

#: Where in its record a claim sits. The one list of sections: every table of labels,
#: nouns or columns elsewhere is keyed by these names (mypy checks each key).
SectionName = Literal[
    "start",
    "end",
    "date",
    "summary",
    "places",
    "statements",
    "context",
    "characterisations",
    "delegation",
    "counterparts",
    "agreements",
    "activities",
    "roles",
    "published",
    "credits",
]
SECTIONS: tuple[SectionName, ...] = get_args(SectionName)

#: The sections of a visit and of an event that hold lists of claims, in walk order.
VISIT_SECTIONS: tuple[SectionName, ...] = (
    "places",
    "statements",
    "context",
    "characterisations",
    "delegation",
    "counterparts",
    "agreements",
    "activities",
)
EVENT_SECTIONS: tuple[SectionName, ...] = ("places", "statements", "context")

#: Sections whose claim is a record's or a source's date, cited on its own.
DATE_SECTIONS: frozenset[SectionName] = frozenset({"start", "end", "date", "published"})

Item = (
    Place
    | Characterisation
    | Delegate
    | Counterpart
    | Agreement
    | Activity
    | Statement
    | ContextNote
    | Role
    | DateClaim
    | Event
    | Source
)


class Within(NamedTuple):
    """The visit or event a claim sits in: context for a claim with no date of its own."""

    id: str
    kind: str  # "visit" or "event"
    title: str
    dates: EdtfDate
    start: str | None  # the earliest ISO day the record can cover
    end: str | None  # the latest, None when unknown
    text: str  # its dates in words, as tables show them
    first: str = ""  # its start as the sources give it (EDTF): an event's date, a visit's start
    last: str | None = None  # its end as EDTF, None when no source gives it


class Claim(NamedTuple):
    """One cited claim: where it sits, whom it involves, what it says, its date and evidence."""

    record_id: str
    record_kind: str  # "visit", "event", "person", "org" or "source"
    section: SectionName  # "delegation", "statements", "start", "roles", ...
    position: int  # within its section
    subject: str | None  # the registry id the claim is about (who, speaker), if any
    entities: tuple[str, ...]  # every registry id the claim involves, subject first
    text: str  # what it says, in plain words (registry ids as written)
    date: DateClaim | None  # its OWN date; None when no source dates it
    evidence: Evidence  # its own basis, reasoning and citations
    within: Within | None  # the enclosing visit or event, for context only
    fields: tuple[tuple[str, str], ...]  # (field name, text) a reader would search
    verbatim: tuple[tuple[str, str], ...]  # fields that must appear in a cited source
    item: Item  # the typed record the claim was read from
    setting: Setting = Setting()  # its OWN place, status and mentions; never the record's

    @property
    def according_to(self) -> str | None:
        """Who, within the cited article, asserts the claim (None: the article itself)."""
        return self.evidence.according_to

    @property
    def where(self) -> str:
        """Its place in the record, as ``delegation[2]``."""
        return f"{self.section}[{self.position}]"

    @property
    def basis(self) -> Basis:
        """Stated or inferred: the claim's own basis, never its record's."""
        return self.evidence.basis

    @property
    def cite(self) -> tuple[Citation, ...]:
        """Every (source, quote) the claim rests on: its own, its date's own, its date's others."""
        found = list(self.evidence.cite)
        if self.date is not None:
            found += [c for c in date_citations(self.date) if c not in found]
        return tuple(found)

    @property
    def stored_cite(self) -> tuple[Citation, ...]:
        """The citations this claim adds to the base, each citation of a base on one claim.

        ``cite``, except that an event's own date, cited on its own, is a claim of its own.
        """
        return self.evidence.cite if self.section == "summary" else self.cite

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the sources in ``cite``, in order, without repeats."""
        return tuple(dict.fromkeys(c.source for c in self.cite))

    def named_fields(self, name_of: NameOf) -> tuple[tuple[str, str], ...]:
        """``fields`` with registry ids shown as names."""
        return tuple((k, name_of(v) if k in NAME_FIELDS else v) for k, v in self.fields)


def date_citations(date: DateClaim) -> tuple[Citation, ...]:
    """A date's own citations, then those of each alternative version of it."""
    own = date.evidence.cite if date.evidence else ()
    return (*own, *(c for alternative in date.alternatives for c in alternative.evidence.cite))


def record_span(record: Visit | Event) -> tuple[str | None, str | None]:
    """The earliest and the latest ISO day a visit or event can cover (None when unknown)."""
    first = record.date.value if isinstance(record, Event) else record.start.value
    last: EdtfDate | None = first
    if isinstance(record, Visit):
        last = record.end.value if record.end else None
    return iso_earliest(first), iso_latest(last)


def within(record: Visit | Event) -> Within:
    """The context a claim of ``record`` is shown in when it has no date of its own."""
    kind = "visit" if isinstance(record, Visit) else "event"
    words = record_dates_text(record)
    first, last = record_edtf(record)
    span = record_span(record)
    return Within(record.id, kind, record.title, record.dates, *span, words, first, last)


def record_edtf(record: Visit | Event) -> tuple[str, str | None]:
    """A record's start and end as the sources give them, in EDTF: never a made-up day."""
    if isinstance(record, Event):
        return record.date.value.text, record.date.value.text
    return record.start.value.text, record.end.value.text if record.end else None


def _kept(*pairs: tuple[str, str | None]) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in pairs if v)


def place_text(place: Place) -> str:
    """A place as 'City, Country'."""
    return ", ".join(x for x in (place.city, place.country) if x)


def _claim(
    owner: tuple[str, str, Within | None],
    section: SectionName,
    position: int,
    item: Item,
    text: str,
    evidence: Evidence,
    *,
    date: DateClaim | None = None,
    entities: tuple[str, ...] = (),
    subject: str | None = None,
    fields: tuple[tuple[str, str], ...] = (),
    verbatim: tuple[tuple[str, str], ...] = (),
) -> Claim:
    record_id, kind, inside = owner
    # Dates and sources are not events: they have no place, status or mentions.
    setting = Setting() if isinstance(item, (DateClaim, Source)) else item.setting
    if setting.place:
        fields = (*fields, ("place", setting.place))
    return Claim(
        record_id,
        kind,
        section,
        position,
        subject,
        entities,
        text,
        date,
        evidence,
        inside,
        fields,
        verbatim,
        item,
        setting,
    )


def _date_claim(
    owner: tuple[str, str, Within | None], section: SectionName, claim: DateClaim | None
) -> Iterator[Claim]:
    """A date cited on its own (a visit's start, a source's publication) is a claim."""
    if claim is None or claim.evidence is None:
        return
    fields = _kept(("date", claim.value.text), ("reasoning", claim.reasoning))
    yield _claim(
        owner, section, 0, claim, claim.value.text, claim.evidence, date=claim, fields=fields
    )


def _shared(record: Visit | Event, owner: tuple[str, str, Within | None]) -> Iterator[Claim]:
    """Places, statements and context: the sections visits and events both have.

    A visit's places are the stops of its visitor's route, so they involve the visitor.
    """
    travellers = record.visitor if isinstance(record, Visit) else ()
    for index, place in enumerate(record.places):
        fields = _kept(("city", place.city), ("country", place.country), ("note", place.note))
        yield _claim(
            owner,
            "places",
            index,
            place,
            place_text(place),
            place.evidence,
            date=place.date,
            entities=travellers,
            fields=fields,
        )
    for index, said in enumerate(record.statements):
        yield _claim(
            owner,
            "statements",
            index,
            said,
            said.said,
            said.evidence,
            date=said.date,
            entities=(said.speaker,),
            subject=said.speaker,
            fields=(("speaker", said.speaker), ("said", said.said)),
            verbatim=(("said", said.said),),
        )
    for index, note in enumerate(record.context):
        value = value_words(note.value)
        fields = _kept(("topic", note.topic), ("note", note.note), ("value", value))
        yield _claim(
            owner, "context", index, note, note.note, note.evidence, date=note.date, fields=fields
        )


def _visit_items(visit: Visit, owner: tuple[str, str, Within | None]) -> Iterator[Claim]:
    for index, c in enumerate(visit.characterisations):
        yield _claim(
            owner,
            "characterisations",
            index,
            c,
            c.description,
            c.evidence,
            fields=(("by", c.by), ("description", c.description)),
        )
    for index, d in enumerate(visit.delegation):
        yield _claim(
            owner,
            "delegation",
            index,
            d,
            " ".join(x for x in (d.rank, d.role) if x),
            d.evidence,
            entities=(d.who,),
            subject=d.who,
            fields=_kept(("who", d.who), ("rank", d.rank), ("role", d.role)),
        )
    for index, cp in enumerate(visit.counterparts):
        topics = "; ".join(cp.topics)
        yield _claim(
            owner,
            "counterparts",
            index,
            cp,
            topics or (cp.role or ""),
            cp.evidence,
            date=cp.date,
            # The counterpart met the visitor: both sides take part, the one met first.
            entities=(cp.who, *visit.visitor),
            subject=cp.who,
            fields=_kept(("who", cp.who), ("role", cp.role), ("topics", topics)),
        )
    for index, a in enumerate(visit.agreements):
        yield _claim(
            owner,
            "agreements",
            index,
            a,
            a.title,
            a.evidence,
            date=a.date,
            entities=a.parties,
            fields=_kept(("title", a.title), ("wording", a.wording)),
            verbatim=(("wording", a.wording),) if a.wording else (),
        )
    for index, act in enumerate(visit.activities):
        yield _claim(
            owner,
            "activities",
            index,
            act,
            act.description,
            act.evidence,
            date=act.date,
            entities=act.attendees,
            fields=(("description", act.description),),
        )


def visit_claims(visit: Visit) -> Iterator[Claim]:
    """Every claim of one visit: its dates, then its sections in ``VISIT_SECTIONS`` order."""
    owner = (visit.id, "visit", within(visit))
    yield from _date_claim(owner, "start", visit.start)
    yield from _date_claim(owner, "end", visit.end)
    yield from _shared(visit, owner)
    yield from _visit_items(visit, owner)


def event_claims(event: Event) -> Iterator[Claim]:
    """Every claim of one event: what happened (dated by the event), its date, its sections."""
    owner = (event.id, "event", within(event))
    yield _claim(
        owner,
        "summary",
        0,
        event,
        event.summary,
        event.evidence,
        date=event.date,
        entities=event.participants,
        fields=(("title", event.title), ("summary", event.summary)),
    )
    yield from _date_claim(owner, "date", event.date)
    yield from _shared(event, owner)


def entity_claims(entity: Entity) -> Iterator[Claim]:
    """The cited roles of a person or organisation."""
    owner = (entity.id, entity.kind, None)
    for index, role in enumerate(entity.roles):
        yield _claim(
            owner,
            "roles",
            index,
            role,
            role.title,
            role.evidence,
            entities=(entity.id,),
            subject=entity.id,
            fields=(("role", role.title),),
        )


def source_claims(source: Source) -> Iterator[Claim]:
    """What a source's entry itself cites: its credits and its publication date."""
    owner = (source.id, "source", None)
    if source.evidence is not None:
        yield _claim(
            owner,
            "credits",
            0,
            source,
            source.publisher,
            source.evidence,
            fields=(("publisher", source.publisher),),
        )
    yield from _date_claim(owner, "published", source.published)


def walk(facts: FactBase) -> Iterator[Claim]:
    """Every claim in the fact base: visits, then events, the registry and the sources."""
    for visit in facts.visits.values():
        yield from visit_claims(visit)
    for event in facts.events.values():
        yield from event_claims(event)
    for entity in facts.entities.values():
        yield from entity_claims(entity)
    for source in facts.sources.values():
        yield from source_claims(source)


def record_places(record: Visit | Event) -> Iterator[tuple[str, str]]:
    """Every (city, country) a record took place in: its places, then its claims' own places.

    A claim's own place stands as the city ("Kaluga", where a ceremony of the
    visit was held); an unknown part is "".
    """
    for place in record.places:
        yield place.city or "", place.country
    for claim in record_claims(record):
        if claim.setting.place or claim.setting.country:
            yield claim.setting.place or "", claim.setting.country or ""


def record_claims(record: Visit | Event) -> Iterator[Claim]:
    """Every claim of one visit or event."""
    return visit_claims(record) if isinstance(record, Visit) else event_claims(record)
