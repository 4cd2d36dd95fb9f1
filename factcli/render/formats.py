"""Output formats: one renderer per format behind one interface, chosen by an Enum.

Only the table renderer needs Rich, and it is imported only when a table is
drawn, so ``--json`` in a shell loop never pays for it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, TextIO

from factcli.render.report import CellLike, Report, header_legend, in_quote_marks, section_legend
from factcli.safe import json_dumps, spreadsheet_safe, visible


class OutputFormat(str, enum.Enum):
    """The formats every query command offers."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"


def _dumps(value: Any, indent: int | None) -> str:
    return json_dumps(value, indent)


def render_json(report: Report, out: TextIO) -> None:
    """The report's data as one JSON document."""
    out.write(_dumps(report.data, 2) + "\n")


def batch_line(
    line: int,
    command: str,
    exit_code: int,
    result: Any = None,
    error: str | None = None,
    messages: list[str] | None = None,
) -> str:
    """One line of ``factcli batch`` output: an input line's answer or error, as compact JSON."""
    document: dict[str, Any] = {"line": line, "command": command, "ok": exit_code == 0}
    document["exit_code"] = exit_code
    if result is not None:
        document["result"] = result
    if error is not None:
        document["error"] = error
    if messages:
        document["messages"] = messages
    return _dumps(document, None)


def render_jsonl(report: Report, out: TextIO) -> None:
    """One JSON object per line: each item of a list answer, or the single object."""
    items = report.data if isinstance(report.data, list) else [report.data]
    for item in items:
        out.write(_dumps(item, None) + "\n")


def render_csv(report: Report, out: TextIO) -> None:
    """The report's flat records as CSV with a header row; formula-like cells neutralised."""
    import csv  # only here: every other format would pay for importing it

    columns: dict[str, None] = dict.fromkeys(report.record_fields)
    for record in report.records:
        columns.update(dict.fromkeys(record))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(columns))
    for record in report.records:
        writer.writerow([_csv_cell(record.get(c)) for c in columns])


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):  # as JSON writes them, not Python's True and False
        return "true" if value else "false"
    if isinstance(value, str):
        # JSON keeps control characters exactly; CSV may meet a terminal, so they become visible.
        return spreadsheet_safe(visible(value, keep_newlines=True))
    if isinstance(value, (list, dict)):
        return _dumps(value, None)
    return value


def _md(text: str) -> str:
    escaped = visible(text)
    for char in "\\`*_[]<>|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def _md_cell(cell: CellLike) -> str:
    """A cell's text escaped, its sources as footnote references ``[^1]``."""
    if isinstance(cell, str):
        return _md(cell)
    marks = cell.marks
    if marks is None:
        return _md(cell.text)
    refs = "".join(f"[^{n}]" for n in marks.sources)
    refs += "".join(f" †{n}" for n in marks.inferences)
    refs += f" {_md(marks.attribution)}" if marks.attribution else ""
    return " ".join(t for t in (_md(cell.text), refs.strip()) if t)


def _md_body(report: Report, out: TextIO, level: int) -> None:
    for key, value in report.header:
        out.write(f"- **{_md(key)}:** {_md_cell(value)}\n")
    if report.header:
        out.write("\n")
    if note := header_legend(report):
        out.write(f"{_md(note)}\n\n")
    for section in report.sections:
        out.write(f"{'#' * level} {_md(section.title)}\n\n")
        out.write("| " + " | ".join(_md(c) for c in section.columns) + " |\n")
        out.write("|" + "---|" * len(section.columns) + "\n")
        for row in section.rows:
            out.write("| " + " | ".join(_md_cell(c) for c in row) + " |\n")
        out.write("\n")
        if note := section_legend(section):
            out.write(f"{_md(note)}\n\n")


def render_markdown(report: Report, out: TextIO) -> None:
    """GitHub-flavoured Markdown: tables, sources as numbered footnotes ``[^1]``."""
    if report.title:
        out.write(f"# {_md(report.title)}\n\n")
    _md_body(report, out, level=2)
    for part in report.parts:
        out.write(f"## {_md(part.title)}\n\n")
        _md_body(part, out, level=3)
    if report.inferences:
        out.write("## Inferences\n\n")
        for note in report.inferences:
            out.write(f"- {_md(note.text)}\n")
        out.write("\n")
    if any(source.url for source in report.sources):
        _md_linked_sources(report, out)
        return
    for source in report.sources:
        out.write(f"[^{source.number}]: {_md(source.citation)}\n")


def _md_linked_sources(report: Report, out: TextIO) -> None:
    """Footnotes with each web source's address and links to the words quoted from it."""
    # Only here: most fact bases have no urls, and every run would pay for the import.
    from urllib.parse import quote

    from factcli.render.fragments import cited_quotes, is_web_url, text_fragment_url

    def md_url(url: str) -> str:
        # Inside <...> a link may hold anything but spaces, angle brackets and controls.
        return "".join(c if c.isprintable() and c not in " <>" else quote(c) for c in url)

    quotes = cited_quotes(report)
    for source in report.sources:
        line = f"[^{source.number}]: {_md(source.citation)}"
        if source.url and is_web_url(source.url):
            line += f" <{md_url(source.url)}>"
            links = [
                f"[{_md(in_quote_marks(q))}](<{md_url(text_fragment_url(source.url, q))}>)"
                for q in quotes.get(source.number, [])
            ]
            if links:
                line += " Quoted: " + "; ".join(links) + "."
        out.write(line + "\n")


def render_table(report: Report, out: TextIO) -> None:
    """Rich tables for a person at a terminal."""
    from factcli.render.table import render_rich

    render_rich(report, out)


def render_html(report: Report, out: TextIO) -> None:
    """A self-contained HTML page with linked citations."""
    from factcli.render.html import render_html as write_page

    write_page(report, out)


RENDERERS: dict[OutputFormat, Callable[[Report, TextIO], None]] = {
    OutputFormat.table: render_table,
    OutputFormat.json: render_json,
    OutputFormat.jsonl: render_jsonl,
    OutputFormat.csv: render_csv,
    OutputFormat.markdown: render_markdown,
    OutputFormat.html: render_html,
}


def render(report: Report, output_format: OutputFormat, out: TextIO) -> None:
    """Write the report to ``out`` in the chosen format."""
    RENDERERS[output_format](report, out)
