"""Empty answers are valid documents, and a closed pipe is not an error."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.render import conflicts, listings, meetings, views

from .conftest import FACTCLI, MINI

EMPTY = [
    (["visits", "--year", "1999"], views.VISIT_FIELDS, ["visits"]),
    (["timeline", "--since", "2030"], listings.TIMELINE_FIELDS, ["timeline"]),
    (["search", "zeppelin"], listings.SEARCH_FIELDS, ["search", "harvest"]),
    (["meetings", "--year", "1999"], meetings.MEETING_FIELDS, ["meetings"]),
]
LISTS = EMPTY


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--facts-dir", str(MINI)])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("args", "columns", "full"), LISTS, ids=lambda a: str(a))
def test_an_empty_list_is_an_empty_document(
    args: list[str], columns: list[str], full: list[str]
) -> None:
    code, out, err = _run(*args, "--json")
    assert (code, json.loads(out)) == (1, [])
    assert err.startswith("factcli: ")
    assert _run(*args, "--format", "jsonl")[:2] == (1, "")
    code, out, _ = _run(*args, "--format", "csv")
    assert (code, out) == (1, ",".join(columns) + "\n")
    assert _run(*args)[:2] == (1, "")  # a table of nothing is not printed
    assert _run(*args, "--format", "csv", "--fields", columns[1])[:2] == (1, columns[1] + "\n")


@pytest.mark.parametrize(("args", "columns", "full"), LISTS, ids=lambda a: str(a))
def test_an_unknown_field_is_a_usage_error_even_when_nothing_matches(
    args: list[str], columns: list[str], full: list[str]
) -> None:
    code, out, err = _run(*args, "--json", "--fields", "no_such_field")
    assert (code, out) == (2, "")
    assert err.startswith("factcli: --fields: unknown field") and err.count("\n") == 1


@pytest.mark.parametrize(("args", "columns", "full"), LISTS, ids=lambda a: str(a))
def test_the_empty_header_is_the_header_of_an_answer(
    args: list[str], columns: list[str], full: list[str]
) -> None:
    code, out, _ = _run(*full, "--format", "csv")
    assert code == 0
    header = next(csv.reader(io.StringIO(out)))
    assert sorted(header) == sorted(columns)


def test_no_disagreement_is_an_empty_document(facts_copy: Path) -> None:
    visit = facts_copy / "visits" / "2020-03-springfield.toml"
    visit.write_text(
        visit.read_text("utf-8").replace("value = { exactly = 15 }", "value = { exactly = 12 }"),
        "utf-8",
    )
    result = CliRunner().invoke(app, ["conflicts", "--json", "-d", str(facts_copy)])
    assert (result.exit_code, json.loads(result.stdout)) == (1, [])
    result = CliRunner().invoke(app, ["conflicts", "--format", "csv", "-d", str(facts_copy)])
    assert result.stdout == ",".join(conflicts.CONFLICTS_FIELDS) + "\n"
    code, out, _ = _run("conflicts", "--format", "csv")
    assert (code, next(csv.reader(io.StringIO(out)))) == (0, conflicts.CONFLICTS_FIELDS)


def test_a_closed_pipe_ends_quietly() -> None:
    reader = subprocess.Popen(
        [FACTCLI, "timeline", "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.readline()
    reader.stdout.close()  # as `| head -1` does
    error = reader.stderr.read()
    reader.wait(timeout=60)
    assert json.loads(first)["id"]
    assert b"Traceback" not in error and b"Broken pipe" not in error
