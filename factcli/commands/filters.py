"""The options that narrow visits by date, place and name, and the filter they make.

Kept apart from the query commands so that commands taking these options
(meetings, report) do not import every listing and view at start-up.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from factcli.commands import complete
from factcli.errors import UsageError
from factcli.model.edtf import EdtfError, parse_edtf
from factcli.query import visits as visit_query
from factcli.query.access import FactsAccess
from factcli.query.visits import VisitFilter
from factcli.safe import message

YearOption = Annotated[
    int | None,
    typer.Option("--year", min=1, max=9999, help="Only those overlapping this year."),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Only those that may fall on or after this date (2022, 2022-07 or 2022-07-10). "
        "A record matches when any day it could mean overlaps the period: 'August or "
        "September 2022' matches --since 2022-09, and a visit whose end is not reported "
        "counts as lasting at least to its start.",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Only those that may fall on or before this date (2022, 2022-07 or 2022-07-10); "
        "a month or year counts to its last day, and uncertain dates match as for --since.",
    ),
]
CountryOption = Annotated[
    str | None,
    typer.Option(
        "--country", help="Only those in this country.", autocompletion=complete.countries
    ),
]
CityOption = Annotated[
    str | None,
    typer.Option("--city", help="Only those in this city.", autocompletion=complete.cities),
]
PersonOption = Annotated[
    str | None,
    typer.Option(
        "--person",
        help="Only those this person appears in (any spelling).",
        autocompletion=complete.person_names,
    ),
]
OrgOption = Annotated[
    str | None,
    typer.Option(
        "--org",
        help="Only those this organisation appears in.",
        autocompletion=complete.org_names,
    ),
]


def _day(text: str | None, option: str, latest: bool) -> date | None:
    if text is None:
        return None
    try:
        value = parse_edtf(text)
    except EdtfError:
        value = None
    if value is None or "/" in value.text or value.uncertain or value.approximate:
        raise UsageError(
            f"{option}: {text!r} is not a date; give a date like 2022-07 or 2022-07-10 (or a year)"
        )
    return value.latest if latest else value.earliest


def explain_empty(access: FactsAccess, person: str | None, org: str | None) -> None:
    """Say on stderr where a --person or --org name occurs when filtering by it found nothing."""
    from factcli.query.hits import mention_hint

    if person is not None and (hint := mention_hint(access, person, "person")):
        print(message(f"factcli: {hint}"), file=sys.stderr)
    if org is not None and (hint := mention_hint(access, org, "org")):
        print(message(f"factcli: {hint}"), file=sys.stderr)


def visit_filter(
    year: int | None,
    since: str | None,
    until: str | None,
    country: str | None,
    city: str | None,
    person: str | None,
    org: str | None,
) -> VisitFilter:
    """The filter the visit options ask for; UsageError for a malformed date or an empty period."""
    criteria = VisitFilter(
        year=year,
        since=_day(since, "--since", latest=False),
        until=_day(until, "--until", latest=True),
        country=country,
        city=city,
        person=person,
        org=org,
    )
    if visit_query.empty_period(criteria):
        given = [(o, v) for o, v in (("--year", year), ("--since", since), ("--until", until))]
        options = " ".join(f"{o} {v}" for o, v in given if v is not None)
        raise UsageError(f"{options}: no day is in that period (it would end before it starts)")
    return criteria
