"""A fresh clone without the article archive passes: the tests that need it skip, saying why.

CI sets FACTCLI_REQUIRE_ARCHIVE=1, which turns each of those skips into a
failure, so there they can never quietly skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

#: Each test runs a pytest of its own.
pytestmark = pytest.mark.slow

#: A test that checks the shipped quotes against the archive.
NEEDS_ARCHIVE = "tests/test_cli.py::test_verify_quotes_on_shipped_facts"


def _pytest(archive: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the one archive test in a new pytest, with the archive pointed at ``archive``."""
    environment = {k: v for k, v in os.environ.items() if k != "FACTCLI_REQUIRE_ARCHIVE"}
    environment |= {"FACTCLI_ARCHIVE": str(archive), **env}
    # One test: -n 0 runs it in this pytest, without starting a worker per core for it.
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-n", "0"]
    return subprocess.run(
        [*command, NEEDS_ARCHIVE],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_the_archive_its_tests_skip_saying_why(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    done = _pytest(missing)
    assert done.returncode == 0, done.stdout
    assert "1 skipped" in done.stdout
    assert f"no article archive at {missing}" in done.stdout
    assert "set FACTCLI_ARCHIVE" in done.stdout


def test_ci_makes_the_archive_mandatory(tmp_path: Path) -> None:
    done = _pytest(tmp_path / "nowhere", FACTCLI_REQUIRE_ARCHIVE="1")
    assert done.returncode == 1, done.stdout
    assert "FACTCLI_REQUIRE_ARCHIVE=1 makes the archive mandatory" in done.stdout
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nexport FACTCLI_REQUIRE_ARCHIVE=1\n" in ci
