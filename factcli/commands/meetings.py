"""``factcli meetings``: every recorded meeting, one row each."""

from __future__ import annotations

import enum
from typing import Annotated, cast

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
    open_facts,
)
from factcli.commands.filters import (
    SinceOption,
    UntilOption,
    YearOption,
    explain_empty,
    visit_filter,
)
from factcli.model.records import STATUSES, Status
from factcli.render.formats import OutputFormat

#: The statuses --status accepts, as Click lists them in --help and errors.
StatusChoice = enum.Enum("StatusChoice", {s.replace(" ", "_"): s for s in STATUSES}, type=str)  # type: ignore[misc]


def meetings(
    person: Annotated[
        str | None,
        typer.Option(
            "--person",
            help="Only meetings this person or organisation took part in, on either side.",
            autocompletion=complete.entity_names,
        ),
    ] = None,
    status: Annotated[
        list[StatusChoice] | None,
        typer.Option(
            "--status",
            help="Only meetings with this status (repeat for several): held, planned, "
            "expected or ruled out.",
            show_default=False,
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

    A meeting is a visit's counterpart (the visitor met them; or, by its
    status, was to meet them, was expected to, or a source says there would
    be no meeting) or an event of kind meeting or talks with two or more
    participants. Each row has its own date and place when a source gives
    them; an undated one is shown within its visit, and a place is never
    borrowed from the visit.
    """
    from factcli.query.meetings import meetings as find_meetings
    from factcli.render.meetings import MEETING_FIELDS, meetings_report

    criteria = visit_filter(year, since, until, None, None, person, None)
    with open_facts(facts_dir, skip_invalid) as access:
        facts = access.everything()
        statuses = frozenset(cast(Status, s.value) for s in status) if status else None
        found = find_meetings(facts, criteria, statuses)
        if not found:
            explain_empty(access, person, None)
            raise EmptyAnswer(
                "no meeting matches those filters",
                meetings_report(facts, []),
                MEETING_FIELDS,
                output_format,
                as_json,
                fields,
            )
    emit(meetings_report(facts, found), output_format, as_json, fields, quotes=quotes)
