"""factcli person: a person's page: roles and every appearance, each cited.

Golden files: tests/golden/commands/person/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "quimby": ["person", "quimby"],
    "minister": ["person", "the-minister"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_person_prints(case: str, fmt: str) -> None:
    check("person", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])
