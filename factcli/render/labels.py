"""Citation markers, inference footnotes and the labels every report uses for dates and places."""

from __future__ import annotations

from typing import Any

from factcli.model import serialize
from factcli.model.records import DateClaim, Event, Evidence, FactBase, Place, Visit
from factcli.render.report import Cell, Section


class Citations:
    """Numbers sources in the order a report first cites them: [1], [2], ..."""

    def __init__(self, facts: FactBase) -> None:
        """Start with no source numbered and no inference noted."""
        self.facts = facts
        self.numbers: dict[str, int] = {}
        self.reasons: dict[str, int] = {}

    def marks(self, evidence: Evidence | None, extra: DateClaim | None = None) -> Cell:
        """The markers for a claim's sources (and a date's own), plus †n when inferred."""
        ids = list(evidence.source_ids) if evidence else []
        if extra is not None and extra.evidence is not None:
            ids += [i for i in extra.evidence.source_ids if i not in ids]
        text = self.marks_for(tuple(ids)).text
        for reasoning in _reasons(evidence, extra):
            number = self.reasons.setdefault(reasoning, len(self.reasons) + 1)
            text += f"†{number}"
        return Cell(text, dim=True)

    def marks_for(self, source_ids: tuple[str, ...]) -> Cell:
        """The markers for a list of source ids, numbering new ones."""
        for source_id in source_ids:
            self.numbers.setdefault(source_id, len(self.numbers) + 1)
        return Cell("".join(f"[{self.numbers[i]}]" for i in source_ids), dim=True)

    def notes(self) -> list[str]:
        """One line per inference: its marker and its reasoning."""
        return [f"†{n} inferred: {reasoning}" for reasoning, n in self.reasons.items()]

    def section(self) -> Section:
        """The numbered source list."""
        section = Section("Sources", ["#", "Publisher", "Headline", "Published"])
        for source_id, number in self.numbers.items():
            source = self.facts.sources.get(source_id)
            if source is None:
                section.rows.append([f"[{number}]", source_id, "", ""])
                continue
            section.rows.append(
                [
                    f"[{number}]",
                    source.publisher + (f" ({source.wire_service})" if source.wire_service else ""),
                    source.headline or "(no headline)",
                    date_label(source.published),
                ]
            )
        return section

    def data(self) -> list[dict[str, Any]]:
        """The numbered source list as JSON."""
        return [
            {"number": n, **serialize.source_data(self.facts.sources[i])}
            for i, n in self.numbers.items()
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
    """A date as a reader wants it: the EDTF value and the source's own words."""
    if claim is None:
        return ""
    text = claim.value.text.replace("/..", " or later").replace("../", "by ")
    if text.endswith("/"):
        text = text[:-1] + " – ?"
    if claim.as_stated:
        text += f' ("{claim.as_stated}")'
    return text


def place_label(places: tuple[Place, ...]) -> str:
    """Places as 'City, Country; side trip City'."""
    labels = []
    for place in places:
        name = ", ".join(x for x in (place.city, place.country) if x)
        labels.append(name if place.role == "main" else f"{name} ({place.role})")
    return "; ".join(labels)


def span_label(record: Visit | Event) -> str:
    """A visit's 'start – end', or an event's date."""
    if isinstance(record, Event):
        return date_label(record.date)
    end = f" – {date_label(record.end)}" if record.end else " – ?"
    return date_label(record.start) + end
