"""factcli verify-quotes: every quote found verbatim in its source's archived text.

Golden files: tests/golden/commands/verify-quotes/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import ARCHIVE_DIR, FORMATS, MINI_DIR, check


@pytest.mark.parametrize("fmt", FORMATS)
def test_verify_quotes(fmt: str) -> None:
    args = ["verify-quotes", "-d", MINI_DIR, "--archive", ARCHIVE_DIR, "--format", fmt]
    check("verify-quotes", f"mini.{fmt}", args)
