"""Compare two fact bases claim by claim: what a change to the facts adds, removes, edits.

Both sides are walked into claims (``model.claims.walk``). Within each
record's section, claims that are identical on both sides are left out;
the rest are paired when they are about the same subject (or, without one,
at the same position) and reported as changed, field by field, and whatever
is left is added or removed. Records (visits, events, people, organisations,
sources) that appear or disappear are listed too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from factcli.model.claims import Claim, walk
from factcli.model.dates import value_words
from factcli.model.records import DateClaim, Event, FactBase, Source
from factcli.model.values import DateValue, Figure


class FieldChange(NamedTuple):
    """One field of a claim, before and after ('' where it had no value)."""

    field: str
    old: str
    new: str


class ClaimChange(NamedTuple):
    """A claim added, removed or changed; ``claim`` is the newer side unless removed."""

    change: str  # "added", "removed" or "changed"
    claim: Claim
    fields: tuple[FieldChange, ...] = ()


class RecordChange(NamedTuple):
    """A record one side has and the other has not, or whose own (uncited) fields changed."""

    change: str  # "added", "removed" or "changed"
    kind: str  # "visit", "event", "person", "org" or "source"
    id: str
    fields: tuple[FieldChange, ...] = ()


class FactDiff(NamedTuple):
    """Everything that differs between two fact bases."""

    records: tuple[RecordChange, ...]
    claims: tuple[ClaimChange, ...]

    @property
    def empty(self) -> bool:
        """True when the two fact bases say the same things."""
        return not self.records and not self.claims


_EVENT_FIELDS = ("title", "kind", "summary", "participants")
_SOURCE_FIELDS = (
    "publisher",
    "headline",
    "author",
    "translator",
    "reported_by",
    "wire_service",
    "language",
    "url",
    "archive",
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (Figure, DateValue)):
        return value_words(value)
    if isinstance(value, tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _item_fields(claim: Claim) -> Iterator[tuple[str, str]]:
    item = claim.item
    if isinstance(item, DateClaim):
        return
    if isinstance(item, Event):
        names: tuple[str, ...] = _EVENT_FIELDS
    elif isinstance(item, Source):
        names = ()  # its fields are the record's own, compared with the record
    else:
        names = tuple(k for k in item._fields if k not in ("evidence", "date"))
    for name in names:
        yield name, _text(getattr(item, name))


def claim_content(claim: Claim) -> dict[str, str]:
    """A claim as the fields a reviewer compares: its values, date, basis and citations."""
    item = claim.item
    content: dict[str, str] = {}
    if isinstance(item, DateClaim):
        content["date"] = item.value.text
        content["as_stated"] = item.as_stated or ""
    content.update(_item_fields(claim))
    date = claim.date
    # A date claim's own date is the claim; an event's summary is dated by the
    # event, whose date is a claim of its own.
    if date is not None and not isinstance(item, (DateClaim, Event)):
        content["date"] = date.value.text
        content["date.basis"] = date.basis
        content["date.reasoning"] = date.reasoning or ""
        content["date.as_stated"] = date.as_stated or ""
        content["date.alternatives"] = "; ".join(
            f"{other.value.text} ({other.as_stated or 'no words given'})"
            for other in date.alternatives
        )
    content["basis"] = claim.evidence.basis
    content["reasoning"] = claim.evidence.reasoning or ""
    for number, citation in enumerate(claim.cite):
        content[f"cite[{number}]"] = f"{citation.source}: “{citation.quote}”"
    return {k: v for k, v in content.items() if v}


def _field_changes(old: dict[str, str], new: dict[str, str]) -> tuple[FieldChange, ...]:
    names = list(dict.fromkeys([*old, *new]))
    return tuple(
        FieldChange(n, old.get(n, ""), new.get(n, "")) for n in names if old.get(n) != new.get(n)
    )


def _grouped(facts: FactBase) -> dict[tuple[str, str, str], list[Claim]]:
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in walk(facts):
        groups.setdefault((claim.record_kind, claim.record_id, claim.section), []).append(claim)
    return groups


def _pair(olds: list[Claim], news: list[Claim]) -> Iterator[ClaimChange]:
    """The changes within one section of one record, in the newer side's order."""
    old_left = [(c, claim_content(c)) for c in olds]
    new_left = [(c, claim_content(c)) for c in news]
    # Identical on both sides: nothing to review, wherever it moved.
    for entry in list(new_left):
        same = next((o for o in old_left if o[1] == entry[1]), None)
        if same is not None:
            old_left.remove(same)
            new_left.remove(entry)
    for claim, content in new_left:
        match = next(
            (
                o
                for o in old_left
                if o[0].subject == claim.subject and o[0].position == claim.position
            ),
            None,
        )
        if match is None and claim.subject is not None:
            match = next((o for o in old_left if o[0].subject == claim.subject), None)
        if match is None:
            yield ClaimChange("added", claim)
            continue
        old_left.remove(match)
        yield ClaimChange("changed", claim, _field_changes(match[1], content))
    for claim, _ in old_left:
        yield ClaimChange("removed", claim)


#: The fields of a record that are not claims of their own (no citation), by kind.
_RECORD_FIELDS = {
    "visit": ("title", "occasion", "summary"),
    "event": (),  # title, kind, summary and participants are its summary claim
    "person": ("name", "aliases", "country", "note"),
    "org": ("name", "aliases", "country", "note"),
    "source": _SOURCE_FIELDS,
}


def _records(facts: FactBase) -> dict[tuple[str, str], dict[str, str]]:
    """Every record, by (kind, id), with its own uncited fields as text."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    everything: list[tuple[str, Any]] = [("visit", v) for v in facts.visits.values()]
    everything += [("event", e) for e in facts.events.values()]
    everything += [(e.kind, e) for e in facts.entities.values()]
    everything += [("source", s) for s in facts.sources.values()]
    for kind, record in everything:
        found[(kind, record.id)] = {
            name: _text(getattr(record, name)) for name in _RECORD_FIELDS[kind]
        }
    return found


def diff_facts(old: FactBase, new: FactBase) -> FactDiff:
    """What changed from ``old`` to ``new``: records added or removed, claims by claim."""
    old_records, new_records = _records(old), _records(new)
    records = []
    for (kind, record_id), fields in new_records.items():
        before = old_records.get((kind, record_id))
        if before is None:
            records.append(RecordChange("added", kind, record_id))
        elif changed := _field_changes(before, fields):
            records.append(RecordChange("changed", kind, record_id, changed))
    records += [RecordChange("removed", k, i) for k, i in old_records if (k, i) not in new_records]
    old_groups, new_groups = _grouped(old), _grouped(new)
    claims: list[ClaimChange] = []
    for key in dict.fromkeys([*new_groups, *old_groups]):
        claims.extend(_pair(old_groups.get(key, []), new_groups.get(key, [])))
    return FactDiff(tuple(records), tuple(claims))
