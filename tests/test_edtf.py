"""EDTF dates: what each form means, and what is refused."""

from __future__ import annotations

import calendar
from datetime import date

import pytest

from factcli.model.edtf import EdtfError, parse_edtf


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2022-07", date(2022, 7, 1), date(2022, 7, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2022-07-10", date(2022, 7, 10), date(2022, 7, 10)),
        ("2022-07-10~", date(2022, 7, 10), date(2022, 7, 10)),
        ("202X", date(2020, 1, 1), date(2029, 12, 31)),
        ("2022-XX", date(2022, 1, 1), date(2022, 12, 31)),
        ("2021-06-20/2021-06-24", date(2021, 6, 20), date(2021, 6, 24)),
        ("2022-08/2022-09", date(2022, 8, 1), date(2022, 9, 30)),
        ("2022-07-10/..", date(2022, 7, 10), None),
        ("../2021-06-23", None, date(2021, 6, 23)),
        ("2022-07-10/", date(2022, 7, 10), None),
    ],
)
def test_bounds(text: str, earliest: date | None, latest: date | None) -> None:
    value = parse_edtf(text)
    assert (value.earliest, value.latest) == (earliest, latest)
    assert value.text == text


def test_qualifiers_are_reported() -> None:
    assert parse_edtf("2022-07?").uncertain and not parse_edtf("2022-07?").approximate
    assert parse_edtf("2022-07~").approximate
    both = parse_edtf("2022-07%")
    assert both.uncertain and both.approximate


@pytest.mark.parametrize(
    "text",
    [
        "",
        "July 2022",
        "2022-13",
        "2022-02-30",
        "2022-07-32",
        "22-07",
        "2021-06-24/2021-06-20",
        "../..",
        "2022/2023/2024",
        "0000",
    ],
)
def test_refused(text: str) -> None:
    with pytest.raises(EdtfError):
        parse_edtf(text)


def test_open_end_overlaps_by_known_day() -> None:
    value = parse_edtf("2021-06-20/..")
    assert value.overlaps(date(2021, 6, 1), date(2021, 6, 30))
    assert not value.overlaps(date(2022, 1, 1), None)


def test_sort_key_orders_by_earliest_then_latest() -> None:
    values = ["2022", "2021-06-20", "../2021-06-23", "2021-06"]
    ordered = sorted(values, key=lambda t: parse_edtf(t).sort_key())
    assert ordered == ["2021-06", "2021-06-20", "../2021-06-23", "2022"]


@pytest.mark.parametrize("year", [1, 1900, 2000, 2023, 2024, 2100, 9999])
def test_a_month_ends_on_its_last_calendar_day(year: int) -> None:
    for month in range(1, 13):
        value = parse_edtf(f"{year:04d}-{month:02d}")
        assert value.latest == date(year, month, calendar.monthrange(year, month)[1])
