"""Search hits as a reader wants them: one per claim, labelled in words, with its quotes.

``statement by Thein Tun Oo, June 2021 visit`` rather than
``statements[1].speaker``; the matched field's snippet and the claim's own
verbatim quotes and sources beside it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from factcli.errors import FactcliError
from factcli.model.claims import (
    DATE_SECTIONS,
    Claim,
    SectionName,
    entity_claims,
    record_claims,
    source_claims,
)
from factcli.model.dates import plain_date
from factcli.model.edtf import EdtfError, parse_edtf
from factcli.model.records import Event, FactBase, Statement, Visit
from factcli.query.access import FactsAccess
from factcli.query.entities import EntityKind, find_entity
from factcli.query.search import SearchHit
from factcli.query.text import fold
from factcli.query.words import Alternative, Query, Unit
from factcli.wording import counted

#: How a claim of each section is named; ``{who}`` is its subject's name.
_NOUNS: dict[SectionName, str] = {
    "statements": "statement by {who}",
    "counterparts": "meeting with {who}",
    "delegation": "delegation member {who}",
    "agreements": "agreement",
    "activities": "activity",
    "context": "background note",
    "characterisations": "description",
    "places": "place",
    "roles": "role of {who}",
    "start": "start date",
    "end": "end date",
    "date": "date",
    "published": "publication date",
    "credits": "credits",
}


class ClaimHit(NamedTuple):
    """The hits inside one claim (or one registry or headline field), best first."""

    label: str
    text: SearchHit | None  # the best hit in a field other than a quote
    quote: SearchHit | None  # the best hit in one of its quotes
    quotes: tuple[str, ...]  # the claim's verbatim quotes
    sources: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    claim_text: str  # what the claim says ('' for a registry name or a headline)
    claim: Claim | None  # the claim itself (None for a registry name or a headline)


def _month(record: Visit) -> str:
    """A visit named by its month: 'June 2021', 'August or September 2022'."""
    text = re.sub(r"(\d{4}-\d{2})-\d{2}", r"\1", record.start.value.text)
    try:
        return plain_date(parse_edtf(text))
    except EdtfError:  # pragma: no cover - truncating a valid date keeps it valid
        return plain_date(record.start.value)


def record_words(record: Visit | Event) -> str:
    """A visit or event in words: 'June 2021 visit', 'event “Minister visits the capital”'."""
    if isinstance(record, Visit):
        return f"{_month(record)} visit"
    return f"event “{record.title}”"


def _claim(facts: FactBase, hit: SearchHit) -> Claim | None:
    record = facts.visits.get(hit.record_id) or facts.events.get(hit.record_id)
    if record is not None and hit.record_kind in ("visit", "event"):
        claims = record_claims(record)
    elif (entity := facts.entities.get(hit.record_id)) is not None:
        claims = entity_claims(entity)
    elif (source := facts.sources.get(hit.record_id)) is not None:
        claims = source_claims(source)
    else:
        return None
    return next((c for c in claims if c.where == hit.section), None)


def hit_label(facts: FactBase, hit: SearchHit, claim: Claim | None) -> str:
    """Where a hit is, in words."""
    record = facts.visits.get(hit.record_id) or facts.events.get(hit.record_id)
    inside = record_words(record) if record is not None else ""
    if hit.section == "summary" and isinstance(record, Visit):
        return f"{'title' if hit.field == 'title' else 'summary'} of the {inside}"
    if claim is not None and claim.section == "summary" and record is not None:
        return inside
    if hit.section == "registry":
        return f"{'person' if hit.record_kind == 'person' else 'organisation'} {hit.snippet}"
    if hit.section == "bibliography":
        source = facts.sources.get(hit.record_id)
        return f"headline of {source.byline if source else hit.record_id}"
    noun = _NOUNS.get(claim.section, "") if claim else ""
    if claim is not None and isinstance(claim.item, Statement) and claim.item.reported:
        noun = "reported speech of {who}"
    who = facts.name_of(claim.subject) if claim and claim.subject else ""
    words = noun.format(who=who).strip() if noun else hit.section
    if claim is not None and not claim.setting.held:
        words = f"{words} ({claim.setting.status})"  # a plan or a hedge, never passed off as done
    if claim is not None and claim.record_kind in ("person", "org"):
        return words if who else f"{words} of {facts.name_of(claim.record_id)}"
    if claim is not None and claim.record_kind == "source":
        source = facts.sources.get(claim.record_id)
        return f"{words} of {source.byline if source else claim.record_id}"
    return f"{words}, {inside}" if inside else words


def by_claim(facts: FactBase, hits: list[SearchHit]) -> list[ClaimHit]:
    """Hits grouped by the claim they are in, in the order of each claim's best hit."""
    groups: dict[tuple[str, str], list[SearchHit]] = {}
    for hit in hits:
        groups.setdefault((hit.record_id, hit.section), []).append(hit)
    found = []
    for group in groups.values():
        claim = _claim(facts, group[0])
        text = next((h for h in group if h.field != "quote"), None)
        quote = next((h for h in group if h.field == "quote"), None)
        quotes = tuple(dict.fromkeys(c.quote for c in claim.cite)) if claim else ()
        sources = claim.source_ids if claim else group[0].sources
        label = hit_label(facts, group[0], claim)
        claim_text = claim.text if claim and claim.section not in DATE_SECTIONS else ""
        found.append(ClaimHit(label, text, quote, quotes, sources, tuple(group), claim_text, claim))
    return found


def mention_hint(access: FactsAccess, name: str, kind: EntityKind) -> str | None:
    """When a --person or --org filter found nothing: where the name does occur, if anywhere.

    'Vladimir Putin is named in 1 claim: factcli search "Vladimir Putin"', or
    None when the facts never mention it.
    """
    registry = access.registry()
    try:
        entity = find_entity(registry, name, kind)
        shown, names = entity.name, (entity.name, *entity.aliases)
    except FactcliError:
        shown, names = name, (name,)
    try:
        _, hits = access.search(Query(shown, (_exact_unit(names),)), 200)
    except FactcliError:
        return None
    claims = {(h.record_id, h.section) for h in hits if h.section not in ("registry",)}
    if not claims:
        return None
    count = counted(len(claims), "claim")
    return f'{shown} is named in {count}, though not as taking part: factcli search "{shown}"'


def _exact_unit(names: tuple[str, ...]) -> Unit:
    """Any of the names, each word for word."""
    spelled = dict.fromkeys(tuple(fold(n).split()) for n in names if fold(n))
    return Unit(names[0], tuple(Alternative(words, by_stem=False) for words in spelled))
