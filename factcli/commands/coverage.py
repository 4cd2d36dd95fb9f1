"""``factcli coverage``: which sentences of the archived articles the fact base states."""

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
from factcli.errors import FailedCheck
from factcli.render.formats import OutputFormat
from factcli.safe import message as safe_message


def coverage(
    archive: ArchiveOption,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Only this source (a source id).")
    ] = None,
    uncovered: Annotated[
        bool, typer.Option("--uncovered", help="List only the sentences nothing accounts for.")
    ] = False,
    facts_dir: FactsDirOption = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Per source, the share of sentences the claims state; exit 1 while any is not.

    A sentence a claim cites but whose fact-bearing words no claim states is
    listed as partly stated, with those words. Sentences that carry no fact
    ([[skip]]), or whose unstated remainder carries none ([[remainder]]), are
    listed once, with a reason, in the facts folder's coverage.toml. Exits 1
    while a sentence is uncovered or partly stated and not excused, or a
    ledger entry matches or excuses nothing. Example: factcli coverage
    --archive sources --uncovered
    """
    from factcli.model.ledger import load_ledger
    from factcli.model.location import default_facts_dir
    from factcli.query.coverage import coverage as measure
    from factcli.query.quotes import read_archive
    from factcli.render.coverage import coverage_report

    facts = load(facts_dir)
    ledger = load_ledger(facts_dir or default_facts_dir())
    archived, missing = read_archive(facts, archive, source)
    for message in missing:
        print(safe_message(f"skipped: {message}"), file=sys.stderr)
    texts = {a.source_id: a.text for a in archived if a.source_id is not None}
    result = measure(facts, texts, ledger, source)
    emit(coverage_report(result, uncovered_only=uncovered), output_format, as_json)
    problems = []
    if result.uncovered:
        problems.append(f"{result.uncovered} sentence(s) neither cited nor in the ledger")
    if result.partly_stated:
        problems.append(
            f"{result.partly_stated} sentence(s) partly stated: words that carry a fact"
            " are stated by no claim and excused by no [[remainder]]"
        )
    if result.stale:
        problems.append(f"{len(result.stale)} ledger entr(ies) match no sentence")
    if problems:
        raise FailedCheck("; ".join(problems))
    if uncovered:
        # The table has nothing to show: say why, where a message belongs.
        print("factcli: every sentence is cited or in the ledger", file=sys.stderr)
