"""Every command, in every format, prints the same bytes with the index and with FACTCLI_INDEX=off.

The indexed run must really answer from the index (a spy on ``open_index``
sees it hand back an index), and the run with it off must never open one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.index import opening

from .conftest import FACTS, FIXTURES, MINI

RAIL = FIXTURES / "rail"

FORMATS = ["table", "json", "jsonl", "csv", "markdown", "html"]

SHIPPED = [
    ["visits"],
    ["visits", "--year", "2022"],
    ["visits", "--person", "shoigu"],
    ["visits", "--year", "1999"],
    ["show", "2021-06-moscow"],
    ["show", "2022-07-moscow"],
    ["show", "2022-08-lavrov-naypyidaw"],
    ["show", "2021-06-moskow"],
    ["person", "shoigu"],
    ["person", "putin"],
    ["org", "kremlin"],
    ["meetings", "--status", "ruled out"],
    ["person", "thein tun oo"],
    ["person", "sitagu"],
    ["org", "rosatom"],
    ["org", "roscosmos"],
    ["search", "killed"],
    ["search", "atomic energy"],
    ["search", "zeppelin"],
    ["timeline"],
    ["timeline", "--since", "2022-07"],
    ["meetings"],
    ["sources"],
    ["sources", "--visit", "2022-07-moscow"],
    ["conflicts"],
]
FIXTURE = [
    ["visits"],
    ["show", "2020-03-springfield"],
    ["show", "2020-fair"],
    ["person", "quimby"],
    ["person", "ana ruiz"],
    ["org", "council"],
    ["search", "harvest"],
    ["timeline"],
    ["sources"],
    ["conflicts"],
]
#: Another traveller's base: the visitor, mentions and what a registered party reported.
RAIL_BASE = [
    ["person", "varga"],
    ["org", "state radio"],
    ["org", "westmark rail"],
    ["meetings", "--status", "planned"],
    ["visits", "--person", "varga"],
]
MATRIX = (
    [(FACTS, args) for args in SHIPPED]
    + [(MINI, args) for args in FIXTURE]
    + [(RAIL, args) for args in RAIL_BASE]
)


class Spy:
    """Counts what ``open_index`` hands back: an index, or None (load the files)."""

    def __init__(self) -> None:
        self.indexed = 0
        self.unindexed = 0
        self.real = opening.open_index

    def __call__(self, root: Path) -> Any:
        found = self.real(root)
        if found is None:
            self.unindexed += 1
        else:
            self.indexed += 1
        return found


def _run(monkeypatch: pytest.MonkeyPatch, args: list[str], *, index: bool) -> tuple[int, bytes]:
    spy = Spy()
    monkeypatch.setattr(opening, "open_index", spy)
    if index:
        monkeypatch.delenv("FACTCLI_INDEX", raising=False)
    else:
        monkeypatch.setenv("FACTCLI_INDEX", "off")
    result = CliRunner().invoke(app, args)
    assert "Traceback" not in result.stderr
    if index:
        assert spy.indexed >= 1 and spy.unindexed == 0, "the indexed run did not use the index"
    else:
        assert spy.indexed == 0, "FACTCLI_INDEX=off still answered from the index"
    return result.exit_code, result.stdout_bytes


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("base", "args"), MATRIX, ids=[f"{b.name}:{' '.join(a)}" for b, a in MATRIX]
)
def test_the_same_bytes_with_and_without_the_index(
    monkeypatch: pytest.MonkeyPatch, base: Path, args: list[str], fmt: str
) -> None:
    command = [*args, "--facts-dir", str(base), "--format", fmt]
    _run(monkeypatch, command, index=True)  # builds or refreshes the index first
    indexed = _run(monkeypatch, command, index=True)
    loaded = _run(monkeypatch, command, index=False)
    assert indexed == loaded


@pytest.mark.parametrize("value", ["off", "OFF", "0"])
def test_index_off_spellings_and_the_older_variable(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    from factcli.index.store import index_path

    monkeypatch.setenv("FACTCLI_INDEX", value)
    assert index_path(MINI) is None
    monkeypatch.delenv("FACTCLI_INDEX")
    assert index_path(MINI) is not None
    monkeypatch.setenv("FACTCLI_NO_INDEX", "1")
    assert index_path(MINI) is None
