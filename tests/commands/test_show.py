"""factcli show: one visit or event in full, every claim with its own citation.

Golden files: tests/golden/commands/show/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "visit": ["show", "2020-03-springfield"],
    "event": ["show", "2020-fair"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_show_prints(case: str, fmt: str) -> None:
    check("show", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])


def test_show_as_a_web_page() -> None:
    check("show", "visit.html", ["show", "2020-03-springfield", "-d", MINI_DIR, "--format", "html"])


def test_show_with_quotes() -> None:
    check("show", "visit-quotes.table", ["show", "2020-03-springfield", "--quotes", "-d", MINI_DIR])


def test_an_unknown_id_suggests_the_nearest() -> None:
    args = ["show", "2020-03-springfeld", "-d", MINI_DIR, "--json"]
    err = check("show", "unknown.json", args, code=1)
    assert "did you mean 2020-03-springfield" in err
