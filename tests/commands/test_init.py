"""factcli init: a new, empty fact base that validates as written.

Golden files: tests/golden/commands/init/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

from pathlib import Path

from .golden import golden, run


def test_init_makes_a_base_that_validates(tmp_path: Path) -> None:
    base = tmp_path / "desk"
    code, _, err = run(["init", str(base)])
    assert code == 0, err
    files = sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file())
    golden("init", "files.txt", "\n".join(files) + "\n")
    for name in files:
        golden("init", name.replace("/", "__"), (base / name).read_text(encoding="utf-8"))
    assert run(["validate", "-d", str(base)])[0] == 0
