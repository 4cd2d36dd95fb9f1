"""factcli meetings: who met whom, when and where, with the status of each meeting.

Golden files: tests/golden/commands/meetings/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "all": ["meetings"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_meetings_prints(case: str, fmt: str) -> None:
    check("meetings", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])
