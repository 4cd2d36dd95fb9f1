"""factcli visits: the list of visits, filtered or not, in every format.

Golden files: tests/golden/commands/visits/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "all": ["visits"],
    "year-2020": ["visits", "--year", "2020"],
    "person": ["visits", "--person", "quimby"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_visits_prints(case: str, fmt: str) -> None:
    check("visits", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])


def test_visits_that_match_nothing_are_an_empty_list() -> None:
    args = ["visits", "--year", "1999", "-d", MINI_DIR, "--json"]
    err = check("visits", "none.json", args, code=1)
    assert err == "factcli: no visit matches those filters\n"
