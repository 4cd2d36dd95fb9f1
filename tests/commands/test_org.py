"""factcli org: an organisation's page.

Golden files: tests/golden/commands/org/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "council": ["org", "springfield council"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_org_prints(case: str, fmt: str) -> None:
    check("org", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])
