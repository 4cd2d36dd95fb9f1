"""A row of ``factcli visits`` cites what it shows, and says which counterparts are only planned."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from factcli.cli import app
from tests.conftest import FACTS, MINI


def _out(facts: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["visits", *args, "--facts-dir", str(facts)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_visit_row_cites_its_dates_places_delegation_and_counterparts_only() -> None:
    # Not the agreement, statement or context notes the row does not show.
    fields = "id,counterparts_planned,sources,cite"
    assert _out(MINI, "--format", "jsonl", "--fields", fields) == (
        '{"id": "2020-03-springfield", "counterparts_planned": [], "sources": ["beta", "alpha"], '
        '"cite": [{"source": "beta", "quote": "arrived in Springfield on 2 March 2020"}, '
        '{"source": "alpha", "quote": "flew to Springfield on Monday"}, '
        '{"source": "alpha", "quote": "The minister flew to Springfield"}, '
        '{"source": "alpha", "quote": "He met Mayor Jöe Quimby"}]}\n'
    )


def test_visit_csv_rows_carry_sources_and_quotes() -> None:
    fields = "id,sources,cite"
    assert _out(MINI, "--format", "csv", "--fields", fields) == (
        "id,sources,cite\n"
        "2020-03-springfield,beta;alpha,arrived in Springfield on 2 March 2020 | "
        "flew to Springfield on Monday | The minister flew to Springfield | "
        "He met Mayor Jöe Quimby\n"
    )


def test_visits_json_says_a_counterpart_is_only_planned_as_the_table_does() -> None:
    rows = {row["id"]: row for row in json.loads(_out(FACTS, "--json"))}
    vladivostok = rows["2022-09-vladivostok"]
    assert vladivostok["counterparts_planned"] == ["Russian officials"]
    table = CliRunner().invoke(app, ["visits", "--facts-dir", str(FACTS)], env={"COLUMNS": "200"})
    assert "Russian officials (planned)" in table.stdout
    talks = {
        "source": "aljazeera-2022-eef",
        "quote": "Military leader Min Aung Hlaing will hold talks with Russian officials "
        "to ‘further cement cooperation’ between the countries.",
    }
    assert talks in vladivostok["cite"]
    assert rows["2021-06-moscow"]["counterparts_planned"] == ["Nikolai Patrushev"]
    by_id = {r["id"]: r for r in csv.DictReader(io.StringIO(_out(FACTS, "--format", "csv")))}
    assert by_id["2022-09-vladivostok"]["counterparts_planned"] == "Russian officials"
