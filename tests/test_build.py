"""The build pipeline: files read in worker processes come back complete and in order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.index import reading
from factcli.model.files import discover

from .conftest import FACTS, MINI


@pytest.mark.slow  # reads in worker processes
def test_parallel_readings_equal_readings_in_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(p.relative_to(FACTS)) for p in discover(FACTS)]
    # Many more chunks of files than the window keeps in flight at once.
    many = paths * 40
    expected = [reading.read_file(FACTS, path) for path in many]
    monkeypatch.setattr(reading, "PARALLEL_FROM", 1)
    monkeypatch.setattr(reading, "_cores", lambda: 2)
    assert list(reading.read_files(FACTS, many)) == expected


def test_sources_are_numbered_in_the_order_a_full_load_reads_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    # SQL's string order puts "a-b/..." before "a/...", a full load the other way round.
    (facts / "a").mkdir()
    (facts / "sources.toml").rename(facts / "a" / "sources.toml")
    (facts / "a-b").mkdir()
    (facts / "a-b" / "more.toml").write_text(
        '[[sources]]\nid = "from-a-b"\npublisher = "P"\npublished = "2020"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    args = ["show", "2020-03-springfield", "--json", "-d", str(facts)]
    monkeypatch.setenv("FACTCLI_INDEX", "off")
    loaded = runner.invoke(app, args)
    monkeypatch.delenv("FACTCLI_INDEX")
    indexed = runner.invoke(app, args)
    assert indexed.exit_code == loaded.exit_code == 0, indexed.stderr
    assert json.loads(indexed.stdout)["sources"] == json.loads(loaded.stdout)["sources"]
    assert json.loads(indexed.stdout)["sources"][0]["number"] == 1
