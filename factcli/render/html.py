"""A self-contained HTML page: tables, numbered citations linked to a source list.

The page is one file to attach, archive or paste into a wiki. It loads
nothing: the style sheet is inline, there is no script, and a Content
Security Policy forbids every other request, so a fact file's text can never
make a reader's browser fetch anything. Every value is escaped; a source's
``url`` becomes a link only when it is http or https.
"""

from __future__ import annotations

from html import escape
from typing import TextIO

from factcli import __version__
from factcli.render.fragments import cited_quotes, is_web_url, text_fragment_url
from factcli.render.report import (
    Cell,
    CellLike,
    Marks,
    Report,
    Section,
    SourceNote,
    cell_text,
    header_legend,
    in_quote_marks,
    section_legend,
)
from factcli.safe import visible

# 'none' for everything but the inline style sheet: no fonts, images, frames or fetches.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1a1a1a; background: #fff; }
h1, h2, h3 { line-height: 1.2; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
main, td, dd, li { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
th { background: #f3f3f3; }
tr.quotes td, .quotes { color: #444; font-size: 0.9rem; }
tr.quotes td { border-top: none; background: #fafafa; }
.quote { display: block; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
sup a { text-decoration: none; }
sup.cite { white-space: nowrap; }
.dim, .legend { color: #666; }
.legend { font-size: 0.9rem; margin-top: -1rem; }
:target { background: #fff3b0; }
nav.contents ol { padding-left: 1.5rem; }
ol.timeline { list-style: none; padding: 0 0 0 1.2rem; margin: 1rem 0;
              border-left: 3px solid #bbb; }
ol.timeline li { position: relative; margin: 0 0 0.8rem; padding-left: 0.6rem; }
ol.timeline li::before { content: ""; position: absolute; left: -1.75rem; top: 0.35rem;
                         width: 0.8rem; height: 0.8rem; border-radius: 50%;
                         background: #3a7ca5; border: 2px solid #fff; }
ol.timeline li.visit::before { background: #b22222; border-radius: 0;
                               transform: rotate(45deg); }
ol.timeline .when { display: block; color: #555; font-size: 0.9rem; }
ol.timeline .year { font-weight: bold; margin-left: -0.6rem; }
ol.timeline li.year-mark::before { display: none; }
footer { margin-top: 3rem; color: #666; font-size: 0.9rem; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 0.75rem; }
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: 0.4rem; }
  /* Each row becomes a card of 'Column: value' lines: no sideways scrolling. */
  table, thead, tbody, tr, th, td { display: block; width: auto; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border: 1px solid #ddd; margin-bottom: 0.6rem; }
  tr.quotes { border-top: none; margin-top: -0.6rem; }
  td { border: none; border-bottom: 1px solid #eee; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: bold; }
  td:empty { display: none; }
}
@media print {
  a { color: inherit; text-decoration: none; }
  body { margin: 0; max-width: none; }
  nav.contents { break-after: page; }
  article { break-before: page; }
  tr, .quote, ol.timeline li { break-inside: avoid; }
}
"""


def _text(text: str) -> str:
    return escape(visible(text))


def _marks(marks: Marks) -> str:
    """``[1]`` links to source 1, ``†1`` to inference note 1; a source's quotes show on hover."""
    links = []
    for number in marks.sources:
        quoted = " ".join(in_quote_marks(quote) for n, quote in marks.quotes if n == number)
        title = f' title="{_text(quoted)}"' if quoted else ""
        links.append(f'<a href="#source-{number}"{title}>[{number}]</a>')
    links += [f'<a href="#note-{n}">†{n}</a>' for n in marks.inferences]
    cited = f'<sup class="cite">{"".join(links)}</sup>' if links else ""
    attribution = (
        f' <span class="by">{_text(marks.attribution)}</span>' if marks.attribution else ""
    )
    return cited + attribution


def _quotes(marks: Marks | None) -> str:
    """The words a cell's citations quote, numbered like its markers: printed, not hovered."""
    if marks is None or not marks.quotes:
        return ""
    return "".join(
        f'<span class="quote">[{n}] {_text(in_quote_marks(quote))}</span>'
        for n, quote in dict.fromkeys(marks.quotes)
    )


def _cell(cell: CellLike) -> str:
    if isinstance(cell, str):
        return _text(cell)
    body = _highlighted(cell)
    if cell.part:
        body = f'<a href="#{_anchor(cell.part)}">{body}</a>'
    if cell.dim:
        body = f'<span class="dim">{body}</span>'
    if cell.marks is not None:
        body = " ".join(x for x in (body, _marks(cell.marks)) if x)
    return body


def _highlighted(cell: Cell) -> str:
    if not cell.highlights or visible(cell.text) != cell.text:
        return _text(cell.text)
    pieces, position = [], 0
    for start, end in cell.highlights:
        pieces.append(_text(cell.text[position:start]))
        pieces.append(f"<mark>{_text(cell.text[start:end])}</mark>")
        position = end
    pieces.append(_text(cell.text[position:]))
    return "".join(pieces)


def _section(section: Section, level: int, out: TextIO) -> None:
    if not section.rows:
        return
    out.write(f"<section>\n<h{level}>{_text(section.title)}</h{level}>\n<table>\n<thead><tr>")
    out.write("".join(f'<th scope="col">{_text(c)}</th>' for c in section.columns))
    out.write("</tr></thead>\n<tbody>\n")
    labels = [escape(visible(c), quote=True) for c in section.columns]
    for row in section.rows:
        cells = "".join(
            f'<td data-label="{label}">{_cell(c)}</td>' if cell_text(c) else "<td></td>"
            for label, c in zip(labels, row, strict=True)
        )
        out.write(f"<tr>{cells}</tr>\n")
        quoted = "".join(_quotes(c.marks) for c in row if isinstance(c, Cell))
        if quoted:
            out.write(
                f'<tr class="quotes"><td colspan="{len(section.columns)}">{quoted}</td></tr>\n'
            )
    out.write("</tbody>\n</table>\n")
    if note := section_legend(section):
        out.write(f'<p class="legend">{_text(note)}</p>\n')
    out.write("</section>\n")


def _body(report: Report, level: int, out: TextIO) -> None:
    if report.header:
        out.write("<dl>\n")
        for key, value in report.header:
            marks = value.marks if isinstance(value, Cell) else None
            quotes = _quotes(marks)
            quoted = f'<span class="quotes">{quotes}</span>' if quotes else ""
            out.write(f"<dt>{_text(key)}</dt><dd>{_cell(value)}{quoted}</dd>\n")
        out.write("</dl>\n")
        if note := header_legend(report):
            out.write(f'<p class="legend">{_text(note)}</p>\n')
    for section in report.sections:
        _section(section, level, out)


def _contents(report: Report, out: TextIO) -> None:
    """A table of contents: the timeline, every visit and event, the notes and sources."""
    out.write('<nav class="contents" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n')
    out.write('<li><a href="#timeline">Timeline</a></li>\n')
    for part in report.parts:
        when = part.data.get("dates_text", "") if isinstance(part.data, dict) else ""
        label = _text(part.title) + (f' <span class="dim">({_text(when)})</span>' if when else "")
        out.write(f'<li><a href="#{_anchor(part.key)}">{label}</a></li>\n')
    if report.inferences:
        out.write('<li><a href="#inferences">Inferences</a></li>\n')
    if report.sources:
        out.write('<li><a href="#sources">Sources</a></li>\n')
    out.write("</ol>\n</nav>\n")


def _timeline(report: Report, out: TextIO) -> None:
    """The visits (diamonds) and events (dots) down a line, in date order, a year mark each year."""
    out.write('<section id="timeline">\n<h2>Timeline</h2>\n<ol class="timeline">\n')
    year = None
    for part in report.parts:
        data = part.data if isinstance(part.data, dict) else {}
        # The year the start (EDTF) gives; an open start ("../2021-06-23") gives none.
        start = str(data.get("start") or "")
        if start[:4].isdigit() and start[:4] != year:
            year = start[:4]
            out.write(f'<li class="year-mark"><span class="year">{_text(year)}</span></li>\n')
        kind = "visit" if data.get("kind") == "visit" else "event"
        when = _text(str(data.get("dates_text") or ""))
        out.write(
            f'<li class="{kind}"><span class="when">{when}</span>'
            f'<a href="#{_anchor(part.key)}">{_text(part.title)}</a>'
            f"{' <strong>(visit)</strong>' if kind == 'visit' else ''}</li>\n"
        )
    out.write("</ol>\n</section>\n")


def _anchor(key: str) -> str:
    return escape(f"record-{key}", quote=True)


def _source(note: SourceNote, quotes: list[str]) -> str:
    text = _text(note.citation)
    if note.url and is_web_url(note.url):
        href = escape(note.url, quote=True)
        text += f' <a href="{href}" rel="noreferrer">{_text(note.url)}</a>'
        # Each quote cited from it links to its words on the page (a text fragment).
        links = [
            f'<li><a href="{escape(text_fragment_url(note.url, q), quote=True)}" '
            f'rel="noreferrer">{_text(in_quote_marks(q))}</a></li>'
            for q in quotes
        ]
        if links:
            text += '\n<ul class="quotes">' + "".join(links) + "</ul>\n"
    return f'<li id="source-{note.number}" value="{note.number}">{text}</li>\n'


def render_html(report: Report, out: TextIO) -> None:
    """One self-contained HTML page: no scripts, no external requests."""
    out.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write(f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n')
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f'<meta name="generator" content="factcli {__version__}">\n')
    out.write(f"<title>{_text(report.title)}</title>\n<style>{_STYLE}</style>\n</head>\n")
    out.write(f"<body>\n<main>\n<h1>{_text(report.title)}</h1>\n")
    if report.parts:
        _contents(report, out)
    _body(report, 2, out)
    if report.parts:
        _timeline(report, out)
    for part in report.parts:
        out.write(f'<article id="{_anchor(part.key)}">\n')
        out.write(f"<h2>{_text(part.title)}</h2>\n")
        _body(part, 3, out)
        out.write("</article>\n")
    if report.inferences:
        out.write('<section id="inferences">\n<h2>Inferences</h2>\n<ol>\n')
        for note in report.inferences:
            out.write(
                f'<li id="note-{note.number}" value="{note.number}">'
                f"†{note.number} inferred: {_text(note.reasoning)}</li>\n"
            )
        out.write("</ol>\n</section>\n")
    if report.sources:
        out.write('<section id="sources">\n<h2>Sources</h2>\n<ol>\n')
        quotes = cited_quotes(report)
        out.write("".join(_source(n, quotes.get(n.number, [])) for n in report.sources))
        out.write("</ol>\n</section>\n")
    out.write(
        "</main>\n<footer>Every row is cited: each [n] links to the source it quotes, "
        "and the quoted words are printed under the row. Made by factcli.</footer>\n"
        "</body>\n</html>\n"
    )
