"""Exports report their progress to a bar that only a terminal sees, once the work proves slow."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.export.tables import record_count, table_rows
from factcli.model.claims import walk
from factcli.model.files import discover
from factcli.model.loader import load_directory
from factcli.render import progress

from .conftest import FACTCLI, FACTS, MINI
from .test_progress import Terminal


def test_loading_steps_once_for_each_file_read() -> None:
    steps: list[int] = []
    result = load_directory(MINI, lambda: steps.append(1))
    assert not result.problems
    assert len(steps) == len(discover(MINI)) > 1


@pytest.mark.parametrize("base", [FACTS, MINI], ids=["shipped", "mini"])
def test_writing_rows_steps_once_for_each_visit_and_event(base: Path) -> None:
    facts = load_directory(base).facts
    steps: list[int] = []
    rows = list(table_rows(facts, lambda: steps.append(1)))
    records = {c.record_id for c in walk(facts) if c.record_kind in ("visit", "event")}
    assert len(steps) == len(records) == record_count(facts) > 1
    assert rows == list(table_rows(facts))  # counting changes nothing written


@pytest.mark.parametrize("fmt", ["sqlite", "postgres", "json"])
def test_a_slow_export_on_a_terminal_shows_a_bar_while_reading_and_writing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    screen = Terminal()

    class AtOnce(progress.Ticker):
        """A ticker that draws on the terminal above as soon as work starts."""

        def __init__(self, total: int, description: str, **_: Any) -> None:
            super().__init__(total, description, stream=screen, delay=0)

    monkeypatch.setattr(progress, "Ticker", AtOnce)
    target = tmp_path / f"facts.{fmt}"
    result = CliRunner().invoke(app, ["export", "-d", str(FACTS), "-f", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    drawn = screen.getvalue()
    assert "Reading the fact files" in drawn
    assert (f"Writing {target.name}" in drawn) is (fmt != "json")
    assert target.stat().st_size > 0


def test_a_piped_export_draws_nothing(tmp_path: Path) -> None:
    target = tmp_path / "facts.sql"
    done = subprocess.run(
        [FACTCLI, "export", "-d", str(FACTS), "-f", "postgres", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stderr == f"wrote {target}\n"
