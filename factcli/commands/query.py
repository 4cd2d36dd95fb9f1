"""Query commands: visits, show, person, org, search, timeline, sources, conflicts."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from factcli.commands import complete
from factcli.commands.common import (
    EmptyAnswer,
    FactsDirOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    QuotesOption,
    SkipInvalidOption,
    emit,
    facts_root,
    open_facts,
)
from factcli.commands.filters import (
    CityOption,
    CountryOption,
    OrgOption,
    PersonOption,
    SinceOption,
    UntilOption,
    YearOption,
    explain_empty,
    visit_filter,
)
from factcli.errors import NotFoundError, UsageError
from factcli.model.records import FactBase
from factcli.query import entities, overview
from factcli.query import visits as visit_query
from factcli.query.conflicts import conflicts as find_conflicts
from factcli.render import conflicts as conflict_views
from factcli.render import listings, views
from factcli.render.formats import OutputFormat


def visits(
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    city: CityOption = None,
    person: PersonOption = None,
    org: OrgOption = None,
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List visits: dates, place, occasion, delegation size, main counterparts."""
    criteria = visit_filter(year, since, until, country, city, person, org)
    with open_facts(facts_dir, skip_invalid) as access:
        facts, found = access.visits(criteria)
        if not found:
            explain_empty(access, person, org)
            raise EmptyAnswer(
                "no visit matches those filters",
                views.visits_report(facts, []),
                views.VISIT_FIELDS,
                output_format,
                as_json,
                fields,
            )
    emit(views.visits_report(facts, found), output_format, as_json, fields)


def show(
    visit_id: Annotated[
        str,
        typer.Argument(
            metavar="VISIT",
            help="A visit or event id (see 'factcli visits').",
            autocompletion=complete.visit_ids,
        ),
    ],
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    quotes: QuotesOption = False,
) -> None:
    """Everything about one visit (or related event), every row cited."""
    with open_facts(facts_dir, skip_invalid) as access:
        facts, record = access.record(visit_id)
    emit(views.show_report(facts, record), output_format, as_json, fields, quotes=quotes)


def _entity_command(
    kind: entities.EntityKind,
    name: str,
    facts_dir: FactsDirOption,
    skip_invalid: bool,
    output_format: OutputFormat,
    as_json: bool,
    fields: str | None,
    quotes: bool,
) -> None:
    with open_facts(facts_dir, skip_invalid) as access:
        facts, entity, found = access.entity(name, kind)
    report = views.entity_report(facts, entity, found)
    emit(report, output_format, as_json, fields, quotes=quotes)


def person(
    name: Annotated[
        str,
        typer.Argument(
            help="Any name, alias or spelling; case and accents do not matter.",
            autocompletion=complete.person_names,
        ),
    ],
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    quotes: QuotesOption = False,
) -> None:
    """Who a person is, and every visit, meeting, statement and event they appear in."""
    _entity_command("person", name, facts_dir, skip_invalid, output_format, as_json, fields, quotes)


def org(
    name: Annotated[
        str,
        typer.Argument(
            help="Any name or alias of an organisation.", autocompletion=complete.org_names
        ),
    ],
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    quotes: QuotesOption = False,
) -> None:
    """What an organisation is, and everything it appears in."""
    _entity_command("org", name, facts_dir, skip_invalid, output_format, as_json, fields, quotes)


def search(
    text: Annotated[str, typer.Argument(help="Words to find; case and accents do not matter.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many hits.")
    ] = 20,
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    quotes: QuotesOption = False,
) -> None:
    """Full-text search over every fact and quote, best matches first."""
    from factcli.query.words import parse_query, thesaurus_for

    query = parse_query(text, thesaurus_for(facts_root(facts_dir)))
    with open_facts(facts_dir, skip_invalid) as access:
        try:
            facts, hits = access.search(query, limit)
        except NotFoundError as error:
            empty = listings.search_report(FactBase(), text, [])
            fields_when_empty = listings.SEARCH_FIELDS
            raise EmptyAnswer(
                str(error), empty, fields_when_empty, output_format, as_json, fields
            ) from None
    emit(listings.search_report(facts, text, hits), output_format, as_json, fields, quotes=quotes)


def timeline(
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    city: CityOption = None,
    person: PersonOption = None,
    org: OrgOption = None,
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Visits and related events in date order, drawn as a timeline."""
    criteria = visit_filter(year, since, until, country, city, person, org)
    with open_facts(facts_dir, skip_invalid) as access:
        facts, found = access.timeline(criteria)
        if not found:
            explain_empty(access, person, org)
            raise EmptyAnswer(
                "nothing on the timeline matches those filters",
                listings.timeline_report(facts, []),
                listings.TIMELINE_FIELDS,
                output_format,
                as_json,
                fields,
            )
    emit(listings.timeline_report(facts, found), output_format, as_json, fields)


class SourcesFormat(str, enum.Enum):
    """The formats of ``sources``: every query format, and two bibliography formats."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    csl_json = "csl-json"
    bibtex = "bibtex"


def sources(
    visit: Annotated[
        str | None,
        typer.Option(
            "--visit",
            help="Only the sources this visit or event cites.",
            autocompletion=complete.visit_ids,
        ),
    ] = None,
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: Annotated[
        SourcesFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format; csl-json (Zotero, pandoc) and bibtex (LaTeX) for citing.",
            case_sensitive=False,
        ),
    ] = SourcesFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The bibliography, with how many claims each source supports."""
    with open_facts(facts_dir, skip_invalid) as access:
        facts = access.everything()
    if visit is not None:
        visit_query.get_visit(facts, visit)
    uses = overview.source_usage(facts, visit)
    if not uses:
        if output_format in (SourcesFormat.csl_json, SourcesFormat.bibtex) and not as_json:
            raise NotFoundError("no sources")
        chosen = OutputFormat.json if as_json else OutputFormat(output_format.value)
        raise EmptyAnswer(
            "no sources",
            listings.sources_report(facts, []),
            listings.SOURCES_FIELDS,
            chosen,
            as_json,
            fields,
        )
    if output_format in (SourcesFormat.csl_json, SourcesFormat.bibtex) and not as_json:
        from factcli.render import citations

        if fields is not None:
            raise UsageError("--fields works with --format json, jsonl or csv")
        write = citations.csl_json if output_format is SourcesFormat.csl_json else citations.bibtex
        sys.stdout.write(write([use.source for use in uses]))
        return
    chosen = OutputFormat.json if as_json else OutputFormat(output_format.value)
    emit(listings.sources_report(facts, uses), chosen, as_json, fields)


def conflicts(
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Points on which sources give different figures or words, each version attributed."""
    with open_facts(facts_dir, skip_invalid) as access:
        facts = access.everything()
    found = find_conflicts(facts)
    if not found:
        raise EmptyAnswer(
            "no disagreements between sources are recorded",
            conflict_views.conflicts_report(facts, []),
            conflict_views.CONFLICTS_FIELDS,
            output_format,
            as_json,
            fields,
        )
    emit(conflict_views.conflicts_report(facts, found), output_format, as_json, fields)
