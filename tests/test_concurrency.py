"""Many processes at once: a file deleted mid-answer, a run that holds the index.

A file deleted between the listing of the folder and its reading is simply
gone from the answer. A run never waits on
another that holds the index for longer than a blink: it answers from the
files instead (how long it waits is read from the connection, not timed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.index import store
from factcli.model import loader

from . import test_damage

pytestmark = pytest.mark.slow

#: A copy of the mini fact base with a cache folder of its own.
facts = test_damage.facts


def test_a_file_deleted_between_listing_and_reading_is_gone_from_the_answer(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = facts / "events.toml"
    real = loader.read_regular_file

    def deleted_first(path: Path, limit: int, **options: bool) -> bytes:
        if path.name == events.name and events.exists():
            events.unlink()  # another program deletes it now, after the listing
        return real(path, limit, **options)

    monkeypatch.setattr(loader, "read_regular_file", deleted_first)
    result = runner.invoke(
        app, ["timeline", "--json", "-d", str(facts)], env={"FACTCLI_INDEX": "off"}
    )
    assert (result.exit_code, result.stderr) == (0, "")
    monkeypatch.undo()
    after = runner.invoke(
        app, ["timeline", "--json", "-d", str(facts)], env={"FACTCLI_INDEX": "off"}
    )
    assert result.stdout == after.stdout  # as if the run had started a moment later


def test_a_run_waits_for_the_index_no_longer_than_a_blink(facts: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["visits", "-d", str(facts)]).exit_code == 0
    path = store.index_path(facts)
    assert path is not None
    connection = store.connect(path)
    try:
        (waits,) = connection.execute("PRAGMA busy_timeout").fetchone()
    finally:
        connection.close()
    assert waits <= 100  # milliseconds, against 5,000 before
