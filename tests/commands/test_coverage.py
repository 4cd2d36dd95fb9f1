"""factcli coverage: how much of each archived article the fact base accounts for.

Golden files: tests/golden/commands/coverage/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import ARCHIVE_DIR, FORMATS, MINI_DIR, check


@pytest.mark.parametrize("fmt", FORMATS)
def test_coverage_of_a_whole_source(fmt: str) -> None:
    args = ["coverage", "-d", MINI_DIR, "--archive", ARCHIVE_DIR, "--source", "beta"]
    check("coverage", f"beta.{fmt}", [*args, "--format", fmt])


def test_coverage_with_a_sentence_nothing_accounts_for_exits_1() -> None:
    args = ["coverage", "-d", MINI_DIR, "--archive", ARCHIVE_DIR, "--uncovered"]
    err = check("coverage", "uncovered.table", args, code=1)
    assert err == "factcli: 1 sentence(s) neither cited nor in the ledger\n"
