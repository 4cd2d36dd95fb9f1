"""A publication date that is a month or a range never looks like an exact day in CSV or JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from factcli.cli import app
from tests.conftest import MINI


def _out(*args: str) -> str:
    result = CliRunner().invoke(app, ["sources", *args, "--facts-dir", str(MINI)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_sources_csv_gives_a_month_as_a_month_with_its_words_bounds_and_basis() -> None:
    assert _out("--format", "csv") == (
        "number,id,publisher,headline,author,translator,reported_by,wire_service,published,"
        "language,url,archive,basis,reasoning,claims,published_text,published_earliest,"
        "published_latest,published_basis,published_reasoning\n"
        "1,alpha,Alpha Daily,Minister at the Harvest Fair,,,,,2020-03,en,,alpha.txt,,,8,"
        "March 2020*,2020-03-01,2020-03-31,inferred,the fair of the visit was in March 2020\n"
        "2,beta,Beta Weekly,Minister arrives,,,,,2020-03-03,en,,beta.txt,,,4,"
        "3 March 2020,2020-03-03,2020-03-03,stated,\n"
    )


def test_sources_json_gives_the_edtf_form_and_keeps_the_date_object() -> None:
    rows = json.loads(_out("--json"))
    assert [(r["id"], r["published"]) for r in rows] == [
        ("alpha", "2020-03"),
        ("beta", "2020-03-03"),
    ]
    first = rows[0]["published_date"]
    assert (first["earliest"], first["latest"], first["basis"]) == (
        "2020-03-01",
        "2020-03-31",
        "inferred",
    )
