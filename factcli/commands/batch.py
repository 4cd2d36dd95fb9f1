"""The batch command: many lookups in one run, one line of JSON per line of input.

Each line runs through the very same Click command objects as a command line
does, so a command is defined once; only where its report goes differs.

A batch line is data, not a command line: it can run only the lookup
commands, and nothing but a facts folder may come before the command name
(no ``--install-completion``, ``--version`` or ``--help`` of the program).
Input is read as bytes, a line at a time and never more than
``MAX_LINE_BYTES`` of one: a byte-order mark is dropped, and a line that is
not UTF-8 or too long gets an error line of its own. Every line but a blank
one or a ``#`` comment gets exactly one line of output.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any, NamedTuple

import typer
from typer.core import TyperGroup

from factcli.commands import FACTS_DIR_OPTIONS
from factcli.commands.session import Session, current
from factcli.errors import EXIT_NOT_FOUND, EXIT_USAGE, FailedCheck
from factcli.render.formats import batch_line
from factcli.render.report import Report
from factcli.safe import shorten

_PREFIX = "factcli: "
#: The longest line a batch reads (64 KiB); a longer one is an error, read no further.
#: Splitting a line into words costs more than linear time on very long lines.
MAX_LINE_BYTES = 64 * 1024
_BOM = b"\xef\xbb\xbf"


class BadLine(NamedTuple):
    """An input line that cannot be run: what it shows of itself, and why."""

    shown: str
    problem: str


def batch(
    ctx: typer.Context,
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
    group = _command_group(ctx)
    runnable = sorted(name for name, command in group.commands.items() if _speaks_json(command))
    failed = False
    # A folder from -d goes to each line as -d; one from FACTCLI_FACTS_DIR is there already,
    # and each line's messages say which of the two named it.
    from_option = facts_dir is not None and os.environ.get("FACTCLI_FACTS_DIR") != str(facts_dir)
    default = facts_dir if from_option else None
    session = current()
    with session.holding_facts():
        for number, text in enumerate(read_lines(_input()), start=1):
            if isinstance(text, BadLine):
                answer: tuple[str, bool] | None = (
                    batch_line(number, text.shown, EXIT_USAGE, error=text.problem),
                    False,
                )
            else:
                answer = run_line(group, runnable, number, text, session, default)
            if answer is None:
                continue
            line, ok = answer
            failed = failed or not ok
            sys.stdout.write(line + "\n")
            sys.stdout.flush()  # a script reading the answers as they come sees each at once
    if failed:
        raise FailedCheck()  # each failed line says why, in its own JSON line


def _command_group(ctx: typer.Context) -> TyperGroup:
    """Every command, from the program's own group: a run registers only the one it runs."""
    root = ctx.find_root().command
    every_command = getattr(root, "every_command", None)
    if every_command is None:
        raise TypeError("batch runs inside the factcli command group")
    group: TyperGroup = every_command()
    return group


def _speaks_json(command: Any) -> bool:
    return any("--json" in parameter.opts for parameter in command.params)


def _input() -> IO[bytes]:
    """Standard input as bytes, however it was given (a test runner's may be text only)."""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else io.BytesIO(sys.stdin.read().encode("utf-8"))


def read_lines(stream: IO[bytes]) -> Iterator[str | BadLine]:
    """Each line of ``stream`` as text, or as a BadLine when it is not UTF-8 or too long.

    At most ``MAX_LINE_BYTES`` of a line are kept; the rest of a longer one is
    read and dropped a piece at a time, so memory stays small and time linear.
    """
    first = True
    while chunk := stream.readline(MAX_LINE_BYTES + 1):
        if first and chunk.startswith(_BOM):
            chunk = chunk[len(_BOM) :]
        first = False
        if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
            length = len(chunk)
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                length += len(rest)
            length += len(rest.rstrip(b"\r\n"))  # the line, without its end
            shown = shorten(chunk.decode("utf-8", "replace"), 80)
            yield BadLine(shown, f"line is {length} bytes long; the limit is {MAX_LINE_BYTES}")
            continue
        chunk = chunk.rstrip(b"\r\n")
        try:
            yield chunk.decode("utf-8")
        except UnicodeDecodeError as error:
            shown = shorten(chunk.decode("utf-8", "replace"))
            yield BadLine(shown, f"line is not UTF-8 text (byte {error.start} is not)")


def _command_name(args: list[str]) -> str | None:
    """The command a line names; None if none, or if another option comes before it.

    Only a facts folder (``-d DIR``) may come before the command: the program's
    own options install completions, print help or the version, not answers.
    """
    position = 0
    while position < len(args):
        arg = args[position]
        if arg in FACTS_DIR_OPTIONS:
            position += 2
        elif arg.startswith("--facts-dir=") or (arg.startswith("-d") and len(arg) > 2):
            position += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def _names_facts_dir(args: list[str]) -> bool:
    """Whether a line gives its own facts folder (as an option: not after ``--``)."""
    options = args[: args.index("--")] if "--" in args else args
    return any(
        arg in FACTS_DIR_OPTIONS
        or arg.startswith("--facts-dir=")
        or (arg.startswith("-d") and not arg.startswith("--"))
        for arg in options
    )


def run_line(
    group: TyperGroup,
    runnable: list[str],
    number: int,
    text: str,
    session: Session,
    facts_dir: Path | None = None,
) -> tuple[str, bool] | None:
    """The JSON line answering one input line and whether it succeeded; None for a blank line.

    ``facts_dir``: the folder for a line that names none (the batch's ``-d``).
    """
    shown = shorten(text)
    try:
        args = shlex.split(text, comments=True)
    except ValueError as error:
        return batch_line(number, shown, EXIT_USAGE, error=f"cannot split the line: {error}"), False
    if args[:1] == ["factcli"]:
        args = args[1:]
    if not args:
        return None
    name = _command_name(args)
    if name not in runnable:
        if name is None:
            first = next((arg for arg in args if arg.startswith("-")), "")
            problem = (
                f"{shorten(first, 80)!r} cannot come before the command in a batch"
                if first and first not in FACTS_DIR_OPTIONS
                else "no command given"
            )
        elif name in group.commands:
            problem = f"{name!r} cannot run in a batch"
        else:
            problem = f"no such command {shorten(name, 80)!r}"
        message = f"{problem}; a batch runs {', '.join(runnable)}"
        return batch_line(number, shown, EXIT_USAGE, error=message), False
    place = args.index(name) + 1
    chosen = _format_asked(args[place:])
    if chosen is not None and chosen.lower() != "json":
        message = f"--format {chosen}: a batch answers in JSON only; leave --format out"
        return batch_line(number, shown, EXIT_USAGE, error=message), False
    own_dir = [] if facts_dir is None or _names_facts_dir(args) else ["--facts-dir", str(facts_dir)]
    args[place:place] = ["--json", *own_dir]  # before any '--', so they stay options
    code, result, errors, messages = _invoke(group, args, session)
    return batch_line(number, shown, code, result, errors, messages), code == 0


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


def _invoke(
    group: TyperGroup, args: list[str], session: Session
) -> tuple[int, Any, str | None, list[str]]:
    """Run one command line: its exit code, JSON data, error message and other messages."""
    reports: list[Report] = []
    out, err = io.StringIO(), io.StringIO()
    error: str | None = None
    with (
        session.collecting(reports.append),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            # The batch's session: its held fact bases, and the report collected.
            returned = group.main(args, prog_name="factcli", standalone_mode=False, obj=session)
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
