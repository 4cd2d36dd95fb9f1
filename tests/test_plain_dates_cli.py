"""Plain dates in every human view, machine dates kept in JSON, and date options in words."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.dates import INFERRED_LEGEND

from .conftest import FACTCLI


def _out(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


EDTF_LOOK = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b|\d/\.\.|\.\./\d|\d~|\d[?%]")


@pytest.mark.parametrize(
    "args",
    [
        ["visits"],
        ["show", "2021-06-moscow"],
        ["show", "2022-07-moscow"],
        ["person", "shoigu"],
        ["timeline"],
        ["conflicts"],
        ["sources"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_human_views_write_no_machine_dates(runner: CliRunner, args: list[str], fmt: str) -> None:
    text = _out(runner, *args, "--format", fmt)
    if fmt == "html":
        text = text.split("<body>", 1)[1]  # past the style sheet's "100%"
    # Record and source ids (2021-06-moscow, rfa-2021-06-23) look like dates: drop them.
    text = re.sub(r"\b\d{4}-\d{2}(-\d{2})?-[a-z]|[a-z]-\d{4}-\d{2}(-\d{2})?\b", "", text)
    assert EDTF_LOOK.search(text) is None, EDTF_LOOK.search(text)


def test_visits_table_reads_in_words_with_legend(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "240")
    text = _out(runner, "visits")
    assert "20 June 2021* – at least 23 June 2021*" in text
    assert INFERRED_LEGEND in text
    markdown = _out(runner, "visits", "--format", "markdown")
    assert (
        "| 2022-09-vladivostok | August or September 2022\\* – end not reported | "
        "Vladivostok (planned) | Eastern Economic Forum (announced) | not reported "
        "| Russian officials (planned) |"
    ) in markdown
    assert "| 5 people, 2 groups |" in markdown


def test_show_marks_inferred_dates_and_keeps_the_words_as_stated(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    flat = " ".join(_out(runner, "show", "2021-06-moscow").split())
    assert 'End: 23 June 2021* or later ("June 23, 2021") [2][3]†2' in flat
    assert '22 June 2021* ("On Tuesday")' in flat
    assert flat.count(INFERRED_LEGEND) >= 2
    markdown = _out(runner, "show", "2021-06-moscow", "--format", "markdown")
    assert '22 June 2021\\* ("On Tuesday")' in markdown
    assert "\\* inferred date: worked out" in markdown


def test_json_keeps_machine_dates_and_adds_dates_text(runner: CliRunner) -> None:
    rows = {r["id"]: r for r in json.loads(_out(runner, "visits", "--json"))}
    moscow = rows["2021-06-moscow"]
    assert (moscow["start"], moscow["end"], moscow["dates"]) == (
        "2021-06-20",
        "2021-06-23/..",  # "at least 23 June", as the sources give it
        "2021-06-20/..",
    )
    assert (moscow["earliest"], moscow["latest"]) == ("2021-06-20", None)  # no latest day
    assert moscow["dates_text"] == "20 June 2021* – at least 23 June 2021*"
    assert moscow["delegation_reported"] is False
    july = rows["2022-07-moscow"]
    assert (july["delegation_size"], july["delegation_people"], july["delegation_groups"]) == (
        7,
        5,
        2,
    )
    shown = json.loads(_out(runner, "show", "2021-06-moscow", "--json"))
    assert shown["end_date"]["edtf"] == "2021-06-23/.."
    assert shown["end_date"]["text"] == "23 June 2021* or later"
    events = json.loads(_out(runner, "timeline", "--json"))
    assert all(e["dates_text"] for e in events)


@pytest.mark.parametrize("bad", ["2022-13", "July", "2022-07/2022-08", "2022~"])
def test_date_options_explain_in_plain_words(runner: CliRunner, bad: str) -> None:
    for command in (["visits"], ["timeline"], ["report"]):
        result = runner.invoke(app, [*command, "--since", bad])
        assert result.exit_code == 2
        assert "a date like 2022-07 or 2022-07-10" in result.stderr
        assert "EDTF" not in result.stderr and "interval" not in result.stderr


def test_since_matches_what_may_overlap(runner: CliRunner) -> None:
    # 'August or September 2022' may fall in September: it is kept.
    found = json.loads(_out(runner, "visits", "--since", "2022-09", "--json"))
    assert [v["id"] for v in found] == ["2022-09-vladivostok"]
    found = json.loads(
        _out(runner, "timeline", "--since", "2022-09", "--until", "2022-09", "--json")
    )
    assert "2022-09-vladivostok" in [r["id"] for r in found]
    help_text = " ".join(runner.invoke(app, ["timeline", "--help"]).stdout.split())
    assert "overlaps the period" in help_text


def test_piped_tables_carry_no_trailing_spaces() -> None:
    for args in (["visits"], ["show", "2022-07-moscow"], ["timeline"]):
        done = subprocess.run([FACTCLI, *args], capture_output=True, text=True, check=True)
        assert done.stdout.strip()
        assert all(line == line.rstrip() for line in done.stdout.splitlines()), args
