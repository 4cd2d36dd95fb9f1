"""The SQLite export as Datasette shows it: through its Python API, and served over HTTP."""

from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.export.datasette import TABLES

datasette_app = pytest.importorskip("datasette.app", reason="datasette is not installed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shipped facts exported once: the database and its metadata file."""
    target = tmp_path_factory.mktemp("datasette") / "facts.db"
    result = CliRunner().invoke(app, ["export", "-f", "sqlite", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert f"datasette {target} --metadata" in result.stderr
    return target, target.with_name("facts.metadata.json")


def _get(database: Path, path: str, metadata: Path | None = None) -> Any:
    """GET a Datasette page for ``database``; JSON decoded when the path asks for JSON."""

    async def fetch() -> Any:
        settings = json.loads(metadata.read_text(encoding="utf-8")) if metadata else None
        datasette = datasette_app.Datasette([str(database)], metadata=settings)
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response.json() if ".json" in path else response.text

    return asyncio.run(fetch())


def test_first_open_without_metadata_finds_search_and_links(exported: tuple[Path, Path]) -> None:
    database, _ = exported
    tables = {t["name"]: t for t in _get(database, "/facts.json")["tables"]}
    visible = {name for name, t in tables.items() if not t["hidden"]}
    assert visible == set(TABLES)  # the FTS shadow tables are hidden
    assert tables["claims"]["fts_table"] == "claims_fts"
    assert tables["citations"]["fts_table"] == "citations_fts"
    outgoing = {
        fk["column"]: fk["other_table"] for fk in tables["claims"]["foreign_keys"]["outgoing"]
    }
    assert outgoing == {
        "record_id": "records",
        "who": "entities",
        "entity_id": "entities",
        "source_id": "sources",
    }
    rows = _get(database, "/facts/claims.json?_search=Shoigu&_labels=on&_shape=objects")["rows"]
    assert rows and all("Shoigu" in json.dumps(row) for row in rows)
    labels = {row["who"]["label"] for row in rows if row["who"]}
    assert "Sergei Shoigu" in labels
    assert {row["record_id"]["label"] for row in rows if row["record_id"]} >= {
        "Moscow security conference"
    }


def test_metadata_describes_every_table_and_column(exported: tuple[Path, Path]) -> None:
    database, metadata = exported
    db = sqlite3.connect(database)
    try:
        for table, doc in TABLES.items():
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            assert columns == list(doc.columns), table  # no column left undescribed
    finally:
        db.close()
    page = _get(database, "/facts/claims", metadata)
    assert TABLES["claims"].description.split(":")[0] in page
    assert TABLES["claims"].columns["basis"].replace("'", "&#39;") in page


def test_quotes_are_searchable_and_labelled_by_source(exported: tuple[Path, Path]) -> None:
    database, metadata = exported
    path = "/facts/citations.json?_search=Likhachev&_labels=on&_shape=objects"
    rows = _get(database, path, metadata)["rows"]
    assert rows and all("Likhachev" in row["quote"] for row in rows)
    assert rows[0]["source_id"]["label"] == "Myanmar Now: (no headline), 2022-07/2022-08"


def test_canned_query_lists_a_delegation_with_its_quotes(exported: tuple[Path, Path]) -> None:
    database, metadata = exported
    path = "/facts/delegation.json?visit=2022-07-moscow&_shape=objects"
    rows = _get(database, path, metadata)["rows"]
    assert [r["name"] for r in rows][:2] == ["Ye Win Oo", "Mahn Nyein Maung"]
    assert "Lt-Gen Ye Win Oo" in rows[0]["quotes"]


def test_canned_query_finds_a_person_under_any_spelling(exported: tuple[Path, Path]) -> None:
    database, metadata = exported
    path = "/facts/appearances.json?name=Anthony&_shape=objects"
    rows = _get(database, path, metadata)["rows"]
    assert any(row["detail"] == "Antony Blinken" for row in rows)


def test_canned_query_says_a_meeting_was_ruled_out_and_who_says_so(
    exported: tuple[Path, Path],
) -> None:
    database, metadata = exported
    path = "/facts/appearances.json?name=Putin&_shape=objects"
    rows = _get(database, path, metadata)["rows"]
    assert [(r["section"], r["status"], r["according_to"]) for r in rows] == [
        ("counterparts", "ruled out", "kremlin")
    ]


def test_facets_are_offered(exported: tuple[Path, Path]) -> None:
    database, metadata = exported
    facets = _get(database, "/facts/claims.json?_size=0", metadata)["facet_results"]
    assert {"section", "basis", "status"} <= set(facets)
    sections = {item["value"] for item in facets["section"]["results"]}
    assert {"delegation", "counterparts", "agreements"} <= sections


def test_metadata_file_is_never_overwritten_without_force(
    exported: tuple[Path, Path], tmp_path: Path
) -> None:
    target = tmp_path / "facts.db"
    (tmp_path / "facts.metadata.json").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "-f", "sqlite", "-o", str(target)])
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert not target.exists()
    assert (tmp_path / "facts.metadata.json").read_text(encoding="utf-8") == "mine"


#: Straight to the loopback address, whatever proxy the environment names.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(scope="module")
def served(exported: tuple[Path, Path]) -> Iterator[str]:
    """``datasette serve`` on the loopback address, as a team would publish the export."""
    database, metadata = exported
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(database)]
    command += ["--metadata", str(metadata), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with _LOCAL.open(f"{url}/-/versions.json", timeout=2):
                    break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(
                        f"datasette serve exited: {server.stderr.read() if server.stderr else ''}"
                    )
                time.sleep(0.1)
        else:
            pytest.fail("datasette serve did not answer within 30 seconds")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _read(url: str) -> Any:
    with _LOCAL.open(url, timeout=30) as response:
        return json.load(response)


def test_served_database_gives_a_claim_and_its_citations_as_the_cli_does(served: str) -> None:
    result = CliRunner().invoke(app, ["show", "2021-06-moscow", "--json"])
    assert result.exit_code == 0, result.stderr
    shoigu = next(
        c for c in json.loads(result.stdout)["counterparts"] if c["id"] == "sergei-shoigu"
    )
    query = "record_id=2021-06-moscow&section=counterparts&who=sergei-shoigu&_shape=array"
    (claim,) = _read(f"{served}/facts/claims.json?{query}")
    assert (claim["text"], claim["detail"]) == (shoigu["name"], shoigu["role"])
    assert (claim["basis"], claim["reasoning"]) == (shoigu["basis"], shoigu["reasoning"])
    assert claim["date_edtf"] == shoigu["date"]["edtf"]
    citations = _read(f"{served}/facts/citations.json?claim_id={claim['id']}&_shape=array")
    cited = [{"source": c["source_id"], "quote": c["quote"]} for c in citations]
    # The claim's citations: its own, then its date's and the date's alternatives' own.
    date = shoigu["date"]
    expected = [
        *shoigu["cite"],
        *date["cite"],
        *(c for alt in date["alternatives"] for c in alt["cite"]),
    ]
    assert cited == expected and len(cited) == 2
