"""Draw a Report with Rich: key/value header, tables, and a timeline."""

from __future__ import annotations

import io
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcli.render.console import make_console
from factcli.render.report import (
    CellLike,
    Report,
    Section,
    cell_text,
    header_legend,
    section_legend,
    sources_section,
)
from factcli.safe import visible


def to_text(cell: CellLike) -> Text:
    """A cell as Rich Text, control characters made visible, highlights applied."""
    if isinstance(cell, str):
        return Text(visible(cell))
    text = Text(visible(cell.text), style="dim" if cell.dim else "")
    if visible(cell.text) == cell.text:  # spans only line up when nothing was escaped
        for start, end in cell.highlights:
            text.stylize("bold reverse", start, end)
    if cell.marks is not None and cell.marks.text:
        text.append((" " if cell.text else "") + cell.marks.text, style="dim")
    return text


def _header(console: Console, report: Report) -> None:
    key_width = max(len(visible(key)) + 1 for key, _ in report.header)
    room = console.width - key_width - 1
    grid: Table | None = None
    for key, value in report.header:
        text = to_text(value)
        if any(len(word) > room for word in text.plain.split()):
            # A path or address too long for the room beside its key gets a line of
            # its own and is never broken (a terminal wraps it softly), so it can be
            # copied whole.
            if grid is not None:
                console.print(grid)
                grid = None
            console.print(Text(visible(key) + ":", style="bold"))
            console.print(text, no_wrap=True, overflow="ignore", crop=False)
            continue
        if grid is None:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style="bold", no_wrap=True, min_width=key_width)
            grid.add_column(overflow="fold")
        grid.add_row(Text(visible(key) + ":"), text)
    if grid is not None:
        console.print(grid)
    if note := header_legend(report):
        console.print(Text(note, style="dim"))
    console.print()


def _longest_word(cell: CellLike) -> int:
    return max((len(word) for word in visible(cell_text(cell)).split()), default=0)


def column_widths(section: Section, width: int) -> list[int] | None:
    """Widths that show every word whole within ``width``, or None if none exist.

    Each column gets its longest word, then the space left is shared out in
    proportion to how much more each column could use. Rich's own layout may
    squeeze a column below its longest word, which would cut a name.
    """
    columns = range(len(section.columns))
    cells = [[section.columns[i], *(row[i] for row in section.rows)] for i in columns]
    least = [max(_longest_word(c) for c in column) for column in cells]
    most = [max(len(visible(cell_text(c))) for c in column) for column in cells]
    spare = width - (len(least) - 1) - sum(least)
    if spare < 0:
        return None
    wants = [m - n for m, n in zip(most, least, strict=True)]
    total_wants = sum(wants) or 1
    return [n + min(w, spare * w // total_wants) for n, w in zip(least, wants, strict=True)]


def _table(console: Console, section: Section, widths: list[int]) -> None:
    table = Table(
        title=Text(visible(section.title), style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 0),
    )
    for column, column_width in zip(section.columns, widths, strict=True):
        table.add_column(Text(visible(column)), overflow="fold", width=column_width)
    for row in section.rows:
        table.add_row(*(to_text(c) for c in row))
    console.print(table)
    _legend(console, section)
    console.print()


def _legend(console: Console, section: Section) -> None:
    if note := section_legend(section):
        console.print(Text(note, style="dim"))


def _cards(console: Console, section: Section) -> None:
    """Each row as 'Column: value' lines: narrow terminals keep whole words."""
    console.print(Text(visible(section.title), style="bold"))
    for row in section.rows:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for column, cell in zip(section.columns, row, strict=True):
            if cell_text(cell):
                grid.add_row(Text(visible(column) + ":"), to_text(cell))
        console.print(grid)
        console.print(Text("─" * min(console.width, 20), style="dim"))
    _legend(console, section)
    console.print()


def _timeline(console: Console, section: Section) -> None:
    console.print(Text(visible(section.title), style="bold"))
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    year = None
    for year_cell, when, what, where, record_id, marks in section.rows:
        if cell_text(year_cell) != year:
            year = cell_text(year_cell)
            grid.add_row(Text(year, style="bold cyan"), Text(""))
        is_visit = cell_text(what).startswith("VISIT")
        bullet = Text("  ├─")
        bullet.append("◆ " if is_visit else "● ", style="bold red" if is_visit else "cyan")
        dated = to_text(when)
        # The id, for 'factcli show ID': dimmed, after the dates.
        dated.append("  " + visible(cell_text(record_id)), style="dim")
        grid.add_row(bullet, dated)
        title = to_text(what)
        if is_visit:
            title.stylize("bold")
        title.append(" ")
        title.append_text(to_text(marks))
        grid.add_row(Text("  │   "), title)
        if cell_text(where):
            place = to_text(where)
            place.stylize("italic")
            grid.add_row(Text("  │   "), place)
    console.print(grid)
    _legend(console, section)
    console.print()


def _sections(console: Console, sections: list[Section]) -> None:
    for section in sections:
        if not section.rows:
            continue
        if section.kind == "timeline":
            _timeline(console, section)
        elif widths := column_widths(section, console.width):
            _table(console, section, widths)
        else:
            _cards(console, section)


def render_rich(report: Report, out: TextIO) -> None:
    """Print the report to ``out``; piped or redirected, without Rich's trailing padding."""
    if out.isatty():
        _draw(make_console(out), report)
        return
    buffer = io.StringIO()
    _draw(make_console(buffer), report)
    out.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def _draw(console: Console, report: Report) -> None:
    if report.header:
        _header(console, report)
    _sections(console, report.sections)
    for part in report.parts:
        console.print(Text(visible(part.title), style="bold underline"))
        console.print()
        if part.header:
            _header(console, part)
        _sections(console, part.sections)
    _sections(console, [sources_section(report.sources)])
    for note in report.inferences:
        console.print(Text(visible(note.text)))
