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
)
from factcli.errors import NotFoundError, UsageError
from factcli.render.formats import OutputFormat
from factcli.safe import message as safe_message


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
    ] = 70.0,
    as_toml: Annotated[
        bool,
        typer.Option("--toml", help="Print the best passage as a citation to paste into TOML."),
    ] = False,
    facts_dir: FactsDirOption = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Find the verbatim passage of an archived article that a retyped quote comes from."""
    from factcli.query.passages import find_passages
    from factcli.query.quotes import read_archive
    from factcli.render import authoring

    if not text.strip():
        raise UsageError("give the words to look for")
    # A file being written is often incomplete: quote from what loads, listing what did not.
    facts = load(facts_dir, skip_invalid=True)
    texts, missing = read_archive(facts, archive, source)
    for message in missing:
        print(safe_message(f"skipped: {message}"), file=sys.stderr)
    found = find_passages(text, texts, limit=1 if as_toml else limit, min_score=min_score)
    if not found:
        raise NotFoundError(f"no passage scores {min_score:g} or more")
    if as_toml:
        print(authoring.toml_citation(found[0]))
        return
    emit(authoring.passages_report(text, found), output_format, as_json)


def diff(
    old_revision: Annotated[
        str, typer.Argument(metavar="REV1", help="The older side: a git revision.")
    ] = "HEAD",
    new_revision: Annotated[
        str | None,
        typer.Argument(
            metavar="[REV2]", help="The newer side [default: the working tree].", show_default=False
        ),
    ] = None,
    facts_dir: FactsDirOption = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Compare the facts at two git revisions claim by claim, for review.

    REV1 defaults to the last commit (HEAD), REV2 to the working tree. git's
    object store is read through the git command; the checkout is never touched.
    """
    from factcli.model.location import default_facts_dir
    from factcli.model.revisions import WORKING_TREE, Repository
    from factcli.query.diff import diff_facts
    from factcli.render.diff import diff_report

    root = facts_dir or default_facts_dir()
    repository = Repository(root)
    sides = []
    for revision in (old_revision, new_revision):
        if revision is None:
            sides.append(load(root, skip_invalid=True))  # as for a revision: what loads
            continue
        result = repository.load(revision)
        for problem in result.problems:
            print(safe_message(f"skipped: {problem}"), file=sys.stderr)
        sides.append(result.facts)
    labels = (old_revision, new_revision or WORKING_TREE)
    found = diff_facts(sides[0], sides[1])
    if found.empty and not as_json and output_format is OutputFormat.table:
        print(f"No claim differs from {labels[0]} to {labels[1]}.")
        return
    emit(diff_report(found, sides[0], sides[1], labels), output_format, as_json)
