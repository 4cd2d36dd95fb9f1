"""``factcli report``: a whole document, HTML or Markdown, ready to attach or paste."""

from __future__ import annotations

import enum
import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from factcli.commands import complete
from factcli.commands.common import (
    FactsDirOption,
    SkipInvalidOption,
    check_output,
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
from factcli.query.access import Record
from factcli.query.visits import VisitFilter, get_visit
from factcli.render import views
from factcli.render.formats import OutputFormat, render


class DocumentFormat(str, enum.Enum):
    """The formats a report can be written in."""

    html = "html"
    markdown = "markdown"


_MARKDOWN_SUFFIXES = (".md", ".markdown")


def _chosen_format(requested: DocumentFormat | None, output: Path | None) -> OutputFormat:
    if requested is None:
        is_markdown = output is not None and output.suffix.lower() in _MARKDOWN_SUFFIXES
        requested = DocumentFormat.markdown if is_markdown else DocumentFormat.html
    return OutputFormat(requested.value)


def report(
    visit_ids: Annotated[
        list[str] | None,
        typer.Option(
            "--visit",
            metavar="ID",
            help="Only this visit or event (repeat for more) [default: all of them].",
            autocompletion=complete.visit_ids,
            show_default=False,
        ),
    ] = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    city: CityOption = None,
    person: PersonOption = None,
    org: OrgOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write [default: standard output].",
            show_default=False,
        ),
    ] = None,
    document_format: Annotated[
        DocumentFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html or markdown [default: markdown for a .md output file, else html].",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
) -> None:
    """A self-contained report: every visit in full, numbered citations, one source list."""
    from factcli.export.atomic import is_stdout, write_text_atomically, wrote

    criteria = visit_filter(year, since, until, country, city, person, org)
    if visit_ids and criteria != VisitFilter():
        raise UsageError("--visit picks records itself; leave out the other filters")
    if output is not None:
        check_output(output, facts_dir, force=force)
    chosen = _chosen_format(document_format, output)
    if output is None and chosen is OutputFormat.html and sys.stdout.isatty():
        raise UsageError(
            "a report is an HTML document, not for a terminal: write it to a file with"
            " --output report.html, or ask for --format markdown"
        )
    with open_facts(facts_dir, skip_invalid) as access:
        if visit_ids and len(visit_ids) == 1:
            facts, record = access.record(visit_ids[0])
            records: list[Record] = [record]
        elif visit_ids:
            facts = access.everything()
            records = [get_visit(facts, visit_id) for visit_id in dict.fromkeys(visit_ids)]
        else:
            facts, records = access.timeline(criteria)
        if not records:
            explain_empty(access, person, org)
            raise NotFoundError("no visit or event matches those filters")
    single = visit_ids is not None and len(visit_ids) == 1
    document = (
        views.show_report(facts, records[0]) if single else views.document_report(facts, records)
    )
    if output is None or is_stdout(output):  # '-' is standard output
        render(document, chosen, sys.stdout)
        return
    buffer = io.StringIO()
    render(document, chosen, buffer)
    write_text_atomically(output, buffer.getvalue, replace=force)
    wrote(output)
