"""factcli diff: the fact base at two git revisions, compared claim by claim.

Golden files: tests/golden/commands/diff/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import MINI
from .golden import check


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A git checkout of the mini base, with one counterpart's role edited since the commit."""
    shutil.copytree(MINI, tmp_path / "facts")
    author = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    for command in (["init", "-q"], ["add", "facts"], [*author, "commit", "-q", "-m", "facts"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, capture_output=True)
    visit = tmp_path / "facts" / "visits" / "2020-03-springfield.toml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace('role = "Mayor"', 'role = "mayor of Springfield"'), "utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_diff_of_the_working_tree(checkout: Path, fmt: str) -> None:
    check("diff", f"role.{fmt}", ["diff", "-d", "facts", "--format", fmt], cwd=checkout)
