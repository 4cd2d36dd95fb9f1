"""``factcli new``: start a fact file from a commented template."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from factcli.errors import OutputError, UsageError
from factcli.model.spec import ID_PATTERN
from factcli.model.templates import TemplateKind, template
from factcli.safe import message


def new(
    kind: Annotated[TemplateKind, typer.Argument(help="What the new file holds.")],
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new record's id, e.g. 2024-05-capital.")
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


def init(
    directory: Annotated[
        Path,
        typer.Argument(
            help="Folder for the new fact base [default: this folder].", show_default=False
        ),
    ] = Path("."),
) -> None:
    """Start an empty fact base that validates: registry files, visits/, events/, a ledger.

    It writes sources.toml, people.toml, orgs.toml, visits/, events/, an empty
    coverage ledger and thesaurus (their format in comments), the JSON Schema
    with taplo.toml for checks as you type, and a README. It never overwrites
    anything: if any of them exists, it writes nothing.
    """
    import json

    from factcli.model.format import json_schema
    from factcli.model.scaffold import FOLDERS, existing_paths, scaffold_files

    files = scaffold_files(json.dumps(json_schema(), indent=2) + "\n")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: is not a directory")
    if taken := existing_paths(directory, files):
        listing = ", ".join(str(p) for p in taken)
        raise OutputError(f"{directory}: already has {listing}; nothing written")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for folder in FOLDERS:
            (directory / folder).mkdir()
        for name, text in files.items():
            with (directory / name).open("x", encoding="utf-8") as handle:
                handle.write(text)
    except OSError as error:
        raise OutputError(f"{directory}: cannot write: {error.strerror or error}") from None
    hint = "next: factcli new source ID (its README says what comes after)"
    print(message(f"started a fact base in {directory}; {hint}"), file=sys.stderr)
