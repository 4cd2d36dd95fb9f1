"""Values that can be compared: a number with its bound, a date, or text.

A context claim's ``value`` is one source's version of a point ("at least
100", "more than 90", 23 June 2021). Numbers and dates are compared as the
ranges they allow; text is not compared by meaning, only by its words. This
module is the one place that knows how: the verdict of a point is ``verdict``.

- A number allows a range: ``at_least`` N is [N, ∞), ``more_than`` N is
  (N, ∞), ``at_most`` N is (-∞, N], ``exactly`` N is [N, N] and ``about`` N
  is within ``ABOUT_MARGIN`` (10%) of N either way.
- A date allows the days from its EDTF earliest to its latest day; an open or
  unknown side rules out no day on that side.
- Versions are "compatible" when one value satisfies them all (the ranges
  overlap), "contradict" when none does, and "wording" when any of them is
  text: text is compared by its words, which differ, and never by its meaning.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Literal, NamedTuple

from factcli.model.edtf import EdtfDate, iso_earliest, iso_latest, parse_edtf

Bound = Literal["exactly", "at_least", "more_than", "at_most", "about"]
Verdict = Literal["contradict", "compatible", "wording"]

#: The keys of a number's table in a fact file, in the order the docs list them.
BOUNDS: tuple[Bound, ...] = ("exactly", "at_least", "more_than", "at_most", "about")
#: How far from N "about N" reaches, as a share of N, either way.
ABOUT_MARGIN = 0.1


class Figure(NamedTuple):
    """A number as a source bounds it: 'at least 100' is ``Figure("at_least", 100)``."""

    bound: Bound
    number: int | float

    @property
    def words(self) -> str:
        """The figure in words: 'more than 2,000'."""
        return f"{self.bound.replace('_', ' ')} {self.number:,}"

    def span(self) -> tuple[float, bool, float, bool]:
        """The numbers it allows: (low, low excluded, high, high excluded)."""
        n = float(self.number)
        if self.bound == "at_least":
            return n, False, math.inf, True
        if self.bound == "more_than":
            return n, True, math.inf, True
        if self.bound == "at_most":
            return -math.inf, True, n, False
        if self.bound == "about":
            first, second = n * (1 - ABOUT_MARGIN), n * (1 + ABOUT_MARGIN)
            return min(first, second), False, max(first, second), False
        return n, False, n, False


class DateValue(NamedTuple):
    """A date as a value: the days its EDTF form can mean."""

    date: EdtfDate


Value = str | Figure | DateValue


def read_value(raw: str | dict[str, Any] | None) -> Value | None:
    """A checked fact file's ``value``: text as it is, a one-key table as a figure or date."""
    if raw is None or isinstance(raw, str):
        return raw
    ((key, item),) = raw.items()  # the format allows exactly one key
    if key == "date":
        return DateValue(parse_edtf(item))
    bound: Bound = next(b for b in BOUNDS if b == key)
    return Figure(bound, item)


def value_data(value: Value | None) -> dict[str, Any] | None:
    """A value as JSON: its kind, and its bound and number or its EDTF date and day bounds."""
    if value is None:
        return None
    if isinstance(value, Figure):
        return {"kind": "number", "bound": value.bound, "number": value.number}
    if isinstance(value, DateValue):
        return {"kind": "date", **date_bounds(value.date)}
    return {"kind": "text", "text": value}


def date_bounds(value: EdtfDate) -> dict[str, str | None]:
    """An EDTF date with the first and last ISO day it can mean (null when open or unknown)."""
    return {
        "edtf": value.text,
        "earliest": iso_earliest(value),
        "latest": iso_latest(value),
    }


def _numbers_meet(figures: list[Figure]) -> bool:
    low, low_open, high, high_open = -math.inf, True, math.inf, True
    for figure in figures:
        first, first_open, last, last_open = figure.span()
        if first > low or (first == low and first_open):
            low, low_open = first, first_open
        if last < high or (last == high and last_open):
            high, high_open = last, last_open
    return low < high or (low == high and not low_open and not high_open)


def _days_meet(dates: list[EdtfDate]) -> bool:
    firsts = [d.earliest for d in dates if d.earliest is not None]
    lasts = [d.latest for d in dates if d.latest is not None]
    first: date | None = max(firsts) if firsts else None
    last: date | None = min(lasts) if lasts else None
    return first is None or last is None or first <= last


def verdict(values: list[Value]) -> Verdict:
    """Whether the versions of a point can all be true: see the module's rules."""
    figures = [v for v in values if isinstance(v, Figure)]
    if len(figures) == len(values):
        return "compatible" if _numbers_meet(figures) else "contradict"
    dates = [v.date for v in values if isinstance(v, DateValue)]
    if len(dates) == len(values):
        return "compatible" if _days_meet(dates) else "contradict"
    return "wording"
