"""The tables of the database exports, declared once, and the rows a fact base fills them with.

The SQLite export (``sqlite.py``) and the PostgreSQL script (``postgres.py``)
both write their schema from ``TABLES`` and their data from ``table_rows``,
so the two databases hold the same columns and the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal, NamedTuple

from factcli.export.datasette import description_rows
from factcli.model.claims import Claim, record_span, walk
from factcli.model.edtf import iso_earliest, iso_latest
from factcli.model.records import (
    STATUSES,
    Activity,
    Agreement,
    Characterisation,
    ContextNote,
    Counterpart,
    DateClaim,
    Delegate,
    Event,
    FactBase,
    Place,
    Role,
    Source,
    Statement,
    Visit,
)

#: How a claim involves an entity: what it is about, who else takes part, whom it only names.
PARTS = ("subject", "involved", "mentioned")


class Column(NamedTuple):
    """One column: its type, and what it must hold or refer to."""

    name: str
    type: Literal["text", "integer"] = "text"
    not_null: bool = False
    primary_key: bool = False
    #: The table whose ``id`` this column refers to.
    references: str | None = None
    #: The only values allowed, when the column is a closed list.
    allowed: tuple[str, ...] = ()


class Table(NamedTuple):
    """One table: its columns, the indexes on them, and the columns its full-text search reads."""

    name: str
    columns: tuple[Column, ...]
    #: (index name, column) pairs.
    indexes: tuple[tuple[str, str], ...] = ()
    #: Columns whose words the full-text search finds, in this order.
    search: tuple[str, ...] = ()


TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        (
            Column("id", primary_key=True),
            Column("publisher", not_null=True),
            *(
                Column(name)
                for name in (
                    "headline",
                    "author",
                    "translator",
                    "reported_by",
                    "wire_service",
                    "published",
                    "published_edtf",
                    "published_basis",
                    "published_reasoning",
                    "language",
                    "url",
                    "archive",
                )
            ),
            Column("title", not_null=True),
        ),
    ),
    Table(
        "entities",
        (
            Column("id", primary_key=True),
            Column("kind", not_null=True, allowed=("person", "org")),
            Column("name", not_null=True),
            Column("country"),
            Column("note"),
        ),
    ),
    Table(
        "aliases",
        (
            Column("entity_id", not_null=True, references="entities"),
            Column("alias", not_null=True),
        ),
    ),
    Table(
        "records",
        (
            Column("id", primary_key=True),
            Column("kind", not_null=True, allowed=("visit", "event")),
            Column("title", not_null=True),
            *(
                Column(name)
                for name in (
                    "event_kind",
                    "occasion",
                    "summary",
                    "start",
                    "end",
                    "dates_edtf",
                    "city",
                    "country",
                    "file",
                )
            ),
        ),
    ),
    Table(
        "claims",
        (
            Column("id", "integer", primary_key=True),
            Column("record_id", references="records"),
            Column("entity_id", references="entities"),
            Column("source_id", references="sources"),
            Column("section", not_null=True),
            Column("position", "integer", not_null=True),
            Column("who", references="entities"),
            Column("text", not_null=True),
            *(
                Column(name)
                for name in ("detail", "date_edtf", "date_earliest", "date_latest", "date_basis")
            ),
            Column("basis", not_null=True),
            Column("reasoning"),
            # Added after the first columns, so existing column order stays.
            Column("according_to"),
            Column("status", not_null=True, allowed=STATUSES),
            Column("place"),
            Column("country"),
        ),
        indexes=(("claims_record", "record_id"), ("claims_who", "who")),
        search=("text", "detail"),
    ),
    Table(
        "claim_entities",
        (
            Column("claim_id", "integer", not_null=True, references="claims"),
            Column("entity_id", not_null=True, references="entities"),
            Column("part", not_null=True, allowed=PARTS),
        ),
        indexes=(("claim_entities_claim", "claim_id"), ("claim_entities_entity", "entity_id")),
    ),
    Table(
        "citations",
        (
            Column("claim_id", "integer", not_null=True, references="claims"),
            Column("source_id", not_null=True, references="sources"),
            Column("quote", not_null=True),
        ),
        indexes=(("citations_claim", "claim_id"), ("citations_source", "source_id")),
        search=("quote",),
    ),
    Table(
        "_descriptions",
        (
            Column("table_name", not_null=True),
            Column("column_name"),
            Column("description", not_null=True),
        ),
    ),
)

Row = tuple[Any, ...]


def _date_columns(claim: DateClaim | None) -> Row:
    if claim is None:
        return (None, None, None, None)
    return (claim.value.text, iso_earliest(claim.value), iso_latest(claim.value), claim.basis)


#: Section names as earlier exports wrote them, where the claim walk names them otherwise.
_SECTION = {"summary": "event"}


def _text_detail(facts: FactBase, claim: Claim) -> tuple[str, str | None]:
    """The ``text`` and ``detail`` columns: the claim in a few words, and more about it."""
    item = claim.item
    if isinstance(item, Place):
        return claim.text, item.note
    if isinstance(item, Characterisation):
        return item.description, item.by
    if isinstance(item, (Delegate, Counterpart)):
        return facts.name_of(item.who), claim.text
    if isinstance(item, Agreement):
        return item.title, item.wording
    if isinstance(item, Activity):
        return item.description, ", ".join(facts.name_of(p) for p in item.attendees)
    if isinstance(item, Statement):
        return item.said, facts.name_of(item.speaker)
    if isinstance(item, ContextNote):
        return item.note, item.topic
    if isinstance(item, Event):
        return item.title, item.summary
    if isinstance(item, Role):
        return item.title, item.organisation
    if isinstance(item, DateClaim):
        return item.value.text, item.as_stated
    return claim.text, None


def record_count(facts: FactBase) -> int:
    """How many visits and events there are: the steps ``table_rows`` reports."""
    return len(facts.visits) + len(facts.events)


def _claim_rows(facts: FactBase, step: Callable[[], object] | None) -> Iterator[tuple[str, Row]]:
    """One ``claims`` row per claim of the walk, numbered from 1, then its ``citations``.

    ``step``, if given, is called as the walk finishes the claims of each visit or event.
    """
    previous: tuple[str, str] | None = None
    for number, claim in enumerate(walk(facts), start=1):
        kind = claim.record_kind
        if step is not None and previous not in (None, (kind, claim.record_id)):
            _step_past(previous, step)
        previous = (kind, claim.record_id)
        text, detail = _text_detail(facts, claim)
        yield (
            "claims",
            (
                number,
                claim.record_id if kind in ("visit", "event") else None,
                claim.record_id if kind in ("person", "org") else None,
                claim.record_id if kind == "source" else None,
                _SECTION.get(claim.section, claim.section),
                claim.position,
                claim.subject,
                text,
                detail,
                *_date_columns(claim.date),
                claim.evidence.basis,
                claim.evidence.reasoning,
                claim.according_to,
                claim.setting.status,
                claim.setting.place,
                claim.setting.country,
            ),
        )
        for citation in claim.stored_cite:
            yield "citations", (number, citation.source, citation.quote)
        yield from (("claim_entities", row) for row in _entity_rows(number, claim))
    if step is not None:
        _step_past(previous, step)


def _entity_rows(number: int, claim: Claim) -> Iterator[Row]:
    """The ``claim_entities`` rows of claim ``number``: each entity once, by its closest part."""
    seen: set[str] = set()
    parts = (
        *(
            (entity, "subject" if entity == claim.subject else "involved")
            for entity in claim.entities
        ),
        *((entity, "mentioned") for entity in claim.setting.mentions),
    )
    for entity, part in parts:
        if entity not in seen:
            seen.add(entity)
            yield (number, entity, part)


def _step_past(owner: tuple[str, str] | None, step: Callable[[], object]) -> None:
    """Report the end of a visit's or event's claims (not an entity's or a source's)."""
    if owner is not None and owner[0] in ("visit", "event"):
        step()


def _source_title(source: Source) -> str:
    headline = source.headline or "(no headline)"
    return f"{source.byline}: {headline}, {source.published.value.text}"


def _registry_rows(facts: FactBase) -> Iterator[tuple[str, Row]]:
    """The ``sources``, ``entities``, ``aliases`` and ``records`` rows."""
    for s in facts.sources.values():
        published = s.published
        yield (
            "sources",
            (
                s.id,
                s.publisher,
                s.headline,
                s.author,
                s.translator,
                s.reported_by,
                s.wire_service,
                iso_earliest(published.value),
                published.value.text,
                published.basis,
                published.reasoning,
                s.language,
                s.url,
                s.archive,
                _source_title(s),
            ),
        )
    for e in facts.entities.values():
        yield "entities", (e.id, e.kind, e.name, e.country, e.note)
        yield from (("aliases", (e.id, alias)) for alias in e.aliases)
    for record in facts.items():
        start, end = record_span(record)
        main = record.places[0] if record.places else None
        is_visit = isinstance(record, Visit)
        yield (
            "records",
            (
                record.id,
                "visit" if is_visit else "event",
                record.title,
                None if isinstance(record, Visit) else record.kind,
                record.occasion if isinstance(record, Visit) else None,
                record.summary,
                start,
                end,
                record.dates.text,
                main.city if main else None,
                main.country if main else None,
                facts.relative_file(record.file),
            ),
        )


def table_rows(
    facts: FactBase, step: Callable[[], object] | None = None
) -> Iterator[tuple[str, Row]]:
    """Every row of every table, as (table, row): each row after the rows it refers to.

    ``step``, if given, is called as the claims of each visit or event are done: once
    for each of the ``record_count(facts)`` records that has claims (all of them, when
    valid: every record has its dates).
    """
    yield from _registry_rows(facts)
    yield from _claim_rows(facts, step)
    yield from (("_descriptions", row) for row in description_rows())
