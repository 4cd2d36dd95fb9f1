"""The factcli command line: parse arguments, call the query layer, hand results to a renderer."""

from __future__ import annotations

from typing import Annotated

import typer

from factcli import __version__
from factcli.commands import common, data, new, query, report

app = typer.Typer(
    name="factcli",
    help="Answers about documented facts, every answer backed by a cited source.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        print(f"factcli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long tables straight to the terminal (FACTCLI_PAGER, PAGER set the pager).",
        ),
    ] = False,
) -> None:
    """Answers about documented facts, every answer backed by a cited source."""
    common.use_pager(not no_pager)


app.command("visits")(query.visits)
app.command("show")(query.show)
app.command("person")(query.person)
app.command("org")(query.org)
app.command("search")(query.search)
app.command("timeline")(query.timeline)
app.command("sources")(query.sources)
app.command("conflicts")(query.conflicts)
app.command("report")(report.report)
app.command("validate")(data.validate)
app.command("verify-quotes")(data.verify_quotes)
app.command("export")(data.export)
app.command("schema")(data.schema)
app.command("new")(new.new)


def main() -> None:
    """Entry point of the ``factcli`` command."""
    app()
