"""Comparable values and the verdict of a point: numbers with bounds, dates, text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.dates import value_words
from factcli.model.edtf import parse_edtf
from factcli.model.format import check_fact_file
from factcli.model.values import DateValue, Figure, Value, read_value, verdict

from .conftest import MINI_ARCHIVE


def _date(text: str) -> DateValue:
    return DateValue(parse_edtf(text))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # "at least 877" and "more than 860": 877 (or more) satisfies both.
        ([Figure("at_least", 877), Figure("more_than", 860)], "compatible"),
        ([Figure("exactly", 12), Figure("exactly", 15)], "contradict"),
        ([Figure("exactly", 12), Figure("exactly", 12.0)], "compatible"),
        ([Figure("at_most", 10), Figure("at_least", 10)], "compatible"),
        # Open ends: "at most 10" and "more than 10" share no number.
        ([Figure("at_most", 10), Figure("more_than", 10)], "contradict"),
        ([Figure("more_than", 10), Figure("exactly", 10)], "contradict"),
        # "about N" reaches 10% either way.
        ([Figure("about", 100), Figure("exactly", 110)], "compatible"),
        ([Figure("about", 100), Figure("exactly", 111)], "contradict"),
        ([Figure("about", 100), Figure("at_most", 90)], "compatible"),
        ([Figure("about", 100), Figure("at_most", 89)], "contradict"),
        # Dates overlap when some day lies in every version's earliest-to-latest range.
        ([_date("2021-06-22"), _date("2021-06-23")], "contradict"),
        ([_date("2021-06"), _date("2021-06-23")], "compatible"),
        ([_date("2021-06-20/2021-06-24"), _date("2021-06-24/2021-06-30")], "compatible"),
        ([_date("2021-06-23/.."), _date("2021-07")], "compatible"),
        ([_date("../2021-06-01"), _date("2021-07")], "contradict"),
        # Text is compared by its words only; so is a mix of kinds.
        (["General", "Senior General"], "wording"),
        ([Figure("more_than", 5000), "thousands"], "wording"),
        ([Figure("exactly", 2021), _date("2021")], "wording"),
    ],
)
def test_verdict(values: list[Value], expected: str) -> None:
    assert verdict(values) == expected


def test_values_read_from_a_fact_file_and_shown_in_words() -> None:
    assert read_value({"more_than": 2200}) == Figure("more_than", 2200)
    assert read_value({"date": "2021-06-23"}) == _date("2021-06-23")
    assert read_value("thousands") == "thousands"
    assert [value_words(v) for v in (Figure("more_than", 2200), _date("2021-06"), "x")] == [
        "more than 2,200",
        "June 2021",
        "x",
    ]


def _context(value: object) -> dict[str, object]:
    cite = [{"source": "a", "quote": "q"}]
    note = {"topic": "t", "note": "n", "point": "p", "value": value, "cite": cite}
    event = {"id": "e", "title": "E", "kind": "coup", "date": "2021", "summary": "s"}
    return {"events": [{**event, "cite": cite, "context": [note]}]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"at_least": 1, "at_most": 2}, "give exactly one of: exactly, at_least, more_than"),
        ({}, "give exactly one of"),
        ({"at_least": "877"}, "expected a number, got a string"),
        ({"at_least": True}, "expected a number, got a boolean"),
        ({"at_least": float("nan")}, "must be a finite number"),
        ({"date": "June 2021"}, "is not a date like 2022-07"),
        ({"atleast": 877}, "unknown key (did you mean 'at_least'?)"),
        (877, "expected a string or a table, got an integer"),
    ],
)
def test_a_value_that_cannot_be_compared_is_a_format_problem(value: object, message: str) -> None:
    problems = [text for path, text in check_fact_file(_context(value)) if "value" in path]
    assert any(message in text for text in problems), problems


def test_a_date_alternative_needs_its_own_citation() -> None:
    document = _context("v")
    event = document["events"][0]  # type: ignore[index]
    event["date"] = {"value": "2021", "alternatives": [{"value": "2020"}]}
    problems = [(".".join(map(str, p)), m) for p, m in check_fact_file(document)]
    assert problems == [("events.0.date.alternatives.0.cite", "missing required key")]


def _versions(facts: Path, first: str, second: str) -> Path:
    visit = facts / "visits" / "2020-03-springfield.toml"
    text = visit.read_text("utf-8")
    text = text.replace("value = { exactly = 12 }", f"value = {first}")
    visit.write_text(text.replace("value = { exactly = 15 }", f"value = {second}"), "utf-8")
    return facts


def test_conflicts_prints_each_version_with_its_point_and_verdict(facts_copy: Path) -> None:
    facts = _versions(facts_copy, "{ at_least = 12 }", "{ about = 15 }")
    result = CliRunner().invoke(app, ["conflicts", "-d", str(facts)], env={"COLUMNS": "88"})
    assert result.exit_code == 0
    table = result.stdout.split("\n\n")[0]
    assert table == (
        "Where sources differ\n"
        "                              According\n"
        "Point      Verdict    Value   to         As of                  In                  Src\n"
        "───────────────────────────────────────────────────────────────────────────────────────\n"
        "attendance compatible at      Alpha      undated; visit 2 March 2020-03-springfield [1]\n"
        "                      least   Daily      2020 – end not\n"
        "                      12                 reported\n"
        "attendance compatible about   Beta       undated; visit 2 March 2020-03-springfield [2]\n"
        "                      15      Weekly     2020 – end not\n"
        "                                         reported"
    )


def test_conflicts_json_gives_the_verdict_and_each_comparable_value(facts_copy: Path) -> None:
    facts = _versions(facts_copy, '{ date = "2020-03" }', '{ date = "2020-04-01" }')
    result = CliRunner().invoke(app, ["conflicts", "--json", "-d", str(facts)])
    (point,) = json.loads(result.stdout)
    assert point["verdict"] == "contradict"
    assert [(c["value"], c["comparable"]) for c in point["claims"]] == [
        ("March 2020", {"kind": "date", "edtf": "2020-03", "earliest": "2020-03-01",
                        "latest": "2020-03-31"}),
        ("1 April 2020", {"kind": "date", "edtf": "2020-04-01", "earliest": "2020-04-01",
                          "latest": "2020-04-01"}),
    ]  # fmt: skip


def _alternative(facts: Path, quote: str, source: str = "beta") -> Path:
    visit = facts / "visits" / "2020-03-springfield.toml"
    old = 'reasoning = "the Monday of the arrival" }'
    text = visit.read_text("utf-8")
    assert text.count(old) == 1
    other = (
        f'alternatives = [{{ value = "2020-03-03", as_stated = "Tuesday", '
        f'cite = [{{ source = "{source}", quote = "{quote}" }}] }}] }}'
    )
    visit.write_text(text.replace(old, old[:-1] + ", " + other), "utf-8")
    return facts


def test_a_date_alternative_is_shown_checked_and_compared(facts_copy: Path) -> None:
    facts = _alternative(facts_copy, "Mayor Joe Quimby greeted him.")
    runner = CliRunner()
    shown = runner.invoke(app, ["meetings", "-d", str(facts)], env={"COLUMNS": "200"})
    assert '2 March 2020* ("on Monday"); also given as 3 March 2020 ("Tuesday")' in shown.stdout
    checked = runner.invoke(
        app, ["verify-quotes", "-d", str(facts), "--archive", str(MINI_ARCHIVE)]
    )
    assert checked.exit_code == 0, checked.stdout
    found = json.loads(runner.invoke(app, ["conflicts", "--json", "-d", str(facts)]).stdout)
    point = next(p for p in found if p["point"] == "2020-03-springfield/counterparts[0]/date")
    assert point["verdict"] == "contradict"
    assert [(c["value"], c["sources"]) for c in point["claims"]] == [
        ("2 March 2020", ["alpha"]),
        ("3 March 2020", ["beta"]),
    ]


def test_a_date_alternative_quote_is_verified(facts_copy: Path) -> None:
    facts = _alternative(facts_copy, "Mayor Joe Quimby waved.")
    result = CliRunner().invoke(
        app, ["verify-quotes", "-d", str(facts), "--archive", str(MINI_ARCHIVE), "--json"]
    )
    assert result.exit_code == 1
    (failure,) = json.loads(result.stdout)["failures"]
    assert (failure["where"], failure["text"]) == ("counterparts[0]", "Mayor Joe Quimby waved.")


def test_a_date_alternative_citing_an_unknown_source_is_invalid(facts_copy: Path) -> None:
    facts = _alternative(facts_copy, "Mayor Joe Quimby greeted him.", source="gamma")
    result = CliRunner().invoke(app, ["validate", "-d", str(facts)])
    assert result.exit_code == 1
    where = "2020-03-springfield.toml:26: visit.counterparts[0].date.alternatives[0].cite[0]"
    assert f"{where}.source: unknown source 'gamma'" in result.stderr
