"""The build pipeline: files read in worker processes come back complete and in order."""

from __future__ import annotations

import pytest

from factcli.index import reading
from factcli.model.files import discover

from .conftest import FACTS


def test_parallel_readings_equal_readings_in_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(p.relative_to(FACTS)) for p in discover(FACTS)]
    # Many more chunks of files than the window keeps in flight at once.
    many = paths * 40
    expected = [reading.read_file(FACTS, path) for path in many]
    monkeypatch.setattr(reading, "PARALLEL_FROM", 1)
    monkeypatch.setattr(reading, "_cores", lambda: 2)
    assert list(reading.read_files(FACTS, many)) == expected
