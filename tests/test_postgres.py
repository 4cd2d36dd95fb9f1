"""``export --format postgres`` loaded by psql into a real PostgreSQL server.

The server comes from Debian's postgresql package. With
FACTCLI_INSTALL_POSTGRES=1 (set by .ci/run) the fixture installs it through
apt-get when it is missing; otherwise, or when the server cannot start, these
tests are skipped, saying why. The server runs as an unprivileged user, from a
temporary folder, listening on a Unix socket there and on no network address.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import FACTS, MINI, apt_install
from .test_export_claims import assert_claims_match_json

pytestmark = pytest.mark.slow

#: Questions whose claims factcli search and PostgreSQL's full-text search must agree on:
#: a name written with a typographic apostrophe ("Rosatom’s"), a name, and two words.
QUESTIONS = ("Rosatom", "Shoigu", "atomic energy")


class Server(NamedTuple):
    """A running PostgreSQL server: its binaries and where its socket is."""

    bin: Path
    socket_dir: Path


def _binaries() -> Path | None:
    """The folder of initdb, pg_ctl and psql: Debian's newest, else beside initdb on PATH."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for folder in reversed(debian):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _server_user() -> str | None:
    """Who runs the server: PostgreSQL refuses root, so an unprivileged account then."""
    if os.geteuid() != 0:
        return None
    import pwd

    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    pytest.skip("running as root, with no 'postgres' or 'nobody' account to run PostgreSQL as")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """A PostgreSQL server of its own, started for these tests and stopped after them."""
    folder = _binaries()
    if folder is None:
        why = apt_install("FACTCLI_INSTALL_POSTGRES", "postgresql")
        folder = _binaries()
        if folder is None:
            pytest.skip(f"PostgreSQL (Debian's postgresql package) is not installed: {why}")
    user = _server_user()
    # Not under pytest's tmp_path: its parent folders are private to the user running pytest.
    base = Path(tempfile.mkdtemp(prefix="factcli-pg-"))
    if user is not None:
        shutil.chown(base, user)
    data, log = base / "data", base / "server.log"

    def as_server(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(folder / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            user=user,
            cwd=base,
            timeout=120,
        )

    init = as_server(
        "initdb", "-D", str(data), "-U", "factcli", "--auth=trust", "-E", "UTF8", "--locale=C"
    )
    options = f"-k {base} -c listen_addresses=''"
    started = init.returncode == 0 and (
        as_server("pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    )
    if not started or started.returncode != 0:
        failed = init if init.returncode != 0 else started
        detail = failed.stderr if failed else ""
        if log.exists():
            detail += log.read_text(encoding="utf-8", errors="replace")
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"PostgreSQL could not start: {detail.strip()[-400:]}")
    try:
        yield Server(folder, base)
    finally:
        as_server("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


def _psql(server: Server, database: str, *args: str) -> subprocess.CompletedProcess[str]:
    psql = server.bin / "psql"
    command = [str(psql) if psql.exists() else "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    command += ["-h", str(server.socket_dir), "-U", "factcli", "-d", database, *args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def _query(server: Server, database: str, sql: str) -> Any:
    """The one JSON value ``sql`` selects."""
    done = _psql(server, database, "-A", "-t", "-c", sql)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _export_and_load(server: Server, base: Path, script: Path, database: str) -> None:
    """Export ``base`` as a psql script, then load it into a new ``database`` with psql."""
    export = ["export", "-d", str(base), "-f", "postgres", "-o", str(script)]
    result = CliRunner().invoke(app, export)
    assert result.exit_code == 0, result.stderr
    assert _psql(server, "postgres", "-c", f"CREATE DATABASE {database}").returncode == 0
    done = _psql(server, database, "-f", str(script))
    assert (done.returncode, done.stderr) == (0, "")


@pytest.fixture(scope="module")
def loaded(server: Server, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A database holding the shipped base, loaded from the export by psql."""
    script = tmp_path_factory.mktemp("postgres") / "facts.sql"
    _export_and_load(server, FACTS, script, "shipped")
    return "shipped", script


def test_claims_and_citations_match_the_json_export_row_for_row(
    server: Server, loaded: tuple[str, Path], tmp_path: Path
) -> None:
    database, _ = loaded
    target = tmp_path / "facts.json"
    result = CliRunner().invoke(app, ["export", "-d", str(FACTS), "-f", "json", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    claims = _query(
        server,
        database,
        "SELECT json_agg(json_build_array(id, coalesce(record_id, entity_id, source_id),"
        " section, position, date_edtf, basis, reasoning) ORDER BY id) FROM claims",
    )
    # A fresh table keeps COPY's order: ctid is the order the export wrote the quotes in.
    rows = _query(
        server,
        database,
        "SELECT json_agg(json_build_array(claim_id, source_id, quote) ORDER BY ctid)"
        " FROM citations",
    )
    citations: dict[int, list[dict[str, str]]] = {}
    for claim_id, source, quote in rows:
        citations.setdefault(claim_id, []).append({"source": source, "quote": quote})
    kinds = dict(
        _query(
            server,
            database,
            "SELECT json_agg(json_build_array(id, kind)) FROM"
            " (SELECT id, kind FROM records UNION ALL SELECT id, kind FROM entities) AS k",
        )
    )
    assert_claims_match_json([tuple(c) for c in claims], citations, kinds, data)


def test_foreign_keys_and_search_indexes_are_in_place(
    server: Server, loaded: tuple[str, Path]
) -> None:
    database, _ = loaded
    keys = _query(
        server,
        database,
        "SELECT json_agg(conrelid::regclass || '->' || confrelid::regclass ORDER BY 1)"
        " FROM pg_constraint WHERE contype = 'f'",
    )
    assert sorted(keys) == sorted(
        [
            "aliases->entities",
            "claims->records",
            "claims->entities",
            "claims->sources",
            "claims->entities",
            "citations->claims",
            "citations->sources",
            "claim_entities->claims",
            "claim_entities->entities",
        ]
    )
    gin = _query(
        server,
        database,
        "SELECT json_agg(indexname ORDER BY indexname) FROM pg_indexes"
        " WHERE indexdef LIKE '%USING gin (search)%'",
    )
    assert gin == ["citations_search", "claims_search"]
    broken = _psql(server, database, "-c", "INSERT INTO citations VALUES (999999, 'nowhere', 'x')")
    assert broken.returncode != 0 and "foreign key" in broken.stderr


def _search_claims(question: str) -> set[tuple[str, str, int]]:
    """The claims ``factcli search`` finds, as (owner, section, position) like the claims table."""
    result = CliRunner().invoke(app, ["search", question, "-d", str(FACTS), "--json", "-n", "1000"])
    assert result.exit_code == 0, result.stderr
    found = set()
    for hit in json.loads(result.stdout):
        # Claims are "section[n]"; registry names and a visit's summary are not claims.
        claim = re.fullmatch(r"(\w+)\[(\d+)\]", hit["section"])
        if claim:
            section = "event" if claim[1] == "summary" else claim[1]
            found.add((hit["record_id"], section, int(claim[2])))
    return found


@pytest.mark.parametrize("question", QUESTIONS)
def test_full_text_search_finds_the_claims_factcli_search_finds(
    server: Server, loaded: tuple[str, Path], question: str
) -> None:
    database, _ = loaded
    literal = question.replace("'", "''")
    query = f"plainto_tsquery('english', '{literal}')"
    rows = _query(
        server,
        database,
        "SELECT json_agg(DISTINCT jsonb_build_array(coalesce(record_id, entity_id, source_id),"
        f" section, position)) FROM claims c WHERE c.search @@ {query} OR EXISTS"
        f" (SELECT 1 FROM citations q WHERE q.claim_id = c.id AND q.search @@ {query})",
    )
    expected = _search_claims(question)
    assert expected
    assert {tuple(row) for row in rows} == expected


def test_a_failed_load_changes_nothing(server: Server, loaded: tuple[str, Path]) -> None:
    """The script is one transaction: cut short, it leaves the earlier load as it was."""
    database, script = loaded
    before = _query(server, database, "SELECT json_agg(count) FROM (SELECT count(*) FROM claims) c")
    text = script.read_text(encoding="utf-8")
    cut = text[: text.index("\\.\n", text.index("COPY claims"))]  # ends inside the claims' data
    broken = script.with_name("broken.sql")
    broken.write_text(cut + "not a row\n\\.\n", encoding="utf-8")
    done = _psql(server, database, "-f", str(broken))
    assert done.returncode != 0
    after = _query(server, database, "SELECT json_agg(count) FROM (SELECT count(*) FROM claims) c")
    assert after == before and before[0] > 100


def _mini_with_summary(tmp_path: Path, summary: str) -> Path:
    """A copy of the fixture base whose visit's summary is ``summary`` (a TOML string's body)."""
    base = tmp_path / "facts"
    shutil.copytree(MINI, base)
    visit = base / "visits" / "2020-03-springfield.toml"
    text = visit.read_text(encoding="utf-8")
    old = 'summary = "The minister visited Springfield for the Harvest Fair."'
    visit.write_text(text.replace(old, f'summary = "{summary}"'), encoding="utf-8")
    return base


def test_values_that_need_escaping_arrive_as_written(server: Server, tmp_path: Path) -> None:
    """Backslashes, tabs, line breaks and quotes in the data survive COPY's text format."""
    tricky = 'Tab\\there, a back\\\\slash, a line\\nbreak, \\"quotes\\", \\\\N and it\'s \\\\.'
    _export_and_load(server, _mini_with_summary(tmp_path, tricky), tmp_path / "mini.sql", "tricky")
    stored = _query(
        server, "tricky", "SELECT json_agg(summary) FROM records WHERE id = '2020-03-springfield'"
    )
    assert stored == ['Tab\there, a back\\slash, a line\nbreak, "quotes", \\N and it\'s \\.']


def test_a_value_postgres_cannot_store_fails_the_export_saying_where(tmp_path: Path) -> None:
    """PostgreSQL's text cannot hold NUL: the export says which value, and writes nothing."""
    base = _mini_with_summary(tmp_path, "a\\u0000b")
    script = tmp_path / "out.sql"
    result = CliRunner().invoke(
        app, ["export", "-d", str(base), "-f", "postgres", "-o", str(script)]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "factcli: PostgreSQL export: records row 1, column summary"
        " holds a NUL character (\\u0000)\n"
    )
    assert not script.exists()
