"""The fact-file format, declared once.

The same declaration validates parsed TOML and produces the JSON Schema that
``factcli schema`` prints, so the editor, the docs and the loader can never
disagree about the format. docs/format.md explains every key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from factcli.model.edtf import SCHEMA_PATTERN, EdtfError, parse_edtf
from factcli.model.keys import KeyPath
from factcli.model.spec import (
    ID_PATTERN,
    JSON,
    Choice,
    Either,
    Field,
    Issue,
    ListOf,
    Number,
    OneOrMany,
    Table,
    Text,
    walk_tables,
)
from factcli.model.values import BOUNDS


def _edtf_problem(text: str) -> str | None:
    try:
        parse_edtf(text)
    except EdtfError as error:
        return str(error)
    return None


def _inferred_needs_reasoning(table: dict[str, Any], path: KeyPath) -> Iterator[Issue]:
    if table.get("basis") == "inferred" and not table.get("reasoning"):
        yield (*path, "reasoning"), "an inferred claim needs its reasoning in one line"


ID = Text(
    "a lowercase slug: letters, digits and hyphens", ID_PATTERN, "a slug like 2024-05-state-visit"
)
REF = Text("the id of a person or organisation in the registry", ID_PATTERN, "a registry id")
SOURCE_REF = Text("the id of a source", ID_PATTERN, "a source id")
EDTF = Text(
    "an EDTF date: 2022, 2022-07, 2022-07-10, 2022-07-10~, 2022-XX,"
    " 2021-06-20/2021-06-24, 2022-07/..",
    SCHEMA_PATTERN,
    "a date like 2022-07 or 2022-07-10",
    _edtf_problem,
)
BASIS = Choice(("stated", "inferred"), "stated in the source, or inferred (then give reasoning)")
REASONING = Text("one line: how the inferred value follows from the quote")

CITATION = Table(
    "citation",
    (
        Field("source", SOURCE_REF, required=True),
        Field("quote", Text("verbatim words from the source's archived text"), required=True),
    ),
    "one verbatim quote from one source",
)
CITE = ListOf(CITATION, min_items=1, description="the evidence: at least one source and quote")
EVIDENCE_FIELDS = (
    Field("basis", BASIS),
    Field("reasoning", REASONING),
    Field(
        "according_to",
        Text(
            "who, within the cited article, asserts the claim, as the article names them"
            " ('official press statements', 'state media'), or their registry id"
        ),
    ),
    Field("cite", CITE, required=True),
)
MENTIONS = Field(
    "mentions",
    ListOf(REF, description="people and organisations the claim names without their taking part"),
)
STATUS = Field(
    "status",
    Choice(
        ("held", "planned", "expected", "ruled out"),
        "held (the default: the source says it happened); planned (announced: 'will',"
        " 'would', 'is to'); expected (hedged: 'likely', 'expected to'); ruled out (a source"
        " says it will not or did not happen: 'there would be no meeting')",
    ),
)
#: Where an event-like claim happened, when the source says: its own place, never the visit's.
OWN_PLACE = (
    Field("place", Text("where it happened, as the source names the place")),
    Field("country", Text("the country of that place")),
)

AS_STATED = Text("the words the source uses for the date, e.g. 'on Monday'")
DATE_ALTERNATIVE = Table(
    "date_alternative",
    (
        Field("value", EDTF, required=True),
        Field("as_stated", AS_STATED),
        *EVIDENCE_FIELDS,
    ),
    "the same date as another source (or another passage) gives it",
    _inferred_needs_reasoning,
)
DATE_CLAIM = Table(
    "date_claim",
    (
        Field("value", EDTF, required=True),
        Field("basis", BASIS),
        Field("reasoning", REASONING),
        Field("as_stated", AS_STATED),
        Field("cite", CITE),
        Field("alternatives", ListOf(DATE_ALTERNATIVE, min_items=1)),
    ),
    "a date with how it is known; without cite it rests on its record's cite",
    _inferred_needs_reasoning,
)
DATE = Either(EDTF, DATE_CLAIM, "an EDTF string (stated) or a date_claim table")


def _claim(name: str, description: str, *fields: Field) -> Table:
    return Table(
        name, (*fields, MENTIONS, *EVIDENCE_FIELDS), description, _inferred_needs_reasoning
    )


ROLE = _claim(
    "role",
    "a role as a source gives it",
    Field("title", Text("the role, e.g. 'Defense Minister'"), required=True),
    Field("organisation", Text("where the role is held")),
    Field("during", EDTF),
)
PERSON_OR_ORG_FIELDS = (
    Field("id", ID, required=True),
    Field("name", Text("the canonical name"), required=True),
    Field("aliases", ListOf(Text("another spelling or transliteration"))),
    Field("country", Text("the country the entity belongs to")),
    Field("note", Text("a short note")),
    Field("roles", ListOf(ROLE)),
)
PERSON = Table("person", PERSON_OR_ORG_FIELDS, "a person in the registry")
ORG = Table("org", PERSON_OR_ORG_FIELDS, "an organisation in the registry")

SOURCE = Table(
    "source",
    (
        Field("id", ID, required=True),
        Field("publisher", Text("who published it"), required=True),
        Field("headline", Text("the headline as printed, if the archived text has one")),
        Field("published", DATE, required=True),
        Field("language", Text("an ISO 639-1 code such as 'en'"), required=True),
        Field("archive", Text("the file name of its archived text in the quote archive")),
        Field("author", Text("the writer")),
        Field("translator", Text("the translator")),
        Field("reported_by", Text("the reporting desk or reporter")),
        Field("wire_service", Text("the news agency it carries, e.g. Reuters")),
        Field("url", Text("where it was published")),
        Field("basis", BASIS),
        Field("reasoning", REASONING),
        Field("cite", ListOf(CITATION, description="evidence for the publisher and credits")),
    ),
    "an article the fact base cites",
    lambda table, path: (
        _inferred_needs_reasoning(table["published"], (*path, "published"))
        if isinstance(table.get("published"), dict)
        else iter(())
    ),
)

PLACE = _claim(
    "place",
    "a place a visit or event took place in; a visit's places, in file order, are its route",
    Field("city", Text("the city, where the sources name one")),
    Field("country", Text("the country"), required=True),
    Field(
        "role",
        Choice(
            ("main", "side trip", "stop"),
            "main, side trip, or stop (one stop of a route); by default the first place is"
            " main and the others side trips",
        ),
    ),
    Field("note", Text("e.g. 'southwest of the capital'")),
    Field("date", DATE),
    STATUS,
)
STATEMENT = _claim(
    "statement",
    "who said what; 'said' must be verbatim in a cited source",
    Field("speaker", REF, required=True),
    Field("said", Text("the words as the source reports them"), required=True),
    Field("date", DATE),
    *OWN_PLACE,
    Field(
        "speech",
        Choice(
            ("quoted", "reported"),
            "quoted (the default): the speaker's own words as the source quotes them;"
            " reported: the source's account of what was said",
        ),
    ),
)


def _one_key(table: dict[str, Any], path: KeyPath) -> Iterator[Issue]:
    if len(table) != 1:
        yield path, "give exactly one of: " + ", ".join(BOUNDS) + ", date"


COMPARABLE = Either(
    Text("this source's value for the point in its words, e.g. 'the result of voter fraud'"),
    Table(
        "value",
        (
            *(Field(bound, Number(f"the number, {bound.replace('_', ' ')}")) for bound in BOUNDS),
            Field("date", EDTF),
        ),
        'a number with its bound ({ at_least = 100 }) or a date ({ date = "2021-06-23" })',
        _one_key,
    ),
    "this source's value for the point: text, a number with its bound, or a date",
)
CONTEXT = _claim(
    "context",
    "background the sources tie to the record; records sharing a 'point' are compared",
    Field("topic", Text("a short topic, e.g. 'casualties'"), required=True),
    Field("note", Text("the fact in plain words"), required=True),
    Field("point", Text("a key shared by claims about the same figure", ID_PATTERN, "a slug")),
    Field("value", COMPARABLE),
    Field("date", DATE),
)

VISIT = Table(
    "visit",
    (
        Field("id", ID, required=True),
        Field(
            "visitor",
            OneOrMany(REF, "the registry id, or ids, of who travelled"),
            required=True,
        ),
        Field("title", Text("a short title"), required=True),
        Field("occasion", Text("the event attended, if any")),
        Field("summary", Text("two or three plain sentences"), required=True),
        Field("start", DATE, required=True),
        Field("end", DATE),
        Field("places", ListOf(PLACE, min_items=1), required=True),
        Field(
            "characterisations",
            ListOf(
                _claim(
                    "characterisation",
                    "how someone described the visit",
                    Field("by", Text("who described it"), required=True),
                    Field("description", Text("e.g. 'private'"), required=True),
                )
            ),
        ),
        Field(
            "delegation",
            ListOf(
                _claim(
                    "delegate",
                    "a member of the delegation",
                    Field("who", REF, required=True),
                    Field("rank", Text("e.g. 'Lt-Gen'")),
                    Field("role", Text("their role on the trip or at home")),
                    Field("organisation", Text("their organisation")),
                    *OWN_PLACE,
                    STATUS,
                )
            ),
        ),
        Field(
            "counterparts",
            ListOf(
                _claim(
                    "counterpart",
                    "a person or organisation the visitor met (or was to meet: see status)",
                    Field("who", REF, required=True),
                    Field(
                        "role",
                        Text("their role; for an organisation, whom he met from it"),
                    ),
                    Field("date", DATE),
                    Field("topics", ListOf(Text("a topic discussed"))),
                    *OWN_PLACE,
                    STATUS,
                )
            ),
        ),
        Field(
            "agreements",
            ListOf(
                _claim(
                    "agreement",
                    "something signed or agreed",
                    Field("title", Text("e.g. 'Memorandum of Understanding'"), required=True),
                    Field("parties", ListOf(REF)),
                    Field("wording", Text("the wording as reported, verbatim")),
                    Field("date", DATE),
                    *OWN_PLACE,
                    STATUS,
                )
            ),
        ),
        Field(
            "activities",
            ListOf(
                _claim(
                    "activity",
                    "a ceremony, site visit or other activity",
                    Field("description", Text("what happened"), required=True),
                    *OWN_PLACE,
                    Field("date", DATE),
                    Field("attendees", ListOf(REF)),
                    STATUS,
                )
            ),
        ),
        Field("statements", ListOf(STATEMENT)),
        Field("context", ListOf(CONTEXT)),
    ),
    "one visit",
)

EVENT = _claim(
    "event",
    "a related event that is not one of the base's visits",
    Field("id", ID, required=True),
    Field("title", Text("a short title"), required=True),
    Field("kind", Text("e.g. 'visit', 'summit', 'coup', 'election', 'statement'"), required=True),
    Field("date", DATE, required=True),
    Field("summary", Text("one or two plain sentences"), required=True),
    Field("places", ListOf(PLACE)),
    Field("participants", ListOf(REF)),
    Field("statements", ListOf(STATEMENT)),
    Field("context", ListOf(CONTEXT)),
    STATUS,
)

FACT_FILE = Table(
    "fact_file",
    (
        Field("visit", VISIT),
        Field("events", ListOf(EVENT)),
        Field("sources", ListOf(SOURCE)),
        Field("people", ListOf(PERSON)),
        Field("orgs", ListOf(ORG)),
    ),
    "a factcli fact file: a visit, related events, sources or registry entries",
)


def check_fact_file(document: dict[str, Any]) -> list[Issue]:
    """Every format problem in one parsed fact file."""
    issues = list(FACT_FILE.check(document, ()))
    if not issues and not document:
        issues.append(((), "the file holds no visit, events, sources, people or orgs"))
    return issues


def json_schema() -> JSON:
    """The Draft-7 JSON Schema of a fact file."""
    definitions: JSON = {}
    for table in walk_tables(FACT_FILE):
        definitions.setdefault(table.name, table.definition())
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "factcli fact file",
        **FACT_FILE.definition(),
        "definitions": definitions,
    }
