"""factcli sources: the bibliography, with how many claims each source supports.

Golden files: tests/golden/commands/sources/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import FORMATS, MINI_DIR, check

CASES = {
    "all": ["sources"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_sources_prints(case: str, fmt: str) -> None:
    check("sources", f"{case}.{fmt}", [*CASES[case], "-d", MINI_DIR, "--format", fmt])


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex"])
def test_sources_for_reference_managers(fmt: str) -> None:
    check("sources", f"all.{fmt}", ["sources", "-d", MINI_DIR, "--format", fmt])
