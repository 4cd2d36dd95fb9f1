"""The batch command: many lookups in one run, one line of JSON per line of input.

Each line runs through the very same Click command objects as a command line
does, so a command is defined once; only where its report goes differs.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from factcli.commands import common
from factcli.errors import EXIT_NOT_FOUND, EXIT_USAGE
from factcli.render.formats import batch_line
from factcli.render.report import Report

_PREFIX = "factcli: "


def batch(
    facts_dir: Annotated[
        Path | None,
        typer.Option(
            "--facts-dir",
            "-d",
            envvar="FACTCLI_FACTS_DIR",
            help="Folder of fact files for every line that names none [default: the bundled one].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run one command per line of stdin (--json implied); print one JSON line per command."""
    group = _command_group()
    runnable = sorted(name for name, command in group.commands.items() if _speaks_json(command))
    failed = False
    with _default_facts_dir(facts_dir), common.holding_facts():
        for number, text in enumerate(sys.stdin, start=1):
            answer = run_line(group, runnable, number, text.rstrip("\r\n"))
            if answer is None:
                continue
            line, ok = answer
            failed = failed or not ok
            sys.stdout.write(line + "\n")
            sys.stdout.flush()  # a script reading the answers as they come sees each at once
    if failed:
        raise typer.Exit(EXIT_NOT_FOUND)


def _command_group() -> TyperGroup:
    from factcli.cli import make_app

    group = typer.main.get_command(make_app())
    if not isinstance(group, TyperGroup):  # pragma: no cover - make_app has several commands
        raise TypeError("the factcli command line is not a command group")
    return group


def _speaks_json(command: Any) -> bool:
    return any("--json" in parameter.opts for parameter in command.params)


@contextlib.contextmanager
def _default_facts_dir(facts_dir: Path | None) -> Iterator[None]:
    """Lines without ``-d`` use the batch's folder: through the option's own variable."""
    if facts_dir is None:
        yield
        return
    before = os.environ.get("FACTCLI_FACTS_DIR")
    os.environ["FACTCLI_FACTS_DIR"] = str(facts_dir)
    try:
        yield
    finally:
        if before is None:
            del os.environ["FACTCLI_FACTS_DIR"]
        else:
            os.environ["FACTCLI_FACTS_DIR"] = before


def run_line(
    group: TyperGroup, runnable: list[str], number: int, text: str
) -> tuple[str, bool] | None:
    """The JSON line answering one input line and whether it succeeded; None for a blank line."""
    try:
        args = shlex.split(text, comments=True)
    except ValueError as error:
        return batch_line(number, text, EXIT_USAGE, error=f"cannot split the line: {error}"), False
    if args[:1] == ["factcli"]:
        args = args[1:]
    if not args:
        return None
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name not in runnable:
        if name is None:
            problem = "no command given"
        elif name in group.commands:
            problem = f"{name!r} cannot run in a batch"
        else:
            problem = f"no such command {name!r}"
        message = f"{problem}; a batch runs {', '.join(runnable)}"
        return batch_line(number, text, EXIT_USAGE, error=message), False
    place = args.index(name) + 1
    chosen = _format_asked(args[place:])
    if chosen is not None and chosen.lower() != "json":
        message = f"--format {chosen}: a batch answers in JSON only; leave --format out"
        return batch_line(number, text, EXIT_USAGE, error=message), False
    args[place:place] = ["--json"]  # before any '--', so it stays an option
    code, result, errors, messages = _invoke(group, args)
    return batch_line(number, text, code, result, errors, messages), code == 0


def _format_asked(args: list[str]) -> str | None:
    """The value of the last --format (-f) among a command's arguments, None if none is given."""
    chosen = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--format", "-f") and index + 1 < len(args):
            chosen = args[index + 1]
        elif arg.startswith("--format="):
            chosen = arg.removeprefix("--format=")
        elif arg.startswith("-f") and not arg.startswith("--") and len(arg) > 2:
            chosen = arg[2:]
    return chosen


def _invoke(group: TyperGroup, args: list[str]) -> tuple[int, Any, str | None, list[str]]:
    """Run one command line: its exit code, JSON data, error message and other messages."""
    reports: list[Report] = []
    out, err = io.StringIO(), io.StringIO()
    error: str | None = None
    with (
        common.collecting(reports.append),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            returned = group.main(args, prog_name="factcli", standalone_mode=False)
            code = returned if isinstance(returned, int) else 0
        except typer.Abort:
            code, error = EXIT_NOT_FOUND, "aborted"
        except Exception as problem:
            # Click's usage errors; Click's own module differs between typer releases.
            format_message = getattr(problem, "format_message", None)
            if format_message is None:
                raise
            code, error = getattr(problem, "exit_code", EXIT_USAGE), str(format_message())
    messages: list[str] = []
    for said in err.getvalue().splitlines():
        if said.startswith(_PREFIX) and error is None:
            error = said.removeprefix(_PREFIX)
        elif said:
            messages.append(said)
    printed = out.getvalue().strip()
    if printed:
        messages.append(printed)  # e.g. --help, which prints text rather than a report
    result = reports[-1].data if reports else None
    return code, result, error, messages
