"""Starting a base of one's own: ``factcli init``, finding it from any folder in it, and the
bundled base never answering in its place without saying so."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.ledger import load_ledger
from factcli.query.words import thesaurus_for

from .conftest import FACTCLI, FIXTURES

INIT_FILES = {
    "sources.toml",
    "people.toml",
    "orgs.toml",
    "coverage.toml",
    "thesaurus.toml",
    "taplo.toml",
    "fact-file.schema.json",
    "README.md",
    "visits",
    "events",
}


def test_init_makes_an_empty_base_that_validates(runner: CliRunner, tmp_path: Path) -> None:
    base = tmp_path / "desk" / "base"
    result = runner.invoke(app, ["init", str(base)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert f"started a fact base in {base}" in result.stderr
    assert {p.name for p in base.iterdir()} == INIT_FILES
    checked = runner.invoke(app, ["validate", "-d", str(base)])
    assert checked.exit_code == 0, checked.stderr
    assert "0 visits, 0 events, 0 sources" in checked.stdout
    # The ledger and the thesaurus are empty, and their format is explained in them.
    assert load_ledger(base) == ()
    assert thesaurus_for(base) == ()
    assert "[[skip]]" in (base / "coverage.toml").read_text(encoding="utf-8")
    schema = json.loads((base / "fact-file.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(runner.invoke(app, ["schema"]).stdout)
    first_line = (base / "sources.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "#:schema ./fact-file.schema.json"


def test_init_never_overwrites_and_writes_nothing_then(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert f"{tmp_path / 'people.toml'}" in result.stderr and "nothing written" in result.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"people.toml"}
    assert (tmp_path / "people.toml").read_text(encoding="utf-8") == "# mine\n"


def test_a_base_is_found_from_any_folder_inside_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "desk-base"
    shutil.copytree(FIXTURES / "rail", base)
    inside = base / "visits"
    monkeypatch.chdir(inside)
    info = json.loads(runner.invoke(app, ["info", "--json"]).stdout)
    assert (info["facts_dir"], info["bundled"]) == (str(base.resolve()), False)
    visits = json.loads(runner.invoke(app, ["visits", "--json"]).stdout)
    assert [v["id"] for v in visits] == ["2024-05-westmark"]


def test_the_nearest_base_wins_over_a_facts_folder_above(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path / "facts")
    shutil.copytree(FIXTURES / "rail", tmp_path / "projects" / "rail")
    monkeypatch.chdir(tmp_path / "projects" / "rail")
    assert json.loads(runner.invoke(app, ["info", "--json"]).stdout)["facts_dir"] == str(
        (tmp_path / "projects" / "rail").resolve()
    )
    monkeypatch.chdir(tmp_path / "projects")
    assert json.loads(runner.invoke(app, ["info", "--json"]).stdout)["facts_dir"] == str(
        (tmp_path / "facts").resolve()
    )


def _stderr_of(args: list[str], cwd: Path, *, terminal: bool) -> str:
    """The installed factcli's stderr, written to a terminal (a pty) or to a pipe."""
    env = {k: v for k, v in os.environ.items() if k != "FACTCLI_FACTS_DIR"}
    if not terminal:
        done = subprocess.run(
            [FACTCLI, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
        )
        return done.stderr
    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [FACTCLI, *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            check=False,
        )
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_the_bundled_base_says_so_once_at_a_terminal(tmp_path: Path) -> None:
    told = _stderr_of(["visits"], tmp_path, terminal=True)
    assert told.count("the bundled one answers") == 1
    assert "factcli init" in told
    # A script's pipe gets the answer only.
    assert _stderr_of(["visits"], tmp_path, terminal=False) == ""
