"""Every claim of the fixture, in every view that shows it, carries exactly its own provenance.

Its own date (or null, with the record around it only as ``within``), its own
basis and exactly its own citations: never the visit's start or sources.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.claims import Claim, walk
from factcli.model.loader import load_directory
from factcli.model.provenance import date_data
from factcli.model.records import ContextNote, FactBase
from factcli.query.entities import APPEARS_AS
from factcli.render.labels import publisher_label
from tests.conftest import MINI

CLAIMS = list(walk(load_directory(MINI).facts))


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--facts-dir", str(MINI)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _cite(claim: Claim) -> list[dict[str, str]]:
    return [{"source": c.source, "quote": c.quote} for c in claim.cite]


def _own(claim: Claim) -> dict[str, Any]:
    return {"date": date_data(claim.date), "basis": claim.basis, "cite": _cite(claim)}


def _picked(row: dict[str, Any]) -> dict[str, Any]:
    return {"date": row["date"], "basis": row["basis"], "cite": row["cite"]}


def _name(claim: Claim) -> str:
    return f"{claim.record_id}:{claim.where}"


IN_RECORDS = [c for c in CLAIMS if c.within is not None]
APPEARING = [
    (claim, entity)
    for claim in IN_RECORDS
    if claim.section in APPEARS_AS
    for entity in claim.entities
]


@pytest.mark.parametrize(("claim", "entity"), APPEARING, ids=lambda x: getattr(x, "where", x))
def test_person_and_org_rows_carry_the_claims_own_provenance(claim: Claim, entity: str) -> None:
    command = "org" if entity == "springfield-council" else "person"
    rows = [
        row
        for row in json.loads(_run(command, entity, "--json"))["appearances"]
        if (row["record_id"], row["section"], row["position"])
        == (claim.record_id, claim.section, claim.position)
    ]
    assert len(rows) == 1
    assert _picked(rows[0]) == _own(claim)
    assert rows[0]["sources"] == list(claim.source_ids)
    assert claim.within is not None
    assert rows[0]["within"]["id"] == claim.within.id
    (flat,) = (
        row
        for row in csv.DictReader(io.StringIO(_run(command, entity, "--format", "csv")))
        if (row["record_id"], row["section"], row["position"])
        == (claim.record_id, claim.section, str(claim.position))
    )
    assert flat["date"] == (claim.date.value.text if claim.date else "")
    assert (flat["basis"], flat["sources"]) == (claim.basis, ";".join(claim.source_ids))


@pytest.mark.parametrize("claim", IN_RECORDS, ids=_name)
def test_show_rows_carry_the_claims_own_provenance(claim: Claim) -> None:
    if claim.section in ("start", "end", "date"):
        data = json.loads(_run("show", claim.record_id, "--json"))
        key = {"start": "start_date", "end": "end_date", "date": "date"}[claim.section]
        assert data[key] == date_data(claim.date)
        return
    rows = [
        row
        for row in csv.DictReader(io.StringIO(_run("show", claim.record_id, "--format", "csv")))
        if row["where"] == claim.where
    ]
    assert len(rows) == 1
    assert rows[0]["date"] == (claim.date.value.text if claim.date else "")
    assert (rows[0]["basis"], rows[0]["sources"]) == (claim.basis, ";".join(claim.source_ids))
    assert rows[0]["quote"] == " | ".join(c.quote for c in claim.cite)


@pytest.mark.parametrize("claim", CLAIMS, ids=_name)
def test_search_hits_in_a_claim_carry_its_own_provenance(claim: Claim) -> None:
    field, text = claim.fields[-1]
    hits = [
        hit
        for hit in json.loads(_run("search", text, "--json"))
        if (hit["record_id"], hit["section"]) == (claim.record_id, claim.where)
        and field in hit["fields"]
    ]
    assert len(hits) == 1
    assert _picked(hits[0]) == _own(claim)


@pytest.mark.parametrize(
    "claim", [c for c in CLAIMS if isinstance(c.item, ContextNote) and c.item.point], ids=_name
)
def test_conflict_rows_carry_the_claims_own_provenance(claim: Claim) -> None:
    rows = [
        row
        for conflict in json.loads(_run("conflicts", "--json"))
        for row in conflict["claims"]
        if isinstance(claim.item, ContextNote) and row["note"] == claim.item.note
    ]
    assert len(rows) == 1
    assert _picked(rows[0]) == _own(claim)


def test_an_undated_claim_is_never_given_its_visits_date_or_sources() -> None:
    (row,) = json.loads(_run("person", "ana ruiz", "--json"))["appearances"]
    assert row["date"] is None and row["start"] is None
    assert row["within"] == {
        "id": "2020-03-springfield",
        "kind": "visit",
        "start": "2020-03-02",
        "end": None,
        "earliest": "2020-03-02",
        "latest": None,
    }
    assert row["sources"] == ["alpha"]  # not the visit start's "beta"
    table = _run("person", "ana ruiz")
    assert "undated; visit 2 March 2020" in table


BIBLIOGRAPHY_COMMANDS = [
    ["show", "2021-06-moscow"],
    ["show", "2022-07-moscow"],
    ["show", "2022-08-lavrov-naypyidaw"],
    ["person", "shoigu"],
    ["org", "rosatom"],
    ["search", "killed"],
    ["timeline"],
    ["conflicts"],
    ["report"],
]


@pytest.mark.parametrize("args", BIBLIOGRAPHY_COMMANDS, ids=" ".join)
def test_a_source_has_the_same_number_in_every_command(args: list[str], shipped: FactBase) -> None:
    """[n] is the n-th source of the fact base's source files, whatever cites it first."""
    result = CliRunner().invoke(app, [*args, "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    numbered = re.findall(r"^\[\^(\d+)\]: (.+?), ", result.stdout, flags=re.MULTILINE)
    assert numbered
    bylines = [publisher_label(s) for s in shipped.sources.values()]
    for number, byline in numbered:
        assert bylines[int(number) - 1] == byline
    if args == ["report"]:
        return  # a document for people: Markdown or HTML only
    data = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    listed = data.get("sources", []) if isinstance(data, dict) else []
    ids = list(shipped.sources)
    for source in listed:
        assert ids[source["number"] - 1] == source["id"]


def test_the_sources_command_numbers_in_file_order(shipped: FactBase) -> None:
    result = CliRunner().invoke(app, ["sources", "--json"])
    assert [(s["number"], s["id"]) for s in json.loads(result.stdout)] == list(
        enumerate(shipped.sources, start=1)
    )
