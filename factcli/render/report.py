"""A renderer-neutral answer: the data for scripts and the sections for people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from factcli.model.dates import INFERRED_LEGEND, shows_inferred_mark

#: Marks a quote can open with. One that does is shown as it is: another mark
#: before it would read as a doubled mark (““Military…), and one after it
#: would close a quotation the text itself closes in the middle (…,” he said.).
OPENING_MARKS = ("“", '"', "„", "«", "‘")


def in_quote_marks(quote: str) -> str:
    """A verbatim quote between “ and ”, unless it opens with a quotation mark of its own."""
    return quote if quote.startswith(OPENING_MARKS) else f"“{quote}”"


class Marks(NamedTuple):
    """Citation markers after a value: numbered sources [1] and numbered inferences †1.

    ``quotes`` are the verbatim passages cited, each with its source's number,
    for renderers that can show them.
    """

    sources: tuple[int, ...] = ()
    inferences: tuple[int, ...] = ()
    quotes: tuple[tuple[int, str], ...] = ()
    #: Who within the cited article asserts the claim, shown after its markers.
    according_to: str = ""

    @property
    def attribution(self) -> str:
        """``according to official press statements``, or nothing."""
        return f"according to {self.according_to}" if self.according_to else ""

    @property
    def text(self) -> str:
        """The markers as plain text: ``[1][2]†1``, then any attribution."""
        marks = "".join(f"[{n}]" for n in self.sources) + "".join(f"†{n}" for n in self.inferences)
        return " ".join(t for t in (marks, self.attribution) if t)


class Cell(NamedTuple):
    """A table cell; ``highlights`` are character spans to emphasise (search matches).

    ``marks`` are the citations that follow the text; each format draws them its own
    way (plain ``[1]``, Markdown footnotes, HTML links).
    """

    text: str
    highlights: tuple[tuple[int, int], ...] = ()
    dim: bool = False
    marks: Marks | None = None
    #: The ``key`` of the document part this cell names, for formats that can link.
    part: str = ""


CellLike = Cell | str


@dataclass(slots=True)
class Section:
    """A titled table; ``kind='timeline'`` asks table renderers to draw a timeline."""

    title: str
    columns: list[str]
    rows: list[list[CellLike]] = field(default_factory=list)
    kind: str = "table"


class SourceNote(NamedTuple):
    """A numbered entry of a report's source list."""

    number: int
    source_id: str
    publisher: str
    headline: str | None
    published: str
    archive: str | None = None
    url: str | None = None

    @property
    def citation(self) -> str:
        """The entry as one line: publisher, headline, date, archived copy."""
        parts = [self.publisher, f"“{self.headline}”" if self.headline else "(no headline)"]
        parts.append(f"published {self.published}")
        if self.archive:
            parts.append(f"archived text {self.archive}")
        return ", ".join(parts) + "."


class InferenceNote(NamedTuple):
    """A numbered note saying how an inferred claim was worked out."""

    number: int
    reasoning: str

    @property
    def text(self) -> str:
        """The note as one line: ``†1 inferred: ...``."""
        return f"†{self.number} inferred: {self.reasoning}"


@dataclass(slots=True)
class Report:
    """One command's answer in every form a renderer may need.

    ``data`` is the JSON document; ``records`` the flat rows for CSV and JSONL;
    ``header`` key/value lines shown above the sections in human formats;
    ``sources`` and ``inferences`` what the citation markers point to. A long
    document (``factcli report``) is made of ``parts``, each a Report of its
    own, sharing the document's source and inference numbering.
    """

    data: Any
    records: list[dict[str, Any]]
    sections: list[Section]
    title: str = ""
    header: list[tuple[str, CellLike]] = field(default_factory=list)
    sources: list[SourceNote] = field(default_factory=list)
    inferences: list[InferenceNote] = field(default_factory=list)
    parts: list[Report] = field(default_factory=list)
    #: The record id a part is about, for links into a document (``#record-ID``).
    key: str = ""
    #: CSV columns to use when ``records`` is empty (a header row is still an answer).
    record_fields: list[str] = field(default_factory=list)


def cell_text(cell: CellLike) -> str:
    """The plain text of a cell, its citation markers included."""
    if isinstance(cell, str):
        return cell
    if cell.marks is None:
        return cell.text
    return " ".join(t for t in (cell.text, cell.marks.text) if t)


def legend(cells: Iterable[CellLike]) -> str:
    """The line to print under a table or header whose cells show an inferred date, else ''."""
    if any(shows_inferred_mark(cell_text(cell)) for cell in cells):
        return INFERRED_LEGEND
    return ""


def section_legend(section: Section) -> str:
    """The legend line under ``section``, '' when none of its dates is marked inferred."""
    return legend(cell for row in section.rows for cell in row)


def header_legend(report: Report) -> str:
    """The legend line under a report's header, '' when no header date is marked inferred."""
    return legend(value for _, value in report.header)


def _widest_column(section: Section) -> int:
    """The column (not "Src") that holds the most text, where quotes wrap best."""
    columns = range(len(section.columns) - 1 or 1)
    return max(columns, key=lambda i: max(len(cell_text(r[i])) for r in section.rows))


def _quote_row(row: list[CellLike], width: int, widest: int) -> list[CellLike] | None:
    """A row under ``row`` holding the verbatim quotes its citations point to, if any."""
    quotes = [q for cell in row if isinstance(cell, Cell) and cell.marks for q in cell.marks.quotes]
    if not quotes:
        return None
    text = " ".join(f"[{n}] {in_quote_marks(quote)}" for n, quote in dict.fromkeys(quotes))
    return [Cell(text, dim=True) if i == widest else "" for i in range(width)]


def with_quotes(report: Report) -> Report:
    """The report with each cited row of a table followed by a row of its quotes, verbatim.

    For formats that show the page, not hover text: print, phones, ``show --quotes``.
    """
    sections = []
    for section in report.sections:
        if section.kind != "table" or not section.rows:
            sections.append(section)
            continue
        # Measured once per table, not once per cited row.
        widest = _widest_column(section)
        rows: list[list[CellLike]] = []
        for row in section.rows:
            rows.append(row)
            if (quoted := _quote_row(row, len(section.columns), widest)) is not None:
                rows.append(quoted)
        sections.append(replace(section, rows=rows))
    parts = [with_quotes(part) for part in report.parts]
    return replace(report, sections=sections, parts=parts)


def sources_section(sources: list[SourceNote]) -> Section:
    """The numbered source list as a table, for formats without footnotes."""
    section = Section("Sources", ["#", "Publisher", "Headline", "Published"])
    for note in sources:
        section.rows.append(
            [f"[{note.number}]", note.publisher, note.headline or "(no headline)", note.published]
        )
    return section


def select_fields(report: Report, fields: list[str], *, flat: bool) -> Report:
    """The report with only ``fields`` in its data (JSON) or records (CSV), in that order.

    Raises KeyError naming the available fields when one is unknown.
    """
    items = report.records if flat else report.data
    rows = items if isinstance(items, list) else [items]
    # An empty answer still has its fields (``record_fields``), so a valid choice stays valid.
    available = list(dict.fromkeys([*report.record_fields, *(k for row in rows for k in row)]))
    unknown = [f for f in fields if f not in available]
    if unknown or not available:
        raise KeyError(", ".join(available))
    if not rows and not isinstance(items, dict):
        return replace(report, record_fields=fields)
    picked = [{f: row.get(f) for f in fields} for row in rows]
    if flat:
        return replace(report, records=picked, record_fields=fields)
    return replace(report, data=picked if isinstance(items, list) else picked[0])
