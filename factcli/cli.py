"""The factcli command line: parse arguments, call the query layer, hand results to a renderer."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from factcli import __version__
from factcli.commands import FACTS_DIR_OPTIONS
from factcli.commands.examples import epilog

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
    "meetings": ("factcli.commands.meetings", "meetings"),
    "info": ("factcli.commands.info", "info"),
    "sources": ("factcli.commands.query", "sources"),
    "conflicts": ("factcli.commands.query", "conflicts"),
    "report": ("factcli.commands.report", "report"),
    "validate": ("factcli.commands.data", "validate"),
    "verify-quotes": ("factcli.commands.data", "verify_quotes"),
    "coverage": ("factcli.commands.coverage", "coverage"),
    "export": ("factcli.commands.data", "export"),
    "schema": ("factcli.commands.data", "schema"),
    "new": ("factcli.commands.new", "new"),
    "init": ("factcli.commands.new", "init"),
    "batch": ("factcli.commands.batch", "batch"),
    "quote": ("factcli.commands.authoring", "quote"),
    "diff": ("factcli.commands.authoring", "diff"),
}


def _show_version(value: bool) -> None:
    if value:
        print(f"factcli {__version__}")
        raise typer.Exit()


def main_options(
    ctx: typer.Context,
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
    from factcli.commands.session import Session, begin

    # A batch runs each line with its own session as ``obj``; otherwise a run begins here.
    session = ctx.obj if isinstance(ctx.obj, Session) else Session()
    session.paging_allowed = not no_pager
    ctx.obj = begin(session)


#: Options of the whole program that may also be written after the command name.
GLOBAL_FLAGS = frozenset({"--no-pager"})


def arrange(args: list[str]) -> list[str]:
    """The command line with options in the places Click expects them.

    ``factcli visits --no-pager`` and ``factcli -d DIR visits`` work as
    ``factcli --no-pager visits`` and ``factcli visits -d DIR`` do: a global
    flag after the command moves before it, a facts folder before the command
    moves after it. Nothing after a ``--`` is touched.
    """
    before: list[str] = []
    moved_after: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--" or (not arg.startswith("-") and arg):
            break
        if arg in FACTS_DIR_OPTIONS and position + 1 < len(args):
            moved_after += args[position : position + 2]
            position += 2
            continue
        if arg.startswith("--facts-dir="):
            moved_after.append(arg)
        else:
            before.append(arg)
        position += 1
    rest = args[position:]
    if not rest:
        return before + moved_after
    command, after = rest[0], rest[1:]
    end = after.index("--") if "--" in after else len(after)
    flags = [a for a in after[:end] if a in GLOBAL_FLAGS]
    kept = [a for a in after[:end] if a not in GLOBAL_FLAGS] + after[end:]
    if command == "--":
        return before + moved_after + rest
    return before + flags + [command] + moved_after + kept


class _Group(TyperGroup):
    """factcli's command group: options before or after the command name (see ``arrange``)."""

    # Any: typer 0.12 passes click's Context, typer 0.28 its own vendored copy's.
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Arrange the options, then parse as usual."""
        return super().parse_args(ctx, arrange(args))

    def invoke(self, ctx: Any) -> Any:
        """Run the command; factcli's own errors become a message on stderr and an exit code.

        The one place they are caught: commands raise, never print and exit.
        """
        from factcli.errors import FactcliError

        try:
            return super().invoke(ctx)
        except FactcliError as error:
            from factcli.commands.common import report_error

            raise typer.Exit(report_error(error)) from None

    def every_command(self) -> TyperGroup:
        """The group with every command, whichever this run registered (for ``batch``)."""
        group = typer.main.get_command(make_app())
        if not isinstance(group, TyperGroup):  # pragma: no cover - make_app has several commands
            raise TypeError("the factcli command line is not a command group")
        return group


def make_app(only: str | None = None) -> typer.Typer:
    """The command line with every command, or with just the command ``only``."""
    cli = typer.Typer(
        name="factcli",
        cls=_Group,
        help="Answers about documented facts, every answer backed by a cited source.",
        context_settings={"help_option_names": ["-h", "--help"]},
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    cli.callback()(main_options)
    for name, (module, function) in COMMANDS.items():
        if only is None or name == only:
            cli.command(name, epilog=epilog(name))(
                getattr(importlib.import_module(module), function)
            )
    return cli


def invoked_command(argv: list[str]) -> str | None:
    """The command a command line runs, if it names one (global options take no value)."""
    if "_FACTCLI_COMPLETE" in os.environ:
        return None  # shell completion offers every command
    for arg in arrange(argv):
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
