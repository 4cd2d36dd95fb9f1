"""factcli conflicts: points on which the sources disagree, each version attributed.

Golden files: tests/golden/commands/conflicts/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "all": ["conflicts"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_conflicts_prints(case: str, fmt: str) -> None:
    check("conflicts", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])
