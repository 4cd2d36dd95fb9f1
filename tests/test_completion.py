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


def test_filter_options_complete_names_surnames_and_places() -> None:
    assert complete_in_bash("factcli visits --person shoi") == ["shoigu"]
    assert complete_in_bash("factcli timeline --org Roso") == ["Rosoboronexport"]
    assert complete_in_bash("factcli meetings --person Likh") == ["Likhachev"]
    # A surname completes on its own and still names the person.
    assert "Tun\\ Oo" in complete_in_bash("factcli person Tun")
    assert complete_in_bash("factcli visits --country Rus") == ["Russia"]
    assert complete_in_bash("factcli timeline --city Vlad") == ["Vladivostok"]
    assert complete_in_bash("factcli report --city Phnom") == ["Phnom\\ Penh"]


def test_names_with_quotes_complete_escaped_for_the_shell(tmp_path: Path) -> None:
    from .conftest import MINI

    base = tmp_path / "facts"
    shutil.copytree(MINI, base)
    people = base / "people.toml"
    people.write_text(
        people.read_text(encoding="utf-8")
        + '\n[[people]]\nid = "o-brien"\nname = "Seán O\'Brien (\\"Jack\\")"\n',
        encoding="utf-8",
    )
    offered = complete_in_bash(f"factcli person -d {base} Se")
    assert offered == ['Seán\\ O\\\'Brien\\ \\(\\"Jack\\"\\)']
    # What bash would then pass on is the name itself, which resolves.
    script = f"printf '%s' {offered[0]}"
    said = subprocess.run(["bash", "-c", script], capture_output=True, text=True).stdout
    assert said == 'Seán O\'Brien ("Jack")'
