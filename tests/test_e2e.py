"""The installed ``factcli`` command in real subprocesses, pipes included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FACTCLI

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTCLI_FACTS_DIR"}
    return subprocess.run(
        [FACTCLI, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def test_installed_command_answers_from_bundled_facts(tmp_path: Path) -> None:
    result = run("visits", "--json", cwd=tmp_path)  # another folder: bundled facts still found
    assert result.returncode == 0, result.stderr
    assert next(v["id"] for v in json.loads(result.stdout)) == "2021-06-moscow"


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcli", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0 and result.stdout.startswith("factcli ")


def test_usage_error_exit_code_and_no_traceback() -> None:
    result = run("show")
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_not_found_exit_code() -> None:
    result = run("person", "Nobody At All")
    assert (result.returncode, result.stdout) == (1, "")
    assert "no person matching" in result.stderr


@pytest.mark.parametrize(
    "args", [["timeline"], ["show", "2021-06-moscow", "--json"], ["search", "the", "-n", "5000"]]
)
def test_pipe_closed_early_is_quiet(args: list[str]) -> None:
    for _ in range(3):
        pipeline = subprocess.run(
            f"{FACTCLI} {' '.join(args)} | head -1",
            shell=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert pipeline.returncode == 0
        assert len(pipeline.stdout.splitlines()) == 1
        assert "Traceback" not in pipeline.stderr
        assert "Exception ignored" not in pipeline.stderr
        assert "BrokenPipe" not in pipeline.stderr
