"""A subset of EDTF (Library of Congress Extended Date/Time Format), levels 0 and 1.

Supported forms, each optionally followed by a qualifier (``?`` uncertain,
``~`` approximate, ``%`` both):

* ``2022``, ``2022-07``, ``2022-07-10``: year, month or day precision
* ``202X``, ``2022-XX``, ``2022-07-XX``: unspecified trailing digits
* ``2021-06-20/2021-06-24``: an interval; ``..`` is an open end and an empty
  end is an unknown one (``2022-07-10/``)

Every value maps to the earliest and the latest day it can mean, which is
what sorting and filtering use. A qualifier does not widen that range: EDTF
gives "approximate" no size, so factcli keeps the written bounds and reports
the qualifier alongside them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

#: One date (no interval): its year, month, day and qualifier as named groups.
SINGLE_DATE = re.compile(
    r"^(?P<year>\d{3}[\dX]|\d{2}XX)"
    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
    r"(?P<qualifier>[?~%])?$"
)

#: A JSON-Schema-compatible pattern for the same grammar (used by ``factcli schema``).
_SINGLE_PATTERN = r"(\d{3}[\dX]|\d{2}XX)(-(\d{2}|XX)(-(\d{2}|XX))?)?[?~%]?"
SCHEMA_PATTERN = rf"^({_SINGLE_PATTERN}|\.\.)?(/({_SINGLE_PATTERN}|\.\.)?)?$"


class EdtfError(ValueError):
    """A string that is not a date factcli understands."""


class EdtfDate(NamedTuple):
    """One parsed EDTF value: its text and the range of days it can mean."""

    text: str
    earliest: date | None
    latest: date | None
    uncertain: bool = False
    approximate: bool = False

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """True when some day this value can mean lies within [first, last].

        A missing bound (an open or unknown end) counts as the known one, so a
        visit with an unknown end is found by the day it is known to cover.
        """
        low = self.earliest or self.latest
        high = self.latest or self.earliest
        if first is not None and high is not None and high < first:
            return False
        return not (last is not None and low is not None and low > last)

    def sort_key(self) -> tuple[date, date]:
        """Order by earliest day, then latest; a missing bound borrows the other."""
        first = self.earliest or self.latest or date.max
        return (first, self.latest or first)


def _days_in_month(year: int, month: int) -> int:
    # Not calendar.monthrange: importing calendar (and locale) costs every run 4 ms.
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _bounds(match: re.Match[str], text: str) -> tuple[date, date]:
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    if "X" in year_text:
        first_year = int(year_text.replace("X", "0"))
        last_year = int(year_text.replace("X", "9"))
    else:
        first_year = last_year = int(year_text)
    if first_year == 0:
        raise EdtfError(f"{text!r}: year 0000 is not supported")
    if month_text is None or month_text == "XX":
        if day_text is not None and day_text != "XX":
            raise EdtfError(f"{text!r}: a day needs a known month")
        return date(first_year, 1, 1), date(last_year, 12, 31)
    month = int(month_text)
    if not 1 <= month <= 12:
        raise EdtfError(f"{text!r}: month {month_text} is not 01-12")
    last_day_of_month = _days_in_month(last_year, month)
    if day_text is None or day_text == "XX":
        return date(first_year, month, 1), date(last_year, month, last_day_of_month)
    day = int(day_text)
    if not 1 <= day <= _days_in_month(first_year, month):
        raise EdtfError(f"{text!r}: day {day_text} does not exist in that month")
    return date(first_year, month, day), date(last_year, month, day)


def _parse_single(text: str, whole: str) -> EdtfDate:
    match = SINGLE_DATE.match(text)
    if match is None:
        raise EdtfError(
            f"{whole!r} is not a date: write a date like 2022-07 or 2022-07-10 (or a year; "
            "add ? if uncertain, ~ if approximate; a range is START/END)"
        )
    earliest, latest = _bounds(match, whole)
    qualifier = match["qualifier"] or ""
    return EdtfDate(
        text=text,
        earliest=earliest,
        latest=latest,
        uncertain=qualifier in ("?", "%"),
        approximate=qualifier in ("~", "%"),
    )


def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF date or interval, raising EdtfError on anything else."""
    if not isinstance(text, str) or not text.strip():
        raise EdtfError("a date must be a non-empty string")
    text = text.strip()
    if "/" not in text:
        return _parse_single(text, text)
    start_text, _, end_text = text.partition("/")
    if "/" in end_text:
        raise EdtfError(f"{text!r}: an interval has exactly one '/'")
    if start_text in ("", "..") and end_text in ("", ".."):
        raise EdtfError(f"{text!r}: an interval needs at least one known end")
    start = None if start_text in ("", "..") else _parse_single(start_text, text)
    end = None if end_text in ("", "..") else _parse_single(end_text, text)
    if start and end and end.latest and start.earliest and end.latest < start.earliest:
        raise EdtfError(f"{text!r}: the end is before the start")
    return EdtfDate(
        text=text,
        earliest=start.earliest if start else None,
        latest=end.latest if end else None,
        uncertain=bool((start and start.uncertain) or (end and end.uncertain)),
        approximate=bool((start and start.approximate) or (end and end.approximate)),
    )


def iso_earliest(value: EdtfDate | None) -> str | None:
    """The earliest day a date can mean, as YYYY-MM-DD; None when open ('by 23 June')."""
    if value is None or value.earliest is None:
        return None
    return value.earliest.isoformat()


def iso_latest(value: EdtfDate | None) -> str | None:
    """The latest day a date can mean, as YYYY-MM-DD; None when open ('at least 23 June')."""
    if value is None or value.latest is None:
        return None
    return value.latest.isoformat()
