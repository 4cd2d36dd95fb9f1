"""Lists without a shell loop: meetings, ids on the timeline, quotes under rows in show."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from factcli.cli import app


def _out(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_meetings_lists_every_counterpart_and_meeting_event(runner: CliRunner) -> None:
    found = json.loads(_out(runner, "meetings", "--json"))
    sentences = [m["text"] for m in found]
    # The Kremlin said he "would hold talks" with Patrushev and would not meet Putin.
    assert "Min Aung Hlaing was to meet Nikolai Patrushev" in sentences
    assert "no meeting of Min Aung Hlaing with Vladimir Putin" in sentences
    assert "Min Aung Hlaing met Alexey Likhachev" in sentences
    assert "Sergei Shoigu met Min Aung Hlaing" in sentences  # an event of kind meeting
    shoigu = next(m for m in found if m["text"] == "Min Aung Hlaing met Sergei Shoigu")
    assert shoigu["date"]["edtf"] == "2021-06-22"
    # RFA does not say where they met: no place, none borrowed from the visit.
    assert (shoigu["city"], shoigu["country"], shoigu["place"]) == (None, None, None)
    assert shoigu["topics"] == []  # what Shoigu said is a statement, not the meeting's topic
    assert shoigu["sources"] == ["rfa-2021-06-23"] and shoigu["cite"]
    # Sorted by date: the January 2021 meetings before the June ones.
    starts = [m["earliest"] or m["within"]["start"] for m in found]
    assert starts == sorted(starts)


def test_meetings_csv_is_one_row_per_meeting_for_a_spreadsheet(runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(_out(runner, "meetings", "--format", "csv"))))
    assert len(rows) == len(json.loads(_out(runner, "meetings", "--json")))
    likhachev = next(r for r in rows if r["met"] == "Alexey Likhachev")
    assert likhachev["earliest"] == "2022-07-01" and likhachev["latest"] == "2022-08-31"
    assert likhachev["date_text"] == "July or August 2022*"
    assert likhachev["topics"] == "atomic energy cooperation"
    assert likhachev["sources"] == "myanmar-now-2022-07"
    assert "Alexey Likhachev" in likhachev["quote"]


def test_meetings_filter_by_person_and_period(runner: CliRunner) -> None:
    found = json.loads(_out(runner, "meetings", "--person", "shoigu", "--json"))
    assert [m["record_id"] for m in found] == ["2021-01-shoigu-myanmar", "2021-06-moscow"]
    found = json.loads(
        _out(runner, "meetings", "--person", "shoigu", "--since", "2021-06", "--json")
    )
    assert [m["text"] for m in found] == ["Min Aung Hlaing met Sergei Shoigu"]
    table = _out(runner, "meetings", "--since", "2022-07", "--until", "2022-07")
    assert "Likhachev" in table and "Patrushev" not in table
    none = runner.invoke(app, ["meetings", "--person", "putin", "--status", "held"])
    assert none.exit_code == 1 and "Vladimir Putin is named in" in none.stderr


def test_timeline_shows_each_record_id(runner: CliRunner) -> None:
    text = _out(runner, "timeline", "--since", "2022-07", "--until", "2022-07")
    assert "July 2022* – at least July 2022*  2022-07-moscow" in text
    assert "2022-07-wang-yi-myanmar" in text
    markdown = _out(runner, "timeline", "--format", "markdown")
    assert "| ID |" in markdown


def test_show_quotes_prints_the_quoted_words_under_each_row(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    plain = _out(runner, "show", "2022-07-moscow")
    quoted = _out(runner, "show", "2022-07-moscow", "--quotes")
    line = "[1] “military attaché Brig-Gen Moe Kyaw”"
    assert line not in plain and line in quoted
    lines = quoted.splitlines()
    at = next(i for i, text in enumerate(lines) if text.startswith("Moe Kyaw"))
    assert line in lines[at + 1]
    markdown = _out(runner, "show", "2022-07-moscow", "--quotes", "--format", "markdown")
    assert "military attaché Brig-Gen Moe Kyaw" in markdown


def test_agreements_show_their_parties_and_delegations_count_people(runner: CliRunner) -> None:
    markdown = _out(runner, "show", "2021-06-moscow", "--format", "markdown")
    assert "| Agreement | Parties | Date | Wording | Src |" in markdown
    visits = _out(runner, "visits", "--format", "markdown")
    assert "| not reported |" in visits and "| 5 people, 2 groups |" in visits
