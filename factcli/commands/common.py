"""Options shared by commands, and the steps every command shares."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from factcli.commands.session import current
from factcli.errors import FactcliError, InvalidFactsError, NotFoundError, UsageError
from factcli.model.records import FactBase
from factcli.query.access import FactsAccess
from factcli.render.formats import OutputFormat
from factcli.render.report import Report
from factcli.safe import message

FactsDirOption = Annotated[
    Path | None,
    typer.Option(
        "--facts-dir",
        "-d",
        envvar="FACTCLI_FACTS_DIR",
        help="Folder of fact files, before or after the command name [default: the nearest "
        "folder holding sources.toml (or its facts/ subfolder) here or above, else the "
        "bundled fact base; see 'factcli info'].",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Comma-separated fields to keep in json, jsonl or csv output, e.g. id,start,city.",
        show_default=False,
    ),
]
QuotesOption = Annotated[
    bool,
    typer.Option("--quotes", help="Print the quoted words under each row (JSON always has them)."),
]
ArchiveOption = Annotated[
    Path,
    typer.Option(
        "--archive",
        envvar="FACTCLI_ARCHIVE",
        help="Folder holding the sources' archived texts.",
        show_default=False,
    ),
]
SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Answer from the valid files even if some are broken (they are listed on stderr).",
    ),
]


class EmptyAnswer(NotFoundError):
    """Nothing matched: scripts still get an empty document (``[]``, a CSV header) on stdout.

    Raised instead of printing: the one handler (``report_error``) prints the
    empty answer in the format asked, then the message, and exits 1.
    """

    def __init__(
        self,
        summary: str,
        report: Report,
        fields_when_empty: list[str],
        output_format: OutputFormat,
        as_json: bool,
        fields: str | None = None,
    ) -> None:
        super().__init__(summary)
        self.report = report
        self.fields_when_empty = fields_when_empty
        self.output_format = output_format
        self.as_json = as_json
        self.fields = fields


def report_error(error: FactcliError) -> int:
    """Say what went wrong on stderr (after an empty answer on stdout); the exit code."""
    if isinstance(error, EmptyAnswer):
        try:
            _emit_empty(error)
        except FactcliError as worse:  # --fields that the empty answer has not got
            return report_error(worse)
    if isinstance(error, InvalidFactsError):
        for problem in error.problems:
            print(message(str(problem)), file=sys.stderr)
    if str(error):
        # Messages quote names, keys and paths from the data: never raw to a terminal.
        print(message(f"factcli: {error}"), file=sys.stderr)
    return error.exit_code


def facts_root(facts_dir: Path | None) -> Path:
    """The fact base to use: ``--facts-dir`` (or FACTCLI_FACTS_DIR), checked, else the default."""
    from factcli.model.location import bundled_facts_dir, chosen_facts_dir

    root = chosen_facts_dir(facts_dir)
    if facts_dir is None and root == bundled_facts_dir():
        _note_bundled(root)
    return root


def _note_bundled(root: Path) -> None:
    """Tell a person at a terminal, once a run, that the bundled base answers, not theirs."""
    noted = current().noted_bundled
    if root in noted:
        return
    noted.add(root)
    if sys.stderr.isatty():
        print(
            message(
                f"note: no fact base here or above (no sources.toml), so the bundled one "
                f"answers: {root}; 'factcli init' starts your own"
            ),
            file=sys.stderr,
        )


def load(
    facts_dir: Path | None, skip_invalid: bool = False, step: Callable[[], object] | None = None
) -> FactBase:
    """The fact base to answer from; broken files stop it unless ``skip_invalid``.

    ``step``, if given, is called once for each fact file read.
    """
    from factcli.model.loader import load_facts

    facts, problems = load_facts(facts_root(facts_dir), skip_invalid=skip_invalid, step=step)
    if problems:
        for problem in problems:
            print(message(f"skipped: {problem}"), file=sys.stderr)
    return facts


def check_output(target: Path, facts_dir: Path | None, *, force: bool) -> None:
    """Refuse an output file that exists (without ``force``) or would be read as facts."""
    from factcli.export.atomic import check_target
    from factcli.model.files import discover
    from factcli.model.location import default_facts_dir

    root = facts_dir or default_facts_dir()
    if root.is_dir():
        check_target(target, force=force, protected=discover(root), facts_root=root)
    else:
        check_target(target, force=force)


def open_facts(facts_dir: Path | None, skip_invalid: bool = False) -> FactsAccess:
    """Answers from the index when it can give them, else from the files loaded whole."""
    root = facts_root(facts_dir)
    held = current().held
    if held is None:
        return _open_facts(root, facts_dir, skip_invalid)
    key = (root.absolute(), skip_invalid)
    if key not in held:
        access = _open_facts(root, facts_dir, skip_invalid)
        access.held = True
        held[key] = access
    return held[key]


def _open_facts(root: Path, facts_dir: Path | None, skip_invalid: bool) -> FactsAccess:
    from factcli.index.opening import open_index
    from factcli.query.access import LoadedFacts

    indexed = open_index(root)
    if indexed is not None:
        from factcli.index.opening import GuardedIndex

        return GuardedIndex(indexed, lambda: LoadedFacts(load(facts_dir, skip_invalid)))
    return LoadedFacts(load(facts_dir, skip_invalid))


def _print(report: Report, chosen: OutputFormat) -> None:
    from factcli.render.formats import render

    session = current()
    if session.collector is not None:
        session.collector(report)
        return
    if chosen in (OutputFormat.table, OutputFormat.markdown) and session.paging_allowed:
        from factcli.render.pager import pager_command

        command = pager_command() if sys.stdout.isatty() else None
        if command is not None:
            from factcli.render.pager import page, terminal_buffer

            buffer = terminal_buffer()
            render(report, chosen, buffer)
            if page(buffer.getvalue(), command):
                return
            sys.stdout.write(buffer.getvalue())
            return
    render(report, chosen, sys.stdout)


def _emit_empty(empty: EmptyAnswer) -> None:
    """An empty list, as a document scripts can read: ``[]``, a CSV header row, no JSONL line.

    Table, Markdown and HTML print nothing: the message on stderr says why.
    """
    chosen = OutputFormat.json if empty.as_json else empty.output_format
    if chosen in (OutputFormat.json, OutputFormat.jsonl, OutputFormat.csv):
        empty.report.record_fields = empty.fields_when_empty
        emit(empty.report, empty.output_format, empty.as_json, empty.fields)


def emit(
    report: Report,
    output_format: OutputFormat,
    as_json: bool,
    fields: str | None = None,
    *,
    quotes: bool = False,
) -> None:
    """Print a report on stdout in the chosen format, keeping only ``fields`` if given.

    With ``quotes`` (``--quotes``) each cited row of a table is followed by its quotes.
    """
    from factcli.render.report import select_fields, with_quotes

    if quotes:
        report = with_quotes(report)
    chosen = OutputFormat.json if as_json else output_format
    if fields is not None:
        if chosen not in (OutputFormat.json, OutputFormat.jsonl, OutputFormat.csv):
            raise UsageError("--fields works with --format json, jsonl or csv")
        wanted = [f.strip() for f in fields.split(",") if f.strip()]
        try:
            report = select_fields(report, wanted, flat=chosen is OutputFormat.csv)
        except KeyError as error:
            raise UsageError(f"--fields: unknown field; available: {error.args[0]}") from None
    _print(report, chosen)
