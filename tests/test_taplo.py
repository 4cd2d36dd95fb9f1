"""Editors format fact files with Taplo: its settings must keep the house style unchanged."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FACTS

_BESIDE = Path(sys.executable).parent / "taplo"
TAPLO = str(_BESIDE) if _BESIDE.exists() else shutil.which("taplo")


@pytest.mark.skipif(TAPLO is None, reason="taplo is not installed (pip install taplo)")
def test_taplo_fmt_leaves_the_shipped_fact_files_unchanged(tmp_path: Path) -> None:
    copy = tmp_path / "facts"
    shutil.copytree(FACTS, copy)
    done = subprocess.run(
        [str(TAPLO), "fmt"], cwd=copy, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    changed = [
        str(path.relative_to(copy))
        for path in sorted(copy.rglob("*.toml"))
        if path.read_bytes() != (FACTS / path.relative_to(copy)).read_bytes()
    ]
    assert changed == []
