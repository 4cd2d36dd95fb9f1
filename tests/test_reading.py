"""Reading an answer: quotes under rows everywhere, periods, inferred publishers, true dates."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.dates import period_text
from factcli.model.edtf import parse_edtf
from factcli.model.records import FactBase

from .conftest import MINI


def _run(*args: str, width: int = 80) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(width)})
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


def _words(text: str) -> str:
    return " ".join(text.split())


def test_person_quotes_are_printed_under_each_row() -> None:
    out = _run("person", "ana ruiz", "--quotes", "-d", str(MINI))
    assert out.split("\n\nSources\n")[0] == (
        "Name: Ana Ruiz\n"
        "ID:   ana-ruiz\n"
        "\n"
        "Roles\n"
        "Role                   Organisation During Src\n"
        "──────────────────────────────────────────────\n"
        "analyst                                    [1]\n"
        "[1] “Analyst Ana Ruiz”\n"
        "\n"
        "Appears in\n"
        "Date                           Visit or event      As        Detail         Src\n"
        "───────────────────────────────────────────────────────────────────────────────\n"
        "undated; visit 2 March 2020 –  2020-03-springfield statement “It was a      [1]\n"
        "end not reported                                             quiet trip.”\n"
        "[1] “Analyst Ana Ruiz said:\n"
        '"It was a quiet trip."”'
    )
    assert "Analyst Ana Ruiz said" not in _run("person", "ana ruiz", "-d", str(MINI))


def test_meetings_quotes_are_printed_under_each_row() -> None:
    out = _run("meetings", "--quotes", "-d", str(MINI))
    assert out.split("\n* inferred")[0] == (
        "Meetings\n"
        "Date                          Where Who met whom                Topics Src\n"
        "────────────────────────────────────────────────────────────────────────────\n"
        '2 March 2020* ("on Monday")         The Minister met Joe Quimby trade  [1]†1\n'
        "[1] “He met Mayor Jöe Quimby”"
    )


def _quotes(data: Any) -> set[str]:
    """Every quote a JSON answer cites."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "cite":
                found.update(c["quote"] for c in value)
            else:
                found |= _quotes(value)
    elif isinstance(data, list):
        for value in data:
            found |= _quotes(value)
    return found


@pytest.mark.parametrize(
    "args",
    [
        ["person", "shoigu"],
        ["org", "rosatom"],
        ["meetings", "--person", "patrushev"],
        ["search", "honour guard"],
        ["show", "2022-08-lavrov-naypyidaw"],
    ],
    ids=" ".join,
)
def test_every_row_quote_is_readable_with_quotes(args: list[str]) -> None:
    """What the JSON cites for the rows, ``--quotes`` prints, word for word."""
    data = json.loads(_run(*args, "--json"))
    rows = data.get("appearances", data) if isinstance(data, dict) else data
    if isinstance(data, dict) and "appearances" not in data:
        rows = {k: v for k, v in data.items() if k != "sources"}
    printed = _words(_run(*args, "--quotes", width=200))
    plain = _words(_run(*args, width=200))
    quotes = _quotes(rows)
    assert quotes
    for quote in quotes:
        assert _words(quote) in printed, quote
    assert any(_words(quote) not in plain for quote in quotes)


def test_an_open_start_period_reads_until() -> None:
    assert period_text(parse_edtf("../2021-02")) == "until February 2021"
    assert period_text(parse_edtf("/2021-02-01")) == "until 1 February 2021"
    assert period_text(parse_edtf("2021-02/..")) == "February 2021 or later"
    out = _run("person", "aung san suu kyi", width=120)
    (row,) = [line for line in out.splitlines() if line.startswith("State Counsellor")]
    assert "until February 2021" in row and "by February" not in out


@pytest.mark.parametrize(
    "args", [["sources"], ["show", "2022-07-moscow"], ["report"]], ids=" ".join
)
def test_an_inferred_publisher_is_marked_wherever_sources_are_listed(args: list[str]) -> None:
    table = _words(_run(*args, width=200)) if args != ["report"] else ""
    markdown = _run(*args, "--format", "markdown")
    if table:
        assert "Myanmar Now (inferred)" in table
    assert "Myanmar Now (inferred)" in markdown
    # A publisher printed in the article is not marked.
    assert "RFA (inferred)" not in markdown and "Nikkei Asia (Reuters) (inferred)" not in markdown


def test_delegation_size_is_null_when_no_source_reports_a_delegation() -> None:
    rows = {r["id"]: r for r in json.loads(_run("visits", "--json"))}
    june = rows["2021-06-moscow"]
    assert (june["delegation_size"], june["delegation_reported"]) == (None, False)
    july = rows["2022-07-moscow"]
    assert (july["delegation_size"], july["delegation_reported"]) == (7, True)
    csv_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(_run("visits", "-f", "csv")))}
    assert csv_rows["2021-06-moscow"]["delegation_size"] == ""


def test_start_end_and_date_are_the_dates_the_sources_give(shipped: FactBase) -> None:
    """EDTF in ``start``, ``end`` and ``date``; the day bounds only in earliest/latest."""
    for row in json.loads(_run("timeline", "--json")):
        record = shipped.visits.get(row["id"]) or shipped.events[row["id"]]
        first = record.start if row["kind"] == "visit" else record.date  # type: ignore[union-attr]
        assert row["start"] == first.value.text
        assert row["earliest"] == (
            first.value.earliest.isoformat() if first.value.earliest else None
        )
    july = next(r for r in csv.DictReader(io.StringIO(_run("visits", "-f", "csv"))))
    assert (july["start"], july["end"]) == ("2021-06-20", "2021-06-23/..")
    shoigu = json.loads(_run("person", "shoigu", "--json"))["appearances"]
    assert [a["start"] for a in shoigu] == [
        a["date"]["edtf"] if a["date"] else None for a in shoigu
    ]
    within = next(a["within"] for a in shoigu if a["record_id"] == "2021-06-moscow")
    assert within == {
        "id": "2021-06-moscow",
        "kind": "visit",
        "start": "2021-06-20",
        "end": "2021-06-23/..",
        "earliest": "2021-06-20",
        "latest": None,
    }


def test_the_html_timeline_marks_only_years_though_starts_are_edtf() -> None:
    """An event dated "../2021-06-23" (before that day) starts no year of its own."""
    html = _run("report", "--format", "html")
    marks = re.findall(r'<span class="year">([^<]*)</span>', html)
    assert marks == ["2020", "2021", "2022"]
