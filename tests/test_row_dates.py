"""Rows of CSV and JSON carry their claim's own date, with the date's OWN basis and reasoning.

A stated claim can carry an inferred date ("10 days before the coup"): the
row must say the date is inferred. Search has one row per claim, as its table.
"""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from factcli.cli import app
from tests.conftest import FACTS, MINI


def _csv(*args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(app, [*args, "--facts-dir", str(FACTS)])
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


SHOIGU_DATE = {
    "date": "2021-01-22",
    "date_text": "22 January 2021*",
    "date_earliest": "2021-01-22",
    "date_latest": "2021-01-22",
    "date_basis": "inferred",
    "date_reasoning": "ten days before the coup of 1 February 2021",
}
JUNE_2021 = {
    "within_kind": "visit",
    "within_title": "Moscow security conference",
    "within_start": "2021-06-20",
    "within_end": "2021-06-23/..",  # "at least 23 June", as EDTF
    "within_text": "20 June 2021* – at least 23 June 2021*",
    "within_earliest": "2021-06-20",
    "within_latest": "",  # "at least 23 June": no latest day
}
NO_DATE = dict.fromkeys(SHOIGU_DATE, "")


def _pick(row: dict[str, str], keys: dict[str, str]) -> dict[str, str]:
    return {k: row[k] for k in keys}


def test_export_csv_rows_carry_their_own_date_and_the_record_around_them() -> None:
    rows = _csv("export", "--format", "csv", "--output", "-")
    shoigu = next(
        r for r in rows if (r["record_id"], r["section"]) == ("2021-01-shoigu-myanmar", "summary")
    )
    assert _pick(shoigu, SHOIGU_DATE) == SHOIGU_DATE
    assert shoigu["basis"] == "stated"
    thein = next(
        r
        for r in rows
        if (r["record_id"], r["section"], r["index"]) == ("2021-06-moscow", "statements", "5")
    )
    # Thein Tun Oo's statement has no date of its own: empty, the visit only as context.
    assert _pick(thein, NO_DATE) == NO_DATE
    assert _pick(thein, JUNE_2021) == JUNE_2021
    assert thein["within_id"] == "2021-06-moscow"
    registry = next(r for r in rows if r["record_kind"] == "person")
    assert registry["within_id"] == registry["within_text"] == registry["date"] == ""


def test_meetings_csv_says_the_date_of_a_stated_meeting_is_inferred() -> None:
    rows = _csv("meetings", "--format", "csv")
    shoigu = next(r for r in rows if r["record_id"] == "2021-01-shoigu-myanmar")
    assert _pick(shoigu, SHOIGU_DATE) == {**SHOIGU_DATE, "date_text": "22 January 2021*"}
    assert (shoigu["basis"], shoigu["reasoning"]) == ("stated", "")


def test_search_csv_gives_each_figure_its_date_basis() -> None:
    rows = _csv("search", "killed", "--format", "csv")
    picked = [(r["record_id"], r["section"], r["date"], r["date_basis"]) for r in rows]
    assert picked == [
        ("2021-06-moscow", "context[1]", "2021-06-24", "inferred"),
        ("2022-09-vladivostok", "context[9]", "2022-08/2022-10", "inferred"),
        ("2021-06-moscow", "context[0]", "2021-06-23", "inferred"),
    ]
    assert rows[0]["date_reasoning"] == "'to date' in the article of 24 June 2021"
    assert rows[0]["fields"] == "note;quote;topic"


def test_conflicts_csv_gives_each_figure_its_date_basis() -> None:
    rows = _csv("conflicts", "--format", "csv")
    deaths = {
        r["value"]: (r["date"], r["date_basis"], r["date_reasoning"])
        for r in rows
        if r["point"] == "crackdown-deaths-june-2021"
    }
    assert deaths == {
        "at least 877": (
            "2021-06-23",
            "inferred",
            "the figure as of the article's publication, 23 June 2021",
        ),
        "more than 860": ("2021-06-24", "inferred", "'to date' in the article of 24 June 2021"),
    }


def test_search_json_has_one_row_per_claim_as_the_table() -> None:
    result = CliRunner().invoke(app, ["search", "killed", "--json", "--facts-dir", str(FACTS)])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["record_id"], r["section"], r["field"], r["fields"]) for r in rows] == [
        ("2021-06-moscow", "context[1]", "note", ["note", "quote", "topic"]),
        ("2022-09-vladivostok", "context[9]", "note", ["note", "quote", "topic"]),
        ("2021-06-moscow", "context[0]", "topic", ["topic"]),
    ]
    table = CliRunner().invoke(app, ["search", "killed", "--facts-dir", str(FACTS)])
    # The table's rows each begin with where the claim is: three, as the JSON.
    assert table.stdout.count("background note,") == 3
    jsonl = CliRunner().invoke(
        app, ["search", "killed", "--format", "jsonl", "--facts-dir", str(FACTS)]
    )
    assert len(jsonl.stdout.splitlines()) == 3


def test_visit_and_timeline_rows_say_how_their_start_and_end_are_known() -> None:
    fields = "id,start,end,start_basis,start_reasoning,end_basis,end_reasoning"
    mini = ["--format", "csv", "--fields", fields, "--facts-dir", str(MINI)]
    visits = CliRunner().invoke(app, ["visits", *mini])
    assert visits.stdout == f"{fields}\n2020-03-springfield,2020-03-02,,stated,,,\n"
    timeline = CliRunner().invoke(app, ["timeline", *mini])
    assert timeline.stdout == (
        f"{fields}\n2020-fair,2020-03,2020-03,stated,,stated,\n"
        "2020-03-springfield,2020-03-02,,stated,,,\n"
    )
    rows = _csv("visits", "--format", "csv")
    moscow = next(r for r in rows if r["id"] == "2021-06-moscow")
    assert (moscow["start"], moscow["start_basis"]) == ("2021-06-20", "inferred")
    assert moscow["start_reasoning"].startswith("the year is not printed: 'June 20'")
