"""factcli validate: check every fact file; the problems, one line each, with file and key.

Golden files: tests/golden/commands/validate/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from ..conftest import REPO
from .golden import FORMATS, MINI_DIR, check

BROKEN = "tests/hostile/bad-id-slug.toml"


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_a_good_base(fmt: str) -> None:
    check("validate", f"mini.{fmt}", ["validate", "-d", MINI_DIR, "--format", fmt])


def test_validate_a_broken_file_names_file_line_and_key() -> None:
    assert (REPO / BROKEN).is_file()
    err = check("validate", "broken.table", ["validate", BROKEN], code=1)
    assert err.startswith(f"{BROKEN}:2: orgs[0].id: 'Bad Id' is not a slug")


def test_validate_a_broken_file_as_json() -> None:
    check("validate", "broken.json", ["validate", BROKEN, "--json"], code=1)
