"""The one exception family factcli raises; the CLI maps each to an exit code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from factcli.safe import printable
from factcli.wording import counted

EXIT_NOT_FOUND = 1
EXIT_USAGE = 2


class Problem(NamedTuple):
    """One thing wrong with a fact file, located as precisely as known."""

    file: str
    message: str
    key_path: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where, self.key_path, self.message] if self.key_path else [where, self.message]
        # File names and keys come from the data: one line, no control character raw.
        return printable(": ".join(parts))


class FactcliError(Exception):
    """Base of every error factcli reports to a user (never as a traceback)."""

    exit_code = EXIT_NOT_FOUND


class NotFoundError(FactcliError):
    """A visit, person, org or search term that matches nothing."""


class AmbiguousError(FactcliError):
    """A name that matches several records; the message lists them."""


class FactsDirError(FactcliError):
    """The facts directory is missing, not a directory, or unreadable."""


class OutputError(FactcliError):
    """An output file that cannot or must not be written."""


class UsageError(FactcliError):
    """Arguments that do not make sense together."""

    exit_code = EXIT_USAGE


class FailedCheck(FactcliError):
    """A check (or a batch) whose answer, printed in full, reports failures: exit 1.

    Its message is a summary for stderr, or empty when the answer says it all.
    """


class InvalidFactsError(FactcliError):
    """A fact base with problems; carries every one of them."""

    def __init__(self, problems: Sequence[Problem], hint: str = "") -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        summary = f"{counted(count, 'problem')} in the fact base"
        super().__init__(summary + (f"; {hint}" if hint else ""))
