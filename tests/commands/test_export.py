"""factcli export: the whole fact base as one file, in the text formats held to golden files.

Golden files: tests/golden/commands/export/ (regenerate: see ``golden.py``). The
SQLite and PostgreSQL exports are checked row by row in tests/test_export_claims.py
and tests/test_postgres.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .golden import MINI_DIR, golden, run


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown"])
def test_export(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"facts.{fmt}"
    code, _, err = run(["export", "-d", MINI_DIR, "--format", fmt, "-o", str(target)])
    assert code == 0, err
    golden("export", f"mini.{fmt}", target.read_text(encoding="utf-8"))
