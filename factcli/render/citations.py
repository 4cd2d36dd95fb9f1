"""The bibliography for other tools: CSL-JSON (Zotero, pandoc) and BibTeX (LaTeX).

Both keep what factcli knows about a source: publisher, headline, date, wire
service, language, author, translator, url. A date keeps its uncertainty where
the format can hold it: CSL-JSON gives an interval as a range of ``date-parts``
and marks an approximate or uncertain date ``circa`` (its schema has no
place for EDTF text); biblatex's ``date``
field reads EDTF as it is (``2022-08/2022-09``, ``2022-07~``).
"""

from __future__ import annotations

from typing import Any

from factcli.model.edtf import EdtfDate
from factcli.model.records import DateClaim, Source
from factcli.safe import json_dumps, visible


def _parts(side: str) -> list[int] | None:
    """``2022-07-10~`` as ``[2022, 7, 10]``; an unknown or unspecified part ends it."""
    parts: list[int] = []
    for piece in side.rstrip("?~%").split("-"):
        if not piece.isdigit():
            break
        parts.append(int(piece))
    return parts or None


def csl_date(value: EdtfDate) -> dict[str, Any]:
    """A CSL date: ``date-parts`` (two for an interval), ``circa`` when qualified.

    An open or unknown end keeps the known side only; a date with no known
    year at all (``20XX``) is given as it is written, as a ``literal``.
    """
    known = [p for p in (_parts(side) for side in value.text.split("/")) if p is not None]
    data: dict[str, Any] = {"date-parts": known} if known else {"literal": value.text}
    if value.uncertain or value.approximate:
        data["circa"] = True
    return data


def _note(source: Source) -> str:
    lines = []
    if source.wire_service:
        lines.append(f"Wire service: {source.wire_service}.")
    if source.reported_by:
        lines.append(f"Reported by: {source.reported_by}.")
    if not source.headline:
        lines.append("The archived text has no headline.")
    date: DateClaim = source.published
    if date.basis == "inferred" and date.reasoning:
        lines.append(f"Publication date inferred: {date.reasoning}.")
    return " ".join(lines)


def csl_item(source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item of type ``article-newspaper``."""
    item: dict[str, Any] = {"id": source.id, "type": "article-newspaper"}
    if source.headline:
        item["title"] = source.headline
    item["container-title"] = source.publisher
    item["publisher"] = source.publisher
    item["issued"] = csl_date(source.published.value)
    item["language"] = source.language
    if source.author:
        item["author"] = [{"literal": source.author}]
    if source.translator:
        item["translator"] = [{"literal": source.translator}]
    if source.url:
        item["URL"] = source.url
    if source.archive:
        item["archive_location"] = source.archive
    note = _note(source)
    if note:
        item["note"] = note
    custom = {
        k: v
        for k, v in (("wire_service", source.wire_service), ("reported_by", source.reported_by))
        if v
    }
    if custom:
        item["custom"] = custom
    return item


def csl_json(sources: list[Source]) -> str:
    """Every source as a CSL-JSON array, the input Zotero and pandoc (``--citeproc``) read."""
    items = [csl_item(s) for s in sources]
    return json_dumps(items, 2) + "\n"


_BIBTEX_SPECIAL = {
    "\\": "\\textbackslash{}",
    # Not \\{ and \\}: BibTeX counts every brace, escaped or not, so one stray brace
    # in a headline would end its field early and let the rest forge other fields.
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "%": "\\%",
    "&": "\\&",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "^": "\\textasciicircum{}",
    "~": "\\textasciitilde{}",
}


def bibtex_text(text: str) -> str:
    """Text as a BibTeX field value: control characters visible, TeX specials escaped."""
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in visible(text))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_entry(source: Source) -> str:
    """One source as an ``@article`` entry; biblatex reads its EDTF ``date``, BibTeX ``year``."""
    value = source.published.value
    fields: list[tuple[str, str]] = []
    if source.author:
        fields.append(("author", bibtex_text(source.author)))
    if source.translator:
        fields.append(("translator", bibtex_text(source.translator)))
    # Double braces keep the headline's capitals as printed.
    title = f"{{{bibtex_text(source.headline)}}}" if source.headline else ""
    if title:
        fields.append(("title", title))
    fields.append(("journal", bibtex_text(source.publisher)))
    fields.append(("publisher", bibtex_text(source.publisher)))
    # EDTF already checked by the loader; biber parses it as written, ~ and % included.
    fields.append(("date", value.text))
    first, last = value.earliest, value.latest
    if first is not None and last is not None and first.year == last.year:
        fields.append(("year", str(first.year)))
        if first.month == last.month:
            fields.append(("month", _MONTHS[first.month - 1]))  # a macro, unbraced
    elif first is not None:
        fields.append(("year", str(first.year)))
    fields.append(("language", bibtex_text(source.language)))
    if source.url:
        # biblatex reads a url verbatim: only braces and backslashes must go, percent-encoded.
        url = visible(source.url).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
        fields.append(("url", url))
    note = _note(source)
    if note:
        fields.append(("note", bibtex_text(note)))
    lines = [f"@article{{{source.id},"]
    lines += [
        f"  {name} = {text}," if name == "month" else f"  {name} = {{{text}}},"
        for name, text in fields
    ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def bibtex(sources: list[Source]) -> str:
    """Every source as BibTeX entries, one blank line apart."""
    return "\n".join(bibtex_entry(s) for s in sources)
