"""factcli info: which fact base answers, how it was found, what it holds, where its index is.

Golden files: tests/golden/commands/info/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import REPO
from .golden import FORMATS, MINI_DIR, golden, run, without_machine_paths


@pytest.mark.parametrize("fmt", FORMATS)
def test_info(fmt: str, index_cache: Path) -> None:
    code, out, err = run(["info", "-d", MINI_DIR, "--format", fmt])
    assert code == 0, err
    golden("info", f"mini.{fmt}", without_machine_paths(out, index_cache, REPO))
