"""Shell completion that knows the data: visit ids, people and organisations.

Completion runs on every Tab press, so it must be quick and must never fail
loudly: a broken or missing fact base simply completes nothing.
"""

from __future__ import annotations

import os
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


def _names(ctx: typer.Context, incomplete: str, kind: str) -> list[str]:
    from factcli.query.text import fold

    facts = _ask(ctx, lambda access: access.registry())
    if facts is None:
        return []
    typed = fold(incomplete)
    found: set[str] = set()
    for entity in facts.entities.values():
        if entity.kind != kind:
            continue
        for spelling in (entity.name, *entity.aliases):
            if fold(spelling[: len(incomplete)]) == typed:
                # Typer keeps only exact-prefix matches, so complete from what was
                # typed: "anth" completes to "anthony Blinken", which still resolves.
                found.add(incomplete + spelling[len(incomplete) :])
    if os.environ.get("_FACTCLI_COMPLETE", "").endswith("bash"):
        # bash inserts a reply as typed; an escaped space keeps a name one word.
        return sorted(name.replace(" ", "\\ ") for name in found)
    return sorted(found)


def person_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Names of people whose name or any alias starts with what was typed."""
    return _names(ctx, incomplete, "person")


def org_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Names of organisations whose name or any alias starts with what was typed."""
    return _names(ctx, incomplete, "org")
