"""Options shared by commands, and the steps every command shares."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from factcli.errors import FactcliError, InvalidFactsError, UsageError
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

P = ParamSpec("P")
R = TypeVar("R")


def report_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn factcli's own errors into a message on stderr and their exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InvalidFactsError as error:
            for problem in error.problems:
                print(message(str(problem)), file=sys.stderr)
            print(message(f"factcli: {error}"), file=sys.stderr)
            raise typer.Exit(error.exit_code) from None
        except FactcliError as error:
            # Messages quote names, keys and paths from the data: never raw to a terminal.
            print(message(f"factcli: {error}"), file=sys.stderr)
            raise typer.Exit(error.exit_code) from None

    return wrapper


def facts_root(facts_dir: Path | None) -> Path:
    """The fact base to use: ``--facts-dir`` (or FACTCLI_FACTS_DIR), checked, else the default."""
    from factcli.model.location import bundled_facts_dir, chosen_facts_dir

    root = chosen_facts_dir(facts_dir)
    if facts_dir is None and root == bundled_facts_dir():
        _note_bundled(root)
    return root


@functools.cache
def _note_bundled(root: Path) -> None:
    """Tell a person at a terminal, once a run, that the bundled base answers, not theirs."""
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


#: Fact bases opened once and kept for every question of a batch, while one runs.
_held: dict[tuple[Path, bool], FactsAccess] | None = None


@contextlib.contextmanager
def holding_facts() -> Iterator[None]:
    """Within the block, each fact base is opened (and checked for changes) only once."""
    global _held
    _held = {}
    try:
        yield
    finally:
        held, _held = _held, None
        for access in held.values():
            access.close()


def open_facts(facts_dir: Path | None, skip_invalid: bool = False) -> FactsAccess:
    """Answers from the index when it can give them, else from the files loaded whole."""
    root = facts_root(facts_dir)
    if _held is None:
        return _open_facts(root, facts_dir, skip_invalid)
    key = (root.absolute(), skip_invalid)
    if key not in _held:
        access = _open_facts(root, facts_dir, skip_invalid)
        access.held = True
        _held[key] = access
    return _held[key]


def _open_facts(root: Path, facts_dir: Path | None, skip_invalid: bool) -> FactsAccess:
    from factcli.index.opening import open_index
    from factcli.query.access import LoadedFacts

    indexed = open_index(root)
    if indexed is not None:
        from factcli.index.opening import GuardedIndex

        return GuardedIndex(indexed, lambda: LoadedFacts(load(facts_dir, skip_invalid)))
    return LoadedFacts(load(facts_dir, skip_invalid))


_paging_allowed = True

#: Where reports go instead of stdout while a batch runs (see ``collecting``).
_collector: Callable[[Report], None] | None = None


@contextlib.contextmanager
def collecting(collector: Callable[[Report], None]) -> Iterator[None]:
    """Within the block, every report a command emits goes to ``collector``, not stdout."""
    global _collector
    _collector = collector
    try:
        yield
    finally:
        _collector = None


def use_pager(allowed: bool) -> None:
    """Whether long tables on a terminal may go through the pager (``--no-pager``)."""
    global _paging_allowed
    _paging_allowed = allowed


def _print(report: Report, chosen: OutputFormat) -> None:
    from factcli.render.formats import render

    if _collector is not None:
        _collector(report)
        return
    if chosen in (OutputFormat.table, OutputFormat.markdown) and _paging_allowed:
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


def emit_empty(
    report: Report,
    fields_when_empty: list[str],
    output_format: OutputFormat,
    as_json: bool,
    fields: str | None = None,
) -> None:
    """An empty list, as a document scripts can read: ``[]``, a CSV header row, no JSONL line.

    Table, Markdown and HTML print nothing; the caller then says why on stderr
    and exits 1, as for any answer that found nothing.
    """
    chosen = OutputFormat.json if as_json else output_format
    if chosen in (OutputFormat.json, OutputFormat.jsonl, OutputFormat.csv):
        report.record_fields = fields_when_empty
        emit(report, output_format, as_json, fields)


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
