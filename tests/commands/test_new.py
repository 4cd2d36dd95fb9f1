"""factcli new: a commented template for a new record, never over an existing file.

Golden files: tests/golden/commands/new/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .golden import golden, run


@pytest.mark.parametrize("kind", ["visit", "event", "source", "person", "org"])
def test_new_writes_a_template(kind: str, tmp_path: Path) -> None:
    target = tmp_path / f"{kind}.toml"
    code, _, err = run(["new", kind, f"a-new-{kind}", "-o", str(target)])
    assert code == 0, err
    golden("new", f"{kind}.toml", target.read_text(encoding="utf-8"))
    assert run(["new", kind, f"a-new-{kind}", "-o", str(target)])[0] == 1  # never overwrites
