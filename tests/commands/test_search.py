"""factcli search: full-text search over every claim and quote, best first.

Golden files: tests/golden/commands/search/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "harvest": ["search", "harvest"],
    "quimby": ["search", "quimby"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_search_prints(case: str, fmt: str) -> None:
    check("search", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])


def test_a_search_that_finds_nothing_is_an_empty_list() -> None:
    args = ["search", "zeppelin", "-d", MINI_DIR, "--format", "csv"]
    err = check("search", "zeppelin.csv", args, code=1)
    assert err == "factcli: nothing matches 'zeppelin'\n"
