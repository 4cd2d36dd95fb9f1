"""The factcli command line: parse arguments, call the query layer, hand results to a renderer."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Any

import typer

from factcli import __version__

#: Every command, and where its function lives. A run imports and registers
#: only the command it was asked for, so a lookup in a shell loop does not pay
#: for building every other command's options.
COMMANDS: dict[str, tuple[str, str]] = {
    "visits": ("factcli.commands.query", "visits"),
    "show": ("factcli.commands.query", "show"),
    "person": ("factcli.commands.query", "person"),
    "org": ("factcli.commands.query", "org"),
    "search": ("factcli.commands.query", "search"),
    "timeline": ("factcli.commands.query", "timeline"),
    "meetings": ("factcli.commands.query", "meetings"),
    "sources": ("factcli.commands.query", "sources"),
    "conflicts": ("factcli.commands.query", "conflicts"),
    "report": ("factcli.commands.report", "report"),
    "validate": ("factcli.commands.data", "validate"),
    "verify-quotes": ("factcli.commands.data", "verify_quotes"),
    "coverage": ("factcli.commands.coverage", "coverage"),
    "export": ("factcli.commands.data", "export"),
    "schema": ("factcli.commands.data", "schema"),
    "new": ("factcli.commands.new", "new"),
    "batch": ("factcli.commands.batch", "batch"),
    "quote": ("factcli.commands.authoring", "quote"),
    "diff": ("factcli.commands.authoring", "diff"),
}


def _show_version(value: bool) -> None:
    if value:
        print(f"factcli {__version__}")
        raise typer.Exit()


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
    from factcli.commands import common

    common.use_pager(not no_pager)


def make_app(only: str | None = None) -> typer.Typer:
    """The command line with every command, or with just the command ``only``."""
    cli = typer.Typer(
        name="factcli",
        help="Answers about documented facts, every answer backed by a cited source.",
        context_settings={"help_option_names": ["-h", "--help"]},
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    cli.callback()(main_options)
    for name, (module, function) in COMMANDS.items():
        if only is None or name == only:
            cli.command(name)(getattr(importlib.import_module(module), function))
    return cli


def invoked_command(argv: list[str]) -> str | None:
    """The command a command line runs, if it names one (global options take no value)."""
    if "_FACTCLI_COMPLETE" in os.environ:
        return None  # shell completion offers every command
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    """``app``: the full command line, built on first use (tests, documentation)."""
    if name == "app":
        return make_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``factcli`` command."""
    from factcli.process import run

    run(lambda: make_app(invoked_command(sys.argv[1:]))())
