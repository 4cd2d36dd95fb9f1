"""Commands for the people who write the facts: quote (and, later, diff)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from factcli.commands.common import (
    ArchiveOption,
    FactsDirOption,
    FormatOption,
    JsonOption,
    emit,
    load,
    report_errors,
)
from factcli.errors import NotFoundError, UsageError
from factcli.render.formats import OutputFormat


@report_errors
def quote(
    text: Annotated[str, typer.Argument(help="The quote as you remember it.")],
    archive: ArchiveOption,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Search only this source's text.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many passages.")
    ] = 5,
    min_score: Annotated[
        float,
        typer.Option("--min-score", min=0, max=100, help="Hide passages scoring below this."),
    ] = 60.0,
    as_toml: Annotated[
        bool,
        typer.Option("--toml", help="Print the best passage as a citation to paste into TOML."),
    ] = False,
    facts_dir: FactsDirOption = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Find the verbatim passage of an archived article that a retyped quote comes from.

    Example: factcli quote 'the embassy described it as "private"' --archive sources --toml
    """
    from factcli.query.passages import find_passages, read_archive
    from factcli.render import authoring

    if not text.strip():
        raise UsageError("give the words to look for")
    facts = load(facts_dir)
    texts, missing = read_archive(facts, archive, source)
    for message in missing:
        print(f"skipped: {message}", file=sys.stderr)
    found = find_passages(text, texts, limit=1 if as_toml else limit, min_score=min_score)
    if not found:
        raise NotFoundError(f"no passage scores {min_score:g} or more")
    if as_toml:
        print(authoring.toml_citation(found[0]))
        return
    emit(authoring.passages_report(text, found), output_format, as_json)
