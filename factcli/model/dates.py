"""Dates in plain words, the one way every view writes them for people.

"20 June 2021", "July 2022", "August or September 2022", "by 23 June 2021",
"20 June 2021 – at least 24 June 2021". Machine forms (EDTF, ISO days) stay
in JSON; this module is only for text a person reads. Pure functions of the
parsed values: no I/O, no terminal.

An inferred date (worked out from what the sources say, not stated by them)
ends in ``INFERRED_MARK``; a view that shows one puts ``INFERRED_LEGEND``
under its table.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from factcli.model.edtf import SINGLE_DATE, EdtfDate
from factcli.model.records import DateClaim, Event, Visit
from factcli.model.values import DateValue, Value

#: Appended to a date the sources do not state outright.
INFERRED_MARK = "*"
#: The line a view prints under a table holding a marked date.
INFERRED_LEGEND = "* inferred date: worked out from what the sources say, not stated in them"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class _Single(NamedTuple):
    """One side of a date: its year, month and day as far as they are known."""

    year: str
    month: int | None
    day: int | None
    qualifier: str

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year'."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"


def _single(text: str) -> _Single | None:
    match = SINGLE_DATE.match(text)
    if match is None:
        return None
    month_text, day_text = match["month"], match["day"]
    month = None if month_text in (None, "XX") else int(month_text)
    day = None if month is None or day_text in (None, "XX") else int(day_text)
    return _Single(match["year"], month, day, match["qualifier"] or "")


def _year_words(year: str) -> str:
    if year.endswith("XX"):
        return f"{year[:2]}00–{year[:2]}99"
    if year.endswith("X"):
        return f"the {year[:3]}0s"
    return year


def _bare(side: _Single, *, year: bool = True, month: bool = True) -> str:
    """The side without its qualifier; ``year``/``month`` False leave those out."""
    parts = []
    if side.day is not None:
        parts.append(str(side.day))
    if side.month is not None and month:
        parts.append(MONTHS[side.month - 1])
    if year or side.month is None:
        parts.append(_year_words(side.year))
    return " ".join(parts)


def _qualified(side: _Single, words: str) -> str:
    if side.qualifier == "~":
        return f"about {words}"
    if side.qualifier == "?":
        return f"possibly {words}"
    if side.qualifier == "%":
        return f"possibly about {words}"
    return words


def _side(text: str) -> str:
    side = _single(text)
    return text if side is None else _qualified(side, _bare(side))


def _next_month(first: _Single, second: _Single) -> bool:
    if first.month is None or second.month is None or "X" in first.year + second.year:
        return False
    months = int(second.year) * 12 + second.month - (int(first.year) * 12 + first.month)
    return months == 1


def _closed(start: str, end: str) -> str:
    """Words for an interval with both ends known."""
    first, second = _single(start), _single(end)
    if first is None or second is None:
        return f"{start} – {end}"
    if first.qualifier or second.qualifier or first.precision != second.precision:
        return f"{_side(start)} – {_side(end)}"
    same_year = first.year == second.year
    if first.precision == "day":
        if same_year and first.month == second.month:
            return f"{first.day}–{_bare(second)}"
        return f"{_bare(first, year=not same_year)} – {_bare(second)}"
    if first.precision == "month":
        if _next_month(first, second):
            return f"{_bare(first, year=not same_year)} or {_bare(second)}"
        return f"between {_bare(first, year=not same_year)} and {_bare(second)}"
    if "X" not in first.year + second.year and int(second.year) == int(first.year) + 1:
        return f"{first.year} or {second.year}"
    return f"between {_bare(first)} and {_bare(second)}"


def value_words(value: Value | None) -> str:
    """A compared value as views show it: text as written, a figure or a date in words."""
    if value is None:
        return ""
    if isinstance(value, DateValue):
        return plain_date(value.date)
    return value if isinstance(value, str) else value.words


def plain_date(value: EdtfDate) -> str:
    """A date or interval in words: '20 June 2021', 'August or September 2022', 'by 2021'."""
    text = value.text
    if "/" not in text:
        return _side(text)
    start, _, end = text.partition("/")
    if start in ("", ".."):
        return f"by {_side(end)}"
    if end == "..":
        return f"{_side(start)} or later"
    if end == "":
        return f"from {_side(start)}, end unknown"
    if start == end:
        return _side(start)
    return _closed(start, end)


def period_text(value: EdtfDate) -> str:
    """A period something held (a role's ``during``) in words: an open start reads 'until ...'.

    A date known only to be on or before a day is 'by' that day; a period with
    an open start lasted up to it: 'until February 2021', never 'by February 2021'.
    """
    start, slash, end = value.text.partition("/")
    if slash and start in ("", "..") and end not in ("", ".."):
        return f"until {_side(end)}"
    return plain_date(value)


def _end_words(end: EdtfDate) -> str:
    """The end of a span: 'at least 24 June 2021' when it is only known to be no earlier."""
    text = end.text
    if text.endswith("/.."):
        return f"at least {_side(text[:-3])}"
    if text.endswith("/") and not text.startswith("/"):
        return f"at least {_side(text[:-1])}"
    return plain_date(end)


_YEAR = re.compile(r"\d{4}s?(?!.*\d{4})")


def _with_mark(words: str) -> str:
    """The mark goes right after the last year, so that every marked date reads alike."""
    match = _YEAR.search(words)
    if match is None:
        return words + INFERRED_MARK
    return words[: match.end()] + INFERRED_MARK + words[match.end() :]


def marked(words: str, claim: DateClaim | None) -> str:
    """``words`` with the inferred mark after its year when ``claim`` is inferred."""
    if claim is not None and claim.basis == "inferred":
        return _with_mark(words)
    return words


def date_text(claim: DateClaim | None, *, as_stated: bool = False) -> str:
    """A dated claim in words, marked when inferred; '' when undated.

    With ``as_stated`` the source's own words follow in quotes when they add
    something: '22 June 2021* ("On Tuesday")', and so does every other version
    of the date the sources give: '; also given as 23 June 2021 ("June 23, 2021")'.
    """
    if claim is None:
        return ""
    words = marked(plain_date(claim.value), claim)
    if as_stated and claim.as_stated:
        words += f' ("{claim.as_stated}")'
    if as_stated:
        for other in claim.alternatives:
            basis = other.evidence.basis
            words += "; also given as " + date_text(
                DateClaim(other.value, basis, as_stated=other.as_stated), as_stated=True
            )
    return words


def span_text(start: DateClaim, end: DateClaim | None) -> str:
    """A visit's dates in words: '20–24 June 2021', '20 June 2021 – at least 24 June 2021*'."""
    begin = plain_date(start.value)
    if end is None:
        return f"{marked(begin, start)} – end not reported"
    inferred = "inferred" in (start.basis, end.basis)
    first, second = _single(start.value.text), _single(end.value.text)
    if first is not None and second is not None:
        if first._replace(qualifier="") == second._replace(qualifier=""):
            note = " (end about then)" if second.qualifier and not first.qualifier else ""
            return (_with_mark(begin) if inferred else begin) + note
        if not first.qualifier and not second.qualifier and first.precision == second.precision:
            words = _closed(start.value.text, end.value.text)
            return _with_mark(words) if inferred else words
    return f"{marked(begin, start)} – {marked(_end_words(end.value), end)}"


def record_dates_text(record: Visit | Event) -> str:
    """A visit's span or an event's date, in words, marked when inferred."""
    if isinstance(record, Event):
        return date_text(record.date)
    return span_text(record.start, record.end)


_MARKED = re.compile(r"\d{4}s?" + re.escape(INFERRED_MARK) + r"(?!\w)")


def shows_inferred_mark(text: str) -> bool:
    """True when ``text`` holds a date written by this module with the inferred mark.

    Every marked date ends in its year, then the mark: renderers use this to put
    the legend under exactly the tables that need it.
    """
    return _MARKED.search(text) is not None


def is_inferred(*claims: DateClaim | None) -> bool:
    """True when any of the dates is inferred, so a view needs the legend."""
    return any(c is not None and c.basis == "inferred" for c in claims)


def record_inferred(record: Visit | Event) -> bool:
    """True when a record's shown dates carry the inferred mark."""
    if isinstance(record, Event):
        return is_inferred(record.date)
    return is_inferred(record.start, record.end)
