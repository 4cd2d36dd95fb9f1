"""Shell completion from the data, exercised in a real bash process."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import FACTCLI

BASH = shutil.which("bash")


def complete_in_bash(line: str) -> list[str]:
    """Source factcli's bash completion, press Tab after ``line``, return COMPREPLY."""
    words = line.split(" ")
    script = (
        f'eval "$({FACTCLI} --show-completion bash)"\n'
        f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        f"_factcli_completion {FACTCLI}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        [str(BASH), "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": str(Path(FACTCLI).parent) + ":/usr/bin:/bin", "SHELL": str(BASH)},
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


pytestmark = pytest.mark.skipif(BASH is None, reason="bash is not installed")


def test_visit_ids_complete() -> None:
    assert complete_in_bash("factcli show 2022-0") == [
        "2022-07-moscow",
        "2022-09-vladivostok",
        "2022-02-ukraine-invasion",
        "2022-03-armed-forces-day",
        "2022-07-wang-yi-myanmar",
        "2022-07-blinken-thailand",
        "2022-08-lavrov-naypyidaw",
    ]


def test_person_names_complete_through_aliases_as_one_word() -> None:
    assert complete_in_bash("factcli person Ant") == ["Anthony\\ Blinken", "Antony\\ Blinken"]
    assert complete_in_bash("factcli person anth") == ["anthony\\ Blinken"]


def test_org_names_complete() -> None:
    assert "Rosoboronexport" in complete_in_bash("factcli org Roso")


def test_commands_complete() -> None:
    assert complete_in_bash("factcli verify") == ["verify-quotes"]
