"""Every command through Typer's CliRunner: formats, filters, failures and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from factcli.cli import COMMANDS, app, invoked_command, make_app

from .conftest import ARCHIVE, MINI, MINI_ARCHIVE

QUERIES = [
    ["visits"],
    ["show", "2022-07-moscow"],
    ["show", "2021-02-01-coup"],
    ["person", "Shoigu"],
    ["org", "Rosatom"],
    ["search", "Rosatom"],
    ["timeline"],
    ["sources"],
    ["sources", "--visit", "2021-06-moscow"],
    ["conflicts"],
]


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "markdown", "html"])
def test_every_query_in_every_format(runner: CliRunner, args: list[str], fmt: str) -> None:
    code, out, err = invoke(runner, *args, "--format", fmt)
    assert (code, err) == (0, "")
    assert out.strip()
    if fmt == "json":
        json.loads(out)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)
    elif fmt == "markdown":
        assert out.startswith("# ")
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and out.endswith("</html>\n")
    else:
        assert "\x1b" not in out  # NO_COLOR and a non-terminal: no escape codes


def test_json_flag_is_format_json(runner: CliRunner) -> None:
    assert invoke(runner, "visits", "--json") == invoke(runner, "visits", "--format", "json")


def test_visits_json_contract(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "visits", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [r["id"] for r in rows] == ["2021-06-moscow", "2022-07-moscow", "2022-09-vladivostok"]
    for row in rows:
        assert {"id", "title", "start", "end", "city", "country"} <= set(row)
    # "start" is the date as the sources give it (a Sunday in July 2022), never a made-up day;
    # the first day it can be is "earliest".
    assert (rows[1]["start"], rows[1]["earliest"], rows[1]["city"]) == (
        "2022-07",
        "2022-07-01",
        "Moscow",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2022"], ["2022-07-moscow", "2022-09-vladivostok"]),
        (["--year", "2021"], ["2021-06-moscow"]),
        (["--until", "2021-12"], ["2021-06-moscow"]),
        (["--city", "kaluga"], ["2022-07-moscow"]),
        (["--country", "Russia", "--year", "2022"], ["2022-07-moscow", "2022-09-vladivostok"]),
        (
            # Every visit: a cited claim of each involves him (in July 2022,
            # "left for Moscow on Sunday"; Kaluga names only "the regime delegation").
            ["--person", "Mi Aung Hlaing"],
            ["2021-06-moscow", "2022-07-moscow", "2022-09-vladivostok"],
        ),
        (["--person", "Likhachev"], ["2022-07-moscow"]),
        (["--org", "Rosoboronexport"], ["2022-07-moscow"]),
    ],
)
def test_visit_filters(runner: CliRunner, args: list[str], expected: list[str]) -> None:
    code, out, _ = invoke(runner, "visits", *args, "--json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == expected


def test_no_visit_matches_exits_1(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "visits", "--year", "1999")
    assert (code, out) == (1, "")
    assert "no visit matches" in err


def test_bad_date_option_is_a_usage_error(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "visits", "--since", "yesterday")
    assert (code, out) == (2, "")
    assert "--since" in err


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "visits", "--colour")
    assert (code, out) == (2, "")


def test_show_json_keeps_every_claim_with_sources_and_quotes(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "show", "2022-07-moscow", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["id"] == "2022-07-moscow"
    member = data["delegation"][0]
    assert member["name"] == "Ye Win Oo" and member["sources"] == ["myanmar-now-2022-07"]
    assert "Ye Win Oo" in member["cite"][0]["quote"]
    assert data["start_date"]["basis"] == "inferred" and data["start_date"]["reasoning"]
    assert next(s["id"] for s in data["sources"]) == "myanmar-now-2022-07"


def test_show_table_has_markers_pointing_into_source_list(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "show", "2021-06-moscow")
    assert code == 0
    assert "Nikolai Patrushev" in out and "[3]" in out  # RFA: the third of sources.toml
    assert "Sources" in out and "Warsaw Institute" in out
    assert "inferred:" in out  # inferred rows carry their reasoning


def test_show_unknown_id_suggests(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "show", "2022-07-moskow")
    assert (code, out) == (1, "")
    assert "did you mean 2022-07-moscow" in err


def test_person_several_matches_lists_them_and_exits_1(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "person", "Aung")
    assert (code, out) == (1, "")
    assert "Aung San Suu Kyi" in err and "Min Aung Hlaing" in err


def test_person_unknown_suggests(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "person", "Sergei Shoygu")
    assert code == 1 and "did you mean Sergei Shoigu" in err


def test_person_json_lists_appearances(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "person", "Anthony Blinken", "--json")
    data = json.loads(out)
    assert code == 0 and data["name"] == "Antony Blinken"
    assert {"Anthony Blinken", "Blinken"} <= set(data["aliases"])
    assert {a["record_id"] for a in data["appearances"]} == {
        "2022-07-blinken-thailand",
        "2022-blinken-sham-elections",
    }


def test_search_no_match_exits_1(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "search", "zeppelin")
    assert (code, out) == (1, "")
    assert "nothing matches" in err


def test_search_json_has_highlights_into_snippet(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "search", "roscosmos", "--json")
    hits = json.loads(out)
    assert code == 0 and hits
    for hit in hits:
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].casefold().startswith("roscosmos")


def test_timeline_filters(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "timeline", "--year", "2021", "--json")
    ids = [r["id"] for r in json.loads(out)]
    assert code == 0
    assert ids[0] == "2021-01-wang-yi-myanmar" and "2021-06-moscow" in ids
    assert all(not i.startswith("2022") for i in ids)


def test_sources_counts_claims(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "sources", "--json")
    assert code == 0
    assert all(s["claims"] > 0 for s in json.loads(out))
    code, _, err = invoke(runner, "sources", "--visit", "nope")
    assert code == 1 and "no visit or event" in err


def test_validate_clean(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "validate")
    assert (code, err) == (0, "")
    assert "files OK" in out


def test_validate_reports_every_problem(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[visit]\nid = "x"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text("[[orgs]]\nid = 3\n", encoding="utf-8")
    code, out, err = invoke(runner, "validate", str(tmp_path))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    # A missing key has no line of its own: the message points at its table.
    assert f"{tmp_path / 'a.toml'}:1: visit.title: missing required key" in lines
    assert f"{tmp_path / 'b.toml'}:2: orgs[0].id: expected a string, got an integer" in lines
    code, out, _ = invoke(runner, "validate", str(tmp_path), "--json")
    assert code == 1 and json.loads(out)["valid"] is False


@pytest.mark.usefixtures("archive")
def test_verify_quotes_on_shipped_facts(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "verify-quotes", "--archive", str(ARCHIVE))
    assert code == 0 and "0 not found" in out


def test_verify_quotes_failure_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "alpha.txt").write_text("nothing", encoding="utf-8")
    (tmp_path / "beta.txt").write_text("nothing", encoding="utf-8")
    code, out, err = invoke(runner, "verify-quotes", "-d", str(MINI), "--archive", str(tmp_path))
    assert code == 1 and "Quotes not found" in out and "not found" in err
    code, out, _ = invoke(
        runner, "verify-quotes", "-d", str(MINI), "--archive", str(tmp_path), "--json"
    )
    report = json.loads(out)
    assert code == 1 and report["failed"] == report["checked"] > 0
    assert {f["problem"] for f in report["failures"]} >= {"quote not found in the source"}
    code, _, _ = invoke(runner, "verify-quotes", "-d", str(MINI), "--archive", str(MINI_ARCHIVE))
    assert code == 0


def test_facts_dir_option_and_environment(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = invoke(runner, "visits", "-d", str(MINI), "--json")
    assert [r["id"] for r in json.loads(out)] == ["2020-03-springfield"]
    monkeypatch.setenv("FACTCLI_FACTS_DIR", str(MINI))
    code, out, _ = invoke(runner, "visits", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["2020-03-springfield"]


def test_missing_facts_dir_is_a_clean_error(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = invoke(runner, "visits", "-d", str(tmp_path / "nope"))
    assert (code, out) == (2, "")
    assert "does not exist" in err and "Traceback" not in err


def test_broken_base_refuses_unless_skip_invalid(runner: CliRunner, facts_copy: Path) -> None:
    (facts_copy / "broken.toml").write_text("= nope", encoding="utf-8")
    code, out, err = invoke(runner, "visits", "-d", str(facts_copy))
    assert (code, out) == (1, "")
    assert "broken.toml:1:1: TOML syntax error" in err and "--skip-invalid" in err
    code, out, err = invoke(runner, "visits", "-d", str(facts_copy), "--skip-invalid", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "2020-03-springfield"
    assert "skipped:" in err and "broken.toml" in err


def test_schema_is_draft7_json(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].startswith("http://json-schema.org/draft-07")
    assert "visit" in schema["definitions"]


def test_version_and_help(runner: CliRunner) -> None:
    from factcli import __version__

    code, out, _ = invoke(runner, "--version")
    assert (code, out) == (0, f"factcli {__version__}\n")
    code, out, _ = invoke(runner, "-h")
    assert code == 0 and "visits" in out and "verify-quotes" in out


def test_narrow_terminal_never_cuts_a_name(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _ = invoke(runner, "show", "2022-07-moscow")
    assert code == 0
    assert "Rosoboronexport" in out and "Myo Zaw Thein" in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 40


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "markdown"])
def test_validate_machine_formats(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    code, out, _ = invoke(runner, "validate", "-d", str(MINI), "--format", fmt)
    assert code == 0
    if fmt == "csv":
        assert out == "file,line,column,key_path,message\n"
    (tmp_path / "bad.toml").write_text('[[orgs]]\nid = "x"\n', encoding="utf-8")
    code, out, _ = invoke(runner, "validate", str(tmp_path / "bad.toml"), "--format", fmt)
    assert code == 1 and "missing required key" in out and "bad.toml" in out


def test_fields_select_json_and_csv_columns(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "visits", "--json", "--fields", "id,start,city")
    assert code == 0
    assert json.loads(out)[0] == {"id": "2021-06-moscow", "start": "2021-06-20", "city": "Moscow"}
    code, out, _ = invoke(runner, "visits", "-f", "csv", "--fields", "city,id")
    assert code == 0 and out.splitlines()[:2] == ["city,id", "Moscow,2021-06-moscow"]
    code, out, _ = invoke(runner, "show", "2022-07-moscow", "--json", "--fields", "id,delegation")
    assert code == 0 and set(json.loads(out)) == {"id", "delegation"}


def test_unknown_field_is_a_usage_error_listing_fields(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "visits", "--json", "--fields", "id,nope")
    assert (code, out) == (2, "")
    assert "available: id, kind, title" in err
    code, out, err = invoke(runner, "visits", "--fields", "id")
    assert (code, out) == (2, "") and "--fields works with" in err


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["show", "2022-07-moscow"], "show"),
        (["--no-pager", "visits", "--year", "2022"], "visits"),
        (["verify-quotes", "--archive", "x"], "verify-quotes"),
        (["shwo", "x"], None),  # a typo gets every command, for the error's suggestions
        (["--help"], None),
        ([], None),
    ],
)
def test_a_run_builds_only_the_command_it_names(argv: list[str], command: str | None) -> None:
    assert invoked_command(argv) == command
    if command is not None:
        built = typer.main.get_command(make_app(command))
        assert isinstance(built, TyperGroup) and list(built.commands) == [command]


def test_shell_completion_sees_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_FACTCLI_COMPLETE", "complete_bash")
    assert invoked_command(["show", "x"]) is None
    built = typer.main.get_command(make_app())
    assert isinstance(built, TyperGroup) and set(built.commands) == set(COMMANDS)
