"""The plain-words date formatter every human view uses."""

from __future__ import annotations

import pytest

from factcli.model.dates import (
    INFERRED_LEGEND,
    date_text,
    plain_date,
    record_dates_text,
    shows_inferred_mark,
    span_text,
)
from factcli.model.edtf import parse_edtf
from factcli.model.records import DateClaim, FactBase


def _claim(text: str, basis: str = "stated", as_stated: str | None = None) -> DateClaim:
    return DateClaim(parse_edtf(text), basis, "why" if basis == "inferred" else None, as_stated)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2021-06-20", "20 June 2021"),
        ("2022-07", "July 2022"),
        ("2022", "2022"),
        ("2022-07~", "about July 2022"),
        ("2022-07?", "possibly July 2022"),
        ("2022-07-10%", "possibly about 10 July 2022"),
        ("2022-XX", "2022"),
        ("2022-07-XX", "July 2022"),
        ("202X", "the 2020s"),
        ("2022-08/2022-09", "August or September 2022"),
        ("2021-12/2022-01", "December 2021 or January 2022"),
        ("2022-08/2022-10", "between August and October 2022"),
        ("2021-06-22/2021-06-24", "22–24 June 2021"),
        ("2021-06-30/2021-07-02", "30 June – 2 July 2021"),
        ("2021-12-30/2022-01-02", "30 December 2021 – 2 January 2022"),
        ("2021/2022", "2021 or 2022"),
        ("2019/2022", "between 2019 and 2022"),
        ("2021-06-20/2021-07", "20 June 2021 – July 2021"),
        ("2021-06-24/..", "24 June 2021 or later"),
        ("../2021-06-23", "by 23 June 2021"),
        ("../2021-02", "by February 2021"),
        ("2022-08/", "from August 2022, end unknown"),
    ],
)
def test_plain_date_words(edtf: str, words: str) -> None:
    assert plain_date(parse_edtf(edtf)) == words


def test_inferred_dates_are_marked_and_words_as_stated_follow() -> None:
    assert date_text(_claim("2021-06-22", "inferred", "On Tuesday"), as_stated=True) == (
        '22 June 2021* ("On Tuesday")'
    )
    assert date_text(_claim("2021-06-22", as_stated="On Tuesday")) == "22 June 2021"
    assert date_text(None) == ""
    assert date_text(_claim("2021-06-24/..", "inferred")) == "24 June 2021* or later"
    assert date_text(_claim("202X", "inferred")) == "the 2020s*"
    assert date_text(_claim("2022-08/2022-10", "inferred")) == "between August and October 2022*"
    assert INFERRED_LEGEND.startswith("* inferred date")


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("22 June 2021*", True),
        ('22 June 2021* ("On Tuesday")', True),
        ("July 2022* (end about then)", True),
        ("August 2022* – end not reported", True),
        ("24 June 2021* or later", True),
        ("from August 2022*, end unknown", True),
        ("the 2020s*", True),
        ("22 June 2021", False),
        ("a footnote*", False),
        ("2021*2", False),
    ],
)
def test_renderers_can_tell_a_marked_date(text: str, marked: bool) -> None:
    assert shows_inferred_mark(text) is marked


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (
            _claim("2021-06-20"),
            _claim("2021-06-24/..", "inferred"),
            "20 June 2021 – at least 24 June 2021*",
        ),
        (_claim("2021-06-20"), _claim("2021-06-24"), "20–24 June 2021"),
        (_claim("2021-06-20"), _claim("2021-07-02"), "20 June – 2 July 2021"),
        (
            _claim("2022-07", "inferred"),
            _claim("2022-07~", "inferred"),
            "July 2022* (end about then)",
        ),
        (_claim("2022-08/2022-09"), None, "August or September 2022 – end not reported"),
        (_claim("2022-08"), _claim("../2022-09"), "August 2022 – by September 2022"),
        (_claim("2022-07-30"), _claim("2022-08"), "30 July 2022 – August 2022"),
    ],
)
def test_span_words(start: DateClaim, end: DateClaim | None, words: str) -> None:
    assert span_text(start, end) == words


def test_shipped_visits_read_in_words(shipped: FactBase) -> None:
    facts = shipped
    spans = {v.id: record_dates_text(v) for v in facts.visits.values()}
    assert spans["2021-06-moscow"] == "20 June 2021* – at least 23 June 2021*"
    assert spans["2022-07-moscow"] == "July 2022* – at least July 2022*"
    assert spans["2022-09-vladivostok"].startswith("August or September 2022")
    for record in facts.items():
        words = record_dates_text(record)
        assert not any(ch in words for ch in "/~?%X."), (record.id, words)
