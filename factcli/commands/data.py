"""Commands about the fact base itself: validate, verify-quotes, export, schema."""

from __future__ import annotations

import contextlib
import enum
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from factcli.commands.common import (
    ArchiveOption,
    FactsDirOption,
    FormatOption,
    JsonOption,
    check_output,
    emit,
    facts_root,
    load,
)
from factcli.errors import FailedCheck, InvalidFactsError, UsageError
from factcli.model.records import FactBase
from factcli.render.formats import OutputFormat
from factcli.safe import message
from factcli.wording import counted


class ExportFormat(str, enum.Enum):
    """Formats of a whole-fact-base export."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"
    postgres = "postgres"
    markdown = "markdown"
    annotations = "annotations"


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Fact files or folders [default: the facts dir].", show_default=False),
    ] = None,
    facts_dir: FactsDirOption = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Check syntax, types, required keys, dates, unique ids and references; list every problem."""
    from factcli.model.files import discover
    from factcli.model.loader import load_paths, named_files
    from factcli.render import listings

    files = named_files(paths) if paths else [(p, str(p)) for p in discover(facts_root(facts_dir))]
    result = load_paths(files)
    machine_readable = as_json or output_format is not OutputFormat.table
    if machine_readable:
        emit(listings.problems_report(result.problems, len(files)), output_format, as_json)
    if result.problems:
        if machine_readable:
            raise FailedCheck()  # the problems are the answer, on stdout
        raise InvalidFactsError(result.problems)
    if not machine_readable:
        facts = result.facts
        entities = counted(
            len(facts.entities), "person or organisation", "people and organisations"
        )
        print(
            f"{counted(len(files), 'file')} OK: {counted(len(facts.visits), 'visit')}, "
            f"{counted(len(facts.events), 'event')}, {counted(len(facts.sources), 'source')}, "
            f"{entities}"
        )


def verify_quotes(
    archive: ArchiveOption,
    facts_dir: FactsDirOption = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Check that every quote appears verbatim in the archived text of the source it cites."""
    from factcli.model.claims import walk
    from factcli.query.quotes import verify_quotes as run_check
    from factcli.render import listings
    from factcli.render.progress import Ticker

    facts = load(facts_dir)
    # A bar on stderr only when it is a terminal and the check outlasts half a second.
    ticker = Ticker(sum(1 for _ in walk(facts)), "Checking quotes")
    try:
        result = run_check(facts, archive, ticker.advance)
    finally:
        ticker.close()
    report = listings.quotes_report(result)
    if result.failures or as_json or output_format is not OutputFormat.table:
        emit(report, output_format, as_json)
    else:
        print(f"{report.title}: all verbatim")
    if result.failures:
        raise FailedCheck(report.title)


def export(
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Export format.", case_sensitive=False)
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
    facts_dir: FactsDirOption = None,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive",
            envvar="FACTCLI_ARCHIVE",
            help="Folder of the sources' archived texts (for --format annotations).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the whole fact base to a file, atomically; never overwrites without --force.

    --format annotations writes every citation as a W3C Web Annotation (JSON-LD)
    on the archived texts, so it needs --archive. --format postgres writes a psql
    script that loads the SQLite export's tables in one transaction, with
    full-text search: psql -v ON_ERROR_STOP=1 -d DATABASE -f FILE.
    """
    from factcli.export.atomic import (
        is_special,
        is_stdout,
        write_atomically,
        write_text_atomically,
        write_text_stream_atomically,
        wrote,
    )

    if export_format is ExportFormat.sqlite and (is_stdout(output) or is_special(output)):
        raise UsageError(f"--output {output}: an SQLite database is a file; name a regular one")
    if export_format is ExportFormat.annotations and archive is None:
        raise UsageError("--format annotations needs --archive (or FACTCLI_ARCHIVE)")
    check_output(output, facts_dir, force=force)
    # Datasette reads descriptions, labels and facets from a metadata file, not the database.
    metadata = output.with_name(f"{output.stem}.metadata.json")
    if export_format is ExportFormat.sqlite:
        check_output(metadata, facts_dir, force=force)
    facts = _load_showing_progress(facts_dir)
    if export_format is ExportFormat.annotations and archive is not None:
        from factcli.export.annotations import to_annotations

        where = archive
        write_text_atomically(output, lambda: to_annotations(facts, where), replace=force)
    elif export_format is ExportFormat.postgres:
        from factcli.export.postgres import write_postgres

        with _writing(facts, output) as step:
            write_text_stream_atomically(
                output, lambda out: write_postgres(facts, out, step), replace=force
            )
    elif export_format is ExportFormat.sqlite:
        from factcli.export.datasette import datasette_metadata
        from factcli.export.sqlite import write_sqlite

        with _writing(facts, output) as step:
            write_atomically(output, lambda temp: write_sqlite(facts, temp, step), replace=force)
        document = datasette_metadata(output.stem)
        write_text_atomically(
            metadata, lambda: json.dumps(document, indent=2) + "\n", replace=force
        )
        wrote(output, metadata)
        print(message(f"browse it with: datasette {output} --metadata {metadata}"), file=sys.stderr)
        return
    else:
        from factcli.export.documents import TEXT_EXPORTS

        write_text_atomically(
            output, lambda: TEXT_EXPORTS[export_format.value](facts), replace=force
        )
    wrote(output)


def _load_showing_progress(facts_dir: Path | None) -> FactBase:
    """The fact base, with a bar on stderr while its files are read, once that proves slow."""
    from factcli.model.files import discover
    from factcli.render.progress import Ticker

    ticker = Ticker(len(discover(facts_root(facts_dir))), "Reading the fact files")
    try:
        return load(facts_dir, step=ticker.advance)
    finally:
        ticker.close()


@contextlib.contextmanager
def _writing(facts: FactBase, output: Path) -> Iterator[Callable[[], None]]:
    """A step to call as each record is written, drawn on stderr once the writing proves slow."""
    from factcli.export.tables import record_count
    from factcli.render.progress import Ticker

    ticker = Ticker(record_count(facts), f"Writing {output.name}")
    try:
        yield ticker.advance
    finally:
        ticker.close()


def schema() -> None:
    """Print the JSON Schema (Draft 7) of a fact file, for editors and validators."""
    from factcli.model.format import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
