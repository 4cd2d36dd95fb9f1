"""factcli quote: the archived passages closest to what was typed, to cite verbatim.

Golden files: tests/golden/commands/quote/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import ARCHIVE_DIR, FORMATS, MINI_DIR, check


@pytest.mark.parametrize("fmt", FORMATS)
def test_quote_finds_the_passage(fmt: str) -> None:
    args = ["quote", "Mayor Joe Quimby", "-d", MINI_DIR, "--archive", ARCHIVE_DIR]
    check("quote", f"quimby.{fmt}", [*args, "--format", fmt])


def test_quote_as_a_citation_to_paste() -> None:
    args = ["quote", "Mayor Joe Quimby", "-d", MINI_DIR, "--archive", ARCHIVE_DIR, "--toml"]
    check("quote", "quimby.toml", args)
