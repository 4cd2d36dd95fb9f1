"""Citation markers, inference footnotes and the labels every report uses for dates and places."""

from __future__ import annotations

from typing import Any

from factcli.model import serialize
from factcli.model.claims import Within, date_citations
from factcli.model.dates import date_text, record_dates_text
from factcli.model.records import (
    Citation,
    DateClaim,
    Event,
    Evidence,
    FactBase,
    Place,
    Source,
    Status,
    Visit,
)
from factcli.render.report import Cell, InferenceNote, Marks, Report, SourceNote


class Citations:
    """Gives each cited source its number in the fact base's bibliography: [n] is the n-th source.

    The numbers are the order of the source files (``FactBase.source_numbers``),
    so ``[2]`` is the same article in every command and format. One instance
    may serve several reports, so that a document made of them (``factcli
    report``) lists its sources once.
    """

    def __init__(self, facts: FactBase) -> None:
        """Start with no source cited and no inference noted."""
        self.facts = facts
        self.bibliography = facts.source_numbers()
        self.source_count = facts.source_count()
        self.numbers: dict[str, int] = {}
        self.reasons: dict[str, int] = {}

    def marks(self, evidence: Evidence | None, extra: DateClaim | None = None) -> Cell:
        """The markers for a claim's sources (and a date's own), plus †n when inferred."""
        citations = list(evidence.cite) if evidence else []
        if extra is not None:
            citations += [c for c in date_citations(extra) if c not in citations]
        ids = tuple(dict.fromkeys(c.source for c in citations))
        inferences = tuple(
            self.reasons.setdefault(reasoning, len(self.reasons) + 1)
            for reasoning in _reasons(evidence, extra)
        )
        numbers = tuple(sorted(self._number(ids)))
        quotes = tuple((self.numbers[c.source], c.quote) for c in citations)
        by = evidence.according_to if evidence and evidence.according_to else ""
        # A registered party is shown by its name; the article's own words as they are.
        named = self.facts.name_of(by) if by in self.facts.entities else by
        return Cell("", marks=Marks(numbers, inferences, quotes, named))

    def marks_for(self, source_ids: tuple[str, ...], cited: tuple[Citation, ...] = ()) -> Cell:
        """The markers for a list of source ids, carrying the quotes ``cited`` for ``--quotes``."""
        numbers = self._number(source_ids)
        quotes = tuple((n, c.quote) for c in cited for n in self._number((c.source,)))
        return Cell("", marks=Marks(numbers, (), quotes))

    def labelled(self, text: str, evidence: Evidence | None, extra: DateClaim | None) -> Cell:
        """``text`` followed by the markers for its claim."""
        return Cell(text, marks=self.marks(evidence, extra).marks)

    def _number(self, source_ids: tuple[str, ...]) -> tuple[int, ...]:
        for source_id in source_ids:
            if source_id not in self.numbers:
                # A source the base does not list (only in a broken base) goes after the rest.
                fallback = self.source_count + len(self.numbers) + 1
                self.numbers[source_id] = self.bibliography.get(source_id, fallback)
        return tuple(self.numbers[i] for i in source_ids)

    def inferences(self) -> list[InferenceNote]:
        """One note per inference: its number and its reasoning."""
        return [InferenceNote(n, reasoning) for reasoning, n in self.reasons.items()]

    def sources(self) -> list[SourceNote]:
        """The sources cited, by number."""
        notes = []
        for source_id, number in sorted(self.numbers.items(), key=lambda item: item[1]):
            source = self.facts.sources.get(source_id)
            if source is None:
                notes.append(SourceNote(number, source_id, source_id, None, ""))
                continue
            notes.append(
                SourceNote(
                    number,
                    source_id,
                    publisher_label(source),
                    source.headline,
                    date_label(source.published),
                    source.archive,
                    source.url,
                )
            )
        return notes

    def attach(self, report: Report) -> Report:
        """``report`` with the sources and inferences its markers point to."""
        report.sources = self.sources()
        report.inferences = self.inferences()
        return report

    def data(self) -> list[dict[str, Any]]:
        """The numbered source list as JSON."""
        return [
            {"number": n, **serialize.source_data(self.facts.sources[i])}
            for i, n in sorted(self.numbers.items(), key=lambda item: item[1])
            if i in self.facts.sources
        ]


def _reasons(evidence: Evidence | None, date: DateClaim | None) -> list[str]:
    found = []
    if evidence is not None and evidence.basis == "inferred":
        found.append(evidence.reasoning or "no reasoning given")
    if date is not None and date.basis == "inferred":
        found.append(date.reasoning or "no reasoning given")
    return found


def date_label(claim: DateClaim | None) -> str:
    """A date in plain words, marked when inferred, then the source's own words."""
    return date_text(claim, as_stated=True)


def within_label(within: Within | None) -> str:
    """The dates of the record around an undated claim, labelled as context, not as its date."""
    if within is None:
        return "undated"
    return f"undated; {within.kind} {within.text}"


def claim_date_cell(date: DateClaim | None, within: Within | None) -> Cell:
    """A claim's own date; for an undated claim, its record's dates, dimmed and labelled."""
    if date is not None:
        return Cell(date_label(date))
    return Cell(within_label(within), dim=True)


def place_label(places: tuple[Place, ...]) -> str:
    """Places as 'City, Country; City (side trip)', or a route's stops as 'A → B → C'."""
    labels = []
    for place in places:
        name = status_label(where_label(place.city, place.country), place.status)
        labels.append(name if place.role in ("main", "stop") else f"{name} ({place.role})")
    route = any(place.role == "stop" for place in places)
    return (" → " if route else "; ").join(labels)


def span_label(record: Visit | Event) -> str:
    """A visit's 'start – end', or an event's date, in plain words."""
    return record_dates_text(record)


def status_label(name: str, status: Status) -> str:
    """A name as lists show it, its status in words unless held: 'King Anselm (planned)'."""
    return name if status == "held" else f"{name} ({status})"


def where_label(place: str | None, country: str | None) -> str:
    """A place and its country as 'Place, Country', either left out when unknown."""
    return ", ".join(x for x in (place, country) if x)


#: After a publisher the source's entry infers rather than finds printed in the article.
INFERRED_PUBLISHER = " (inferred)"


def publisher_label(source: Source) -> str:
    """The publisher as every source list shows it, marked when inferred: 'Daily (inferred)'.

    A source entry's ``basis`` is that of its publisher and credits; the headline is
    only ever given as printed, so it is never inferred.
    """
    inferred = source.evidence is not None and source.evidence.basis == "inferred"
    return source.byline + (INFERRED_PUBLISHER if inferred else "")
