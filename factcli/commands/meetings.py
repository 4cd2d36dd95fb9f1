"""``factcli meetings``: every recorded meeting, one row each."""

from __future__ import annotations

from typing import Annotated

import typer

from factcli.commands import complete
from factcli.commands.common import (
    FactsDirOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    QuotesOption,
    SkipInvalidOption,
    emit,
    open_facts,
    report_errors,
)
from factcli.commands.filters import (
    SinceOption,
    UntilOption,
    YearOption,
    explain_empty,
    visit_filter,
)
from factcli.errors import NotFoundError
from factcli.render.formats import OutputFormat


@report_errors
def meetings(
    person: Annotated[
        str | None,
        typer.Option(
            "--person",
            help="Only meetings this person or organisation took part in, on either side.",
            autocompletion=complete.entity_names,
        ),
    ] = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    quotes: QuotesOption = False,
) -> None:
    """Every recorded meeting across visits and events: date, place, who met whom, topics.

    A meeting is a visit's counterpart (the chief met them, or was to meet
    them where the sources only announce it) or an event of kind meeting or
    talks with two or more participants. Each row has its own date when a
    source gives one, else it is shown within its visit.
    """
    from factcli.query.meetings import meetings as find_meetings
    from factcli.render.meetings import meetings_report

    criteria = visit_filter(year, since, until, None, None, person, None)
    with open_facts(facts_dir, skip_invalid) as access:
        facts = access.everything()
        found = find_meetings(facts, criteria)
        if not found:
            explain_empty(access, person, None)
            raise NotFoundError("no meeting matches those filters")
    emit(meetings_report(facts, found), output_format, as_json, fields, quotes=quotes)
