"""A renderer-neutral answer: the data for scripts and the sections for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell; ``highlights`` are character spans to emphasise (search matches)."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()
    dim: bool = False


CellLike = Cell | str


@dataclass(slots=True)
class Section:
    """A titled table; ``kind='timeline'`` asks table renderers to draw a timeline."""

    title: str
    columns: list[str]
    rows: list[list[CellLike]] = field(default_factory=list)
    kind: str = "table"


@dataclass(slots=True)
class Report:
    """One command's answer in every form a renderer may need.

    ``data`` is the JSON document; ``records`` the flat rows for CSV and JSONL;
    ``header`` key/value lines shown above the sections in human formats.
    """

    data: Any
    records: list[dict[str, Any]]
    sections: list[Section]
    title: str = ""
    header: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: CSV columns to use when ``records`` is empty (a header row is still an answer).
    record_fields: list[str] = field(default_factory=list)


def cell_text(cell: CellLike) -> str:
    """The plain text of a cell."""
    return cell.text if isinstance(cell, Cell) else cell


def select_fields(report: Report, fields: list[str], *, flat: bool) -> Report:
    """The report with only ``fields`` in its data (JSON) or records (CSV), in that order.

    Raises KeyError naming the available fields when one is unknown.
    """
    items = report.records if flat else report.data
    rows = items if isinstance(items, list) else [items]
    available = list(dict.fromkeys(key for row in rows for key in row))
    unknown = [f for f in fields if f not in available]
    if unknown or not available:
        raise KeyError(", ".join(available))
    picked = [{f: row.get(f) for f in fields} for row in rows]
    if flat:
        return Report(report.data, picked, report.sections, report.title, record_fields=fields)
    data = picked if isinstance(items, list) else picked[0]
    return Report(data, report.records, report.sections, report.title)
