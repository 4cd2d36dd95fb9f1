"""What a new user meets first: misspelt names, wrong folders, empty questions, set-up."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import MINI

MISSPELT = "Min Aung Hliang"
SUGGESTION = f"factcli: no person matching '{MISSPELT}'; did you mean Min Aung Hlaing?\n"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("index", ["on", "off"])
@pytest.mark.parametrize(
    "args",
    [
        ["person", MISSPELT],
        ["visits", "--person", MISSPELT],
        ["timeline", "--person", MISSPELT],
    ],
    ids=" ".join,
)
def test_a_misspelt_person_is_answered_alike_everywhere(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], index: str
) -> None:
    monkeypatch.setenv("FACTCLI_INDEX", index)
    assert invoke(runner, *args) == (1, "", SUGGESTION)


def test_meetings_suggests_people_and_organisations(runner: CliRunner) -> None:
    assert invoke(runner, "meetings", "--person", MISSPELT) == (
        1,
        "",
        f"factcli: no person or organisation matching '{MISSPELT}'; "
        "did you mean Min Aung Hlaing?\n",
    )


def test_a_misspelt_org_filter_names_the_closest(runner: CliRunner) -> None:
    assert invoke(runner, "visits", "--org", "Rosobornexport") == (
        1,
        "",
        "factcli: no organisation matching 'Rosobornexport'; "
        "did you mean Rosoboronexport, Rosatom?\n",
    )


def test_a_name_close_to_none_still_just_matches_nothing(runner: CliRunner) -> None:
    assert invoke(runner, "visits", "--person", "Zelensky") == (
        1,
        "",
        "factcli: no visit matches those filters\n",
    )


def test_a_right_name_still_filters(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "visits", "--person", "shoigu", "--fields", "id", "-f", "csv")
    assert (code, out, err) == (0, "id\n2021-06-moscow\n", "")


@pytest.mark.parametrize("via", ["option", "variable"])
def test_an_empty_folder_is_no_fact_base(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, via: str
) -> None:
    (tmp_path / "notes.txt").write_text("not facts\n", encoding="utf-8")
    if via == "option":
        args, setting = ["visits", "-d", str(tmp_path)], "--facts-dir"
    else:
        monkeypatch.setenv("FACTCLI_FACTS_DIR", str(tmp_path))
        args, setting = ["visits"], "FACTCLI_FACTS_DIR"
    assert invoke(runner, *args) == (
        2,
        "",
        f"factcli: {tmp_path}: no fact base here (named by {setting}): looked for "
        "sources.toml and other *.toml fact files in it and its subfolders, and found none\n",
    )


@pytest.mark.parametrize("command", ["visits", "validate", "info", "search Rosatom"])
def test_a_missing_facts_dir_is_a_usage_error(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str
) -> None:
    monkeypatch.setenv("FACTCLI_FACTS_DIR", str(tmp_path / "nope"))
    assert invoke(runner, *command.split()) == (
        2,
        "",
        f"factcli: {tmp_path / 'nope'}: facts directory does not exist "
        "(named by FACTCLI_FACTS_DIR)\n",
    )


def test_a_folder_with_fact_files_but_no_sources_toml_still_answers(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copytree(MINI, tmp_path / "base")
    (tmp_path / "base" / "sources.toml").rename(tmp_path / "base" / "bibliography.toml")
    code, out, err = invoke(runner, "visits", "-d", str(tmp_path / "base"), "-f", "csv")
    assert (code, err) == (0, "") and "2020-03-springfield" in out


@pytest.mark.parametrize(
    ("options", "shown"),
    [
        (["--since", "2022", "--until", "2021"], "--since 2022 --until 2021"),
        (["--year", "2021", "--since", "2022-07"], "--year 2021 --since 2022-07"),
        (["--until", "2020-12-31", "--year", "2021"], "--year 2021 --until 2020-12-31"),
    ],
)
@pytest.mark.parametrize("command", ["visits", "timeline", "meetings"])
def test_an_empty_period_is_a_usage_error(
    runner: CliRunner, command: str, options: list[str], shown: str
) -> None:
    assert invoke(runner, command, *options) == (
        2,
        "",
        f"factcli: {shown}: no day is in that period (it would end before it starts)\n",
    )


def test_a_one_day_period_is_not_empty(runner: CliRunner) -> None:
    code, out, _ = invoke(
        runner, "visits", "--since", "2021-06-22", "--until", "2021-06-22", "-f", "csv"
    )
    assert code == 0 and "2021-06-moscow" in out


@pytest.mark.parametrize("year", ["0", "10000"])
def test_a_year_out_of_range_is_a_usage_error_not_a_traceback(runner: CliRunner, year: str) -> None:
    code, out, err = invoke(runner, "visits", "--year", year)
    assert (code, out) == (2, "")
    assert f"Invalid value for '--year': {year} is not in the range 1<=x<=9999." in err


@pytest.mark.parametrize("text", ["", "  ", "?!"])
def test_a_search_with_no_words_is_a_usage_error(runner: CliRunner, text: str) -> None:
    assert invoke(runner, "search", text) == (
        2,
        "",
        "factcli: search needs at least one word to look for\n",
    )


def test_a_quote_that_opens_with_a_mark_gets_no_second_one(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "search", "military cooperation", "-f", "markdown")
    assert code == 0 and "““" not in out
    assert (
        "| statement by Thein Tun Oo, June 2021 visit | Military cooperation with Russia is a "
        "really important international issue, especially for peace in the Asia-Pacific reg… | "
        "“Military cooperation with Russia is a really important international issue, "
        "especially for peace in the Asia-Pacific re… | [^3] |\n"
    ) in out
    code, out, _ = invoke(runner, "show", "2021-06-moscow", "--quotes", "-f", "markdown")
    assert code == 0 and "““" not in out
    assert (
        "|  | \\[3\\] “Military cooperation with Russia is a really important international "
        "issue, especially for peace in the Asia-Pacific region, which will be important to "
        "Myanmar in the future,” he said. |  |  |  |\n"
    ) in out


def test_a_quote_without_its_own_marks_is_put_in_marks(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "search", "terrorists", "-f", "markdown")
    assert code == 0
    assert '| “Myanmar\'s military says it is fighting "terrorists" and is seeking' in out


def test_csv_writes_booleans_as_json_does(runner: CliRunner) -> None:
    args = ["visits", "-f", "csv", "--fields", "id,delegation_reported"]
    assert invoke(runner, *args) == (
        0,
        "id,delegation_reported\n"
        "2021-06-moscow,false\n"
        "2022-07-moscow,true\n"
        "2022-09-vladivostok,false\n",
        "",
    )


@pytest.mark.parametrize(
    ("line", "chosen"),
    [
        ("visits --format csv", "csv"),
        ("search Rosatom -fmarkdown", "markdown"),
        ("person Shoigu --format=html", "html"),
    ],
)
def test_batch_refuses_a_format_other_than_json_on_that_line(
    runner: CliRunner, line: str, chosen: str
) -> None:
    result = runner.invoke(app, ["batch"], input=f"{line}\nvisits -f json --fields id\n")
    first, second = result.stdout.splitlines()
    assert result.exit_code == 1
    assert json.loads(first) == {
        "line": 1,
        "command": line,
        "ok": False,
        "exit_code": 2,
        "error": f"--format {chosen}: a batch answers in JSON only; leave --format out",
    }
    assert json.loads(second)["result"] == [
        {"id": "2021-06-moscow"},
        {"id": "2022-07-moscow"},
        {"id": "2022-09-vladivostok"},
    ]


def test_info_never_breaks_a_long_path(runner: CliRunner, tmp_path: Path) -> None:
    base = tmp_path / ("a-folder-name-long-enough-to-pass-eighty-columns-" * 2) / "facts"
    shutil.copytree(MINI, base)
    code, out, err = invoke(runner, "info", "-d", str(base))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == ["Fact base:", str(base), "Found as:       named by --facts-dir"]
    assert "Visits:         1" in lines


def test_info_keeps_a_short_path_beside_its_key(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "f")
    line = f"Fact base:      {tmp_path / 'f'}"
    # 80 columns, or as many as the line needs: an xdist worker's tmp_path is 10 longer.
    width = str(max(80, len(line)))
    result = runner.invoke(app, ["info", "-d", str(tmp_path / "f")], env={"COLUMNS": width})
    assert result.exit_code == 0 and result.stdout.splitlines()[0] == line


def test_a_statement_of_a_word_or_two_is_shown_with_its_words_around(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "show", "2022-09-vladivostok", "-f", "markdown")
    assert code == 0
    assert (
        "| Myanmar's Armed Forces | “terrorists”, in: …military says it is fighting "
        '"terrorists" and is seeking to restore… |  | [^2] |\n'
    ) in out
    code, out, _ = invoke(runner, "org", "Myanmar's Armed Forces", "-f", "markdown")
    assert code == 0
    assert (
        "| 2022-09-vladivostok | statement | “terrorists”, in: …military says it is fighting "
        '"terrorists" and is seeking to restore… | [^2] |\n'
    ) in out


def test_quoted_words_are_in_quote_marks_and_reported_speech_is_not(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "show", "2021-06-moscow", "-f", "markdown")
    assert code == 0
    assert (
        "| Sergei Shoigu | “a time-tested strategic partner and a reliable ally” | "
        '22 June 2021\\* ("On Tuesday") |  | [^3] †8 |\n'
    ) in out
    assert (
        "| Min Aung Hlaing | (reported) the military under his control is working to reform "
        "what he called a “degraded” democracy in Myanmar |  | Moscow | [^3] |\n"
    ) in out
