"""The SQLite export read back, claim by claim, against the JSON export of the same base."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.errors import FactcliError
from factcli.export.sqlite import write_sqlite
from factcli.model.loader import load_directory
from factcli.model.records import FactBase

from .conftest import FACTS, MINI

#: Where each kind of JSON export entry lists its claims, by the claim walk's section.
_DATES = {"start": "start_date", "end": "end_date", "published": "published_date"}


def _export(tmp_path: Path, base: Path, fmt: str) -> Path:
    target = tmp_path / f"facts.{fmt}"
    result = CliRunner().invoke(app, ["export", "-d", str(base), "-f", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    return target


def _entry(data: dict[str, Any], kind: str, owner: str) -> dict[str, Any]:
    group = {"visit": "visits", "event": "events", "person": "people", "org": "orgs"}
    return next(e for e in data[group.get(kind, "sources")] if e["id"] == owner)


def _json_claim(entry: dict[str, Any], section: str, position: int) -> tuple[Any, ...]:
    """(own date, basis, reasoning, citations) of a claim, as the JSON export has it."""
    if section in ("start", "end", "published", "date"):
        date = entry[_DATES.get(section, "date")]
        return date["edtf"], date["basis"], date["reasoning"], date["cite"]
    if section in ("summary", "credits"):
        date = entry.get("date") if section == "summary" else None
        return (date["edtf"] if date else None), entry["basis"], entry["reasoning"], entry["cite"]
    item = entry[section][position]
    date = item.get("date")
    # The claim rests on its date's citations too, and on those of each version of its date.
    dated = [*(date or {}).get("cite", [])]
    dated += [c for other in (date or {}).get("alternatives", []) for c in other["cite"]]
    cited = item["cite"] + [c for c in dated if c not in item["cite"]]
    return (date["edtf"] if date else None), item["basis"], item["reasoning"], cited


def _pairs(data: object) -> int:
    if isinstance(data, dict):
        return sum(len(v) if k == "cite" else _pairs(v) for k, v in data.items())
    return sum(_pairs(v) for v in data) if isinstance(data, list) else 0


#: A claims row as the tests read it back: (id, owner id, section, position, own date in
#: EDTF, basis, reasoning); the owner is the record, entity or source the claim belongs to.
ClaimRow = tuple[int, str, str, int, str | None, str, str | None]


def assert_claims_match_json(
    claims: list[ClaimRow],
    citations: dict[int, list[dict[str, str]]],
    kinds: dict[str, str],
    data: dict[str, Any],
) -> None:
    """Every claim row and its citations (in order) are the JSON export's, and no more."""
    assert claims
    for claim_id, owner, section, position, date, basis, reasoning in claims:
        entry = _entry(data, kinds.get(owner, "source"), owner)
        walked = "summary" if section == "event" else section
        cited = citations.get(claim_id, [])
        assert (date, basis, reasoning, cited) == _json_claim(entry, walked, position), (
            owner,
            section,
            position,
        )
    assert sum(len(c) for c in citations.values()) == _pairs(data)


@pytest.mark.parametrize("base", [FACTS, MINI], ids=["shipped", "mini"])
def test_sqlite_and_json_exports_agree_claim_by_claim(tmp_path: Path, base: Path) -> None:
    data = json.loads(_export(tmp_path, base, "json").read_text(encoding="utf-8"))
    db = sqlite3.connect(_export(tmp_path, base, "sqlite"))
    try:
        claims = db.execute(
            "SELECT id, coalesce(record_id, entity_id, source_id), section, position, date_edtf,"
            " basis, reasoning FROM claims ORDER BY id"
        ).fetchall()
        kinds = dict(db.execute("SELECT id, kind FROM records UNION SELECT id, kind FROM entities"))
        citations: dict[int, list[dict[str, str]]] = {}
        for claim_id, source, quote in db.execute(
            "SELECT claim_id, source_id, quote FROM citations ORDER BY rowid"
        ):
            citations.setdefault(claim_id, []).append({"source": source, "quote": quote})
        assert_claims_match_json(claims, citations, kinds, data)
        files = [row[0] for row in db.execute("SELECT file FROM records")]
        assert files and all(not Path(f).is_absolute() and (base / f).is_file() for f in files)
    finally:
        db.close()


def test_every_claim_of_the_fixture_is_a_row(tmp_path: Path, mini: FactBase) -> None:
    db = sqlite3.connect(_export(tmp_path, MINI, "sqlite"))
    try:
        rows = db.execute(
            "SELECT coalesce(record_id, entity_id, source_id), section, position, text"
            " FROM claims ORDER BY id"
        ).fetchall()
    finally:
        db.close()
    assert rows == [
        ("2020-03-springfield", "start", 0, "2020-03-02"),
        ("2020-03-springfield", "places", 0, "Springfield, Freedonia"),
        ("2020-03-springfield", "statements", 0, "It was a quiet trip."),
        ("2020-03-springfield", "context", 0, "Alpha: 12 people attended."),
        ("2020-03-springfield", "context", 1, "Beta: 15 people attended."),
        ("2020-03-springfield", "delegation", 0, "The Minister"),
        ("2020-03-springfield", "counterparts", 0, "Joe Quimby"),
        ("2020-03-springfield", "agreements", 0, "Friendship pact"),
        ("2020-fair", "event", 0, "The Harvest Fair"),
        ("joe-quimby", "roles", 0, "Mayor"),
        ("ana-ruiz", "roles", 0, "analyst"),
        ("beta", "published", 0, "2020-03-03"),
    ]


def test_a_dangling_reference_fails_the_export_loudly(tmp_path: Path, mini: FactBase) -> None:
    broken = FactBase(
        visits=dict(mini.visits), sources={"alpha": mini.sources["alpha"]}, root=mini.root
    )
    broken.entities = dict(mini.entities)
    with pytest.raises(FactcliError, match=r"SQLite export: .*reference to nothing"):
        write_sqlite(broken, tmp_path / "broken.db")


def test_shipped_export_counts(tmp_path: Path) -> None:
    facts = load_directory(FACTS).facts
    db = sqlite3.connect(_export(tmp_path, FACTS, "sqlite"))
    try:
        (claims,) = db.execute("SELECT count(*) FROM claims").fetchone()
    finally:
        db.close()
    from factcli.model.claims import walk

    assert claims == len(list(walk(facts)))


RAIL = Path(__file__).resolve().parent / "fixtures" / "rail"


@pytest.mark.parametrize("base", [FACTS, RAIL], ids=["shipped", "rail"])
def test_sqlite_claims_carry_their_own_setting_as_the_csv_export_does(
    tmp_path: Path, base: Path
) -> None:
    """A planned meeting reads as planned in the database too, with its own place and reporter."""
    with (_export(tmp_path, base, "csv")).open(encoding="utf-8", newline="") as handle:
        expected = [
            (
                row["record_id"],
                "event" if row["section"] == "summary" else row["section"],
                int(row["index"]),
                row["according_to"] or None,
                row["status"],
                row["place"] or None,
                row["country"] or None,
                sorted(filter(None, row["mentions"].split(";"))),
            )
            for row in csv.DictReader(handle)
        ]
    db = sqlite3.connect(_export(tmp_path, base, "sqlite"))
    try:
        mentioned: dict[int, list[str]] = {}
        for claim_id, entity in db.execute(
            "SELECT claim_id, entity_id FROM claim_entities WHERE part = 'mentioned' ORDER BY 2"
        ):
            mentioned.setdefault(claim_id, []).append(entity)
        found = [
            (*row[1:], mentioned.get(row[0], []))
            for row in db.execute(
                "SELECT id, coalesce(record_id, entity_id, source_id), section, position,"
                " according_to, status, place, country FROM claims ORDER BY id"
            )
        ]
    finally:
        db.close()
    assert found == expected
    statuses = {row[4] for row in found}
    assert "held" in statuses and (base == FACTS or {"planned", "ruled out"} <= statuses)


def test_claim_entities_say_who_a_claim_is_about_and_who_else_it_names(tmp_path: Path) -> None:
    db = sqlite3.connect(_export(tmp_path, RAIL, "sqlite"))
    try:
        parts = {row[0] for row in db.execute("SELECT part FROM claim_entities")}
        orphans = db.execute(
            "SELECT count(*) FROM claim_entities WHERE entity_id NOT IN (SELECT id FROM entities)"
        ).fetchone()[0]
        delegates = db.execute("SELECT count(*) FROM claims WHERE section = 'delegation'")
        delegate_count = delegates.fetchone()[0]
        # A delegate's claim is about that delegate.
        about_the_delegate = db.execute(
            "SELECT count(*) FROM claims c JOIN claim_entities ce ON ce.claim_id = c.id"
            " WHERE c.section = 'delegation' AND ce.part = 'subject' AND ce.entity_id = c.who"
        ).fetchone()[0]
    finally:
        db.close()
    assert parts == {"subject", "involved", "mentioned"}
    assert orphans == 0
    assert about_the_delegate == delegate_count > 0
