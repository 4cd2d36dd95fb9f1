"""factcli timeline: visits and related events in date order.

Golden files: tests/golden/commands/timeline/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "all": ["timeline"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_timeline_prints(case: str, fmt: str) -> None:
    check("timeline", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])
