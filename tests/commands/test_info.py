"""factcli info: which fact base answers, how it was found, what it holds, where its index is.

Golden files: tests/golden/commands/info/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .golden import FORMATS, MINI_DIR, check, golden, run, without_machine_paths


@pytest.mark.parametrize("fmt", FORMATS)
def test_info(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # With the index off, nothing of this machine (the cache folder) is printed,
    # and a table's wrapping cannot depend on how long that folder's path is.
    monkeypatch.setenv("FACTCLI_INDEX", "off")
    check("info", f"no-index.{fmt}", ["info", "-d", MINI_DIR, "--format", fmt])


def test_info_says_where_the_index_is(index_cache: Path) -> None:
    code, out, err = run(["info", "-d", MINI_DIR, "--json"])
    assert code == 0, err
    golden("info", "index.json", without_machine_paths(out, index_cache))
