"""Shell completion that knows the data: visit ids, people and organisations.

Completion runs on every Tab press, so it must be quick and must never fail
loudly: a broken or missing fact base simply completes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from factcli.query.access import FactsAccess

T = TypeVar("T")


def _ask(ctx: typer.Context, question: Callable[[FactsAccess], T]) -> T | None:
    """Ask the fact base the command line points at (through the index when it can).

    None when it cannot answer: a broken or missing fact base completes nothing.
    """
    from factcli.commands.common import open_facts
    from factcli.errors import FactcliError

    chosen = ctx.params.get("facts_dir")
    try:
        with open_facts(Path(chosen) if chosen else None) as access:
            return question(access)
    except (FactcliError, OSError):
        return None


def visit_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids of visits and related events starting with what was typed."""
    ids = _ask(ctx, lambda access: access.record_ids()) or []
    return [i for i in ids if i.startswith(incomplete)]


def _names(ctx: typer.Context, incomplete: str, kind: str | None) -> list[str]:
    facts = _ask(ctx, lambda access: access.registry())
    if facts is None:
        return []
    spellings = [
        spelling
        for entity in facts.entities.values()
        if kind in (None, entity.kind)
        for spelling in (entity.name, *entity.aliases)
    ]
    return _offer(incomplete, spellings, surnames=True)


def _offer(incomplete: str, values: list[str], *, surnames: bool = False) -> list[str]:
    """The values that start with what was typed (any case or accents), ready for the shell.

    With ``surnames``, a name also completes from any of its later words:
    "dro" offers "Dron", which resolves to Pavel Dron like any spelling.
    """
    from factcli.query.text import fold

    typed = fold(incomplete)
    found: set[str] = set()
    for value in values:
        words = value.split(" ")
        tails = [" ".join(words[i:]) for i in range(len(words))] if surnames else [value]
        for tail in tails:
            if fold(tail[: len(incomplete)]) == typed:
                # Typer keeps only exact-prefix matches, so complete from what was
                # typed: "pav" completes to "pavel Dron", which still resolves.
                found.add(incomplete + tail[len(incomplete) :])
    if os.environ.get("_FACTCLI_COMPLETE", "").endswith("bash"):
        # bash inserts a reply as typed: escape what the shell would split or expand.
        return sorted(_BASH_SPECIAL.sub(r"\\\g<0>", name) for name in found)
    return sorted(found)


#: Characters bash would split a word at or expand, escaped in a completion.
_BASH_SPECIAL = re.compile(r"[\s'\"\\$`&|;<>()!*?\[\]#~{}]")


def place_values(ctx: typer.Context, incomplete: str, part: str) -> list[str]:
    """Cities or countries of the places the facts record."""
    facts = _ask(ctx, lambda access: access.everything())
    if facts is None:
        return []
    places = [p for record in facts.items() for p in record.places]
    values = {getattr(p, part) for p in places} - {None, ""}
    return _offer(incomplete, sorted(values))


def countries(ctx: typer.Context, incomplete: str) -> list[str]:
    """Countries of the recorded places starting with what was typed."""
    return place_values(ctx, incomplete, "country")


def cities(ctx: typer.Context, incomplete: str) -> list[str]:
    """Cities of the recorded places starting with what was typed."""
    return place_values(ctx, incomplete, "city")


def entity_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Names of people and organisations starting with what was typed."""
    return _names(ctx, incomplete, None)


def person_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Names of people whose name or any alias starts with what was typed."""
    return _names(ctx, incomplete, "person")


def org_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Names of organisations whose name or any alias starts with what was typed."""
    return _names(ctx, incomplete, "org")
