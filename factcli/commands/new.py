"""``factcli new``: start a fact file from a commented template."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from factcli.commands.common import report_errors
from factcli.errors import OutputError, UsageError
from factcli.model.spec import ID_PATTERN
from factcli.model.templates import TemplateKind, template
from factcli.render.safe import message


@report_errors
def new(
    kind: Annotated[TemplateKind, typer.Argument(help="What the new file holds.")],
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new record's id, e.g. 2023-05-moscow.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write [default: ID.toml here].", show_default=False
        ),
    ] = None,
) -> None:
    """Write a commented template for a new visit, event, source, person or org.

    It never overwrites a file. Fill in every "" and run 'factcli validate'.
    """
    if not re.match(ID_PATTERN, record_id):
        raise UsageError(f"{record_id!r} is not a valid id: use lowercase letters, digits and '-'")
    target = output or Path(f"{record_id}.toml")
    text = template(kind, record_id, target)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise OutputError(f"{target}: already exists; not overwritten") from None
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    print(message(f"wrote {target}"), file=sys.stderr)
