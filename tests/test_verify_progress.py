"""verify-quotes reports its progress to a bar that only a terminal ever sees."""

from __future__ import annotations

import subprocess

from factcli.model.claims import walk
from factcli.model.loader import load_directory
from factcli.query.quotes import verify_quotes

from .conftest import ARCHIVE, FACTCLI, FACTS, need_archive


def test_verify_quotes_steps_once_per_claim_and_draws_nothing_when_piped() -> None:
    need_archive()
    facts = load_directory(FACTS).facts
    steps: list[int] = []
    verify_quotes(facts, ARCHIVE, lambda: steps.append(1))
    assert len(steps) == sum(1 for _ in walk(facts))
    done = subprocess.run(
        [FACTCLI, "verify-quotes", "--archive", str(ARCHIVE)], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.endswith("all verbatim\n")
