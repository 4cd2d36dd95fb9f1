"""Links that open a source's web page at the quoted words: text fragments (``#:~:text=``).

Browsers that support text fragments scroll to and highlight the first
passage matching the directive; others just open the page. A long quote is
given by its first and last words (``textStart,textEnd``), which keeps the
link short and still matches when the page's spacing differs in between.
"""

from __future__ import annotations

from urllib.parse import quote as percent_encoded

from factcli.render.report import Cell, Report, Section

#: Quotes of more words than this are linked by their first and last few.
_WHOLE_WORDS = 8
_EDGE_WORDS = 4


def is_web_url(url: str | None) -> bool:
    """True for an http or https address, the only kind a page links to."""
    return bool(url) and str(url).lower().startswith(("https://", "http://"))


def _directive_part(text: str) -> str:
    # '-', ',' and '&' delimit parts of the directive, so they are always encoded.
    return percent_encoded(text, safe="").replace("-", "%2D")


def text_fragment_url(url: str, quote: str) -> str:
    """``url`` pointing at ``quote``: ``url#:~:text=start,end`` (an existing fragment kept)."""
    words = quote.split()
    if len(words) <= _WHOLE_WORDS:
        directive = _directive_part(" ".join(words))
    else:
        start = " ".join(words[:_EDGE_WORDS])
        end = " ".join(words[-_EDGE_WORDS:])
        directive = f"{_directive_part(start)},{_directive_part(end)}"
    separator = ":~:" if "#" in url else "#:~:"
    return f"{url}{separator}text={directive}"


def _cells(section: Section) -> list[Cell]:
    return [cell for row in section.rows for cell in row if isinstance(cell, Cell)]


def cited_quotes(report: Report) -> dict[int, list[str]]:
    """Each source number's quotes cited in the report and its parts, in order, once each."""
    found: dict[int, dict[str, None]] = {}
    cells: list[Cell] = []
    for part in [report, *report.parts]:
        cells += [value for _, value in part.header if isinstance(value, Cell)]
        for section in part.sections:
            cells += _cells(section)
    for cell in cells:
        if cell.marks is not None:
            for number, quote in cell.marks.quotes:
                found.setdefault(number, {})[quote] = None
    return {number: list(quotes) for number, quotes in found.items()}
