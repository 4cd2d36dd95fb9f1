"""Points on which the sources give different versions, each point with a verdict.

A point is either the context claims that share a ``point`` slug, one version
per claim, or a date that the sources give differently: a date table with
``alternatives``, its own value being the first version. Whether the versions
can all be true is ``model.values.verdict``.
"""

from __future__ import annotations

from typing import NamedTuple

from factcli.model.claims import Claim, walk
from factcli.model.records import ContextNote, DateClaim, Evidence, FactBase
from factcli.model.values import DateValue, Value, Verdict, verdict


class Version(NamedTuple):
    """One source's version of a point: its value, what it rests on and the claim it is in."""

    value: Value
    note: str | None  # the context claim's note; None for a version of a date
    date: DateClaim | None  # when a figure holds ("as of"), if dated; None for a date
    evidence: Evidence  # the citations of this version only
    claim: Claim
    as_stated: str | None = None  # for a version of a date: the source's words for it


class Conflict(NamedTuple):
    """A point on which sources give different versions, and whether they can all be true."""

    point: str
    topic: str
    verdict: Verdict
    versions: tuple[Version, ...]


def _context_point(point: str, notes: list[tuple[Claim, ContextNote, Value]]) -> Conflict | None:
    versions = tuple(Version(v, n.note, c.date, c.evidence, c) for c, n, v in notes)
    if len({v.value for v in versions}) < 2:
        return None
    return Conflict(point, notes[0][1].topic, verdict([v.value for v in versions]), versions)


def date_point(claim: Claim) -> str:
    """The point a date with alternatives makes: ``2024-05-westmark/counterparts[3]/date``."""
    return f"{claim.record_id}/{claim.where}/date"


def _date_versions(facts: FactBase, claim: Claim, date: DateClaim) -> Conflict:
    cite = date.evidence.cite if date.evidence else claim.evidence.cite
    own = Evidence(cite, date.basis, date.reasoning)
    first = Version(DateValue(date.value), None, None, own, claim, date.as_stated)
    others = [
        Version(DateValue(a.value), None, None, a.evidence, claim, a.as_stated)
        for a in date.alternatives
    ]
    versions = (first, *others)
    who = f" ({facts.name_of(claim.subject)})" if claim.subject else ""
    topic = f"date of {claim.where}{who}"
    return Conflict(date_point(claim), topic, verdict([v.value for v in versions]), versions)


def conflicts(facts: FactBase) -> list[Conflict]:
    """Every point several claims give different values for, and every date given differently."""
    by_point: dict[str, list[tuple[Claim, ContextNote, Value]]] = {}
    dates: list[Conflict] = []
    for claim in walk(facts):
        item = claim.item
        if isinstance(item, ContextNote) and item.point and item.value is not None:
            by_point.setdefault(item.point, []).append((claim, item, item.value))
        # An event's date is walked twice, in what happened and as its own claim: once is enough.
        if claim.date is not None and claim.date.alternatives and claim.section != "summary":
            dates.append(_date_versions(facts, claim, claim.date))
    found = [c for p, claims in by_point.items() if (c := _context_point(p, claims))]
    return sorted([*found, *dates], key=lambda c: c.point)
