"""Files beside the facts: the ledger, the thesaurus, archived texts, folders and aliases.

Everything factcli reads goes through the one reader of regular files, with
a size limit per kind. A named pipe, a device or a folder where a file is
expected is an error naming it, never skipped in silence and never waited
on (each run is a real process with a timeout: a hang fails the test).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from factcli.errors import UsageError
from factcli.query.words import read_thesaurus

from .conftest import FACTCLI, MINI, MINI_ARCHIVE

pytestmark = pytest.mark.slow

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def both_ways(args: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """The installed command run with and without the index; a hang fails the test."""
    return [
        subprocess.run(
            [FACTCLI, *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": "1000", **extra},  # a report line unwrapped
        )
        for extra in ({}, {"FACTCLI_INDEX": "off"})
    ]


def copies(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the mini fact base and of its archive."""
    facts, archive = tmp_path / "facts", tmp_path / "archive"
    shutil.copytree(MINI, facts)
    shutil.copytree(MINI_ARCHIVE, archive)
    return facts, archive


def fifo(path: Path) -> str:
    os.mkfifo(path)
    return "a named pipe (FIFO)"


def folder(path: Path) -> str:
    path.mkdir()
    return "a directory"


def device(path: Path) -> str:
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is on Linux
    return "a character device"


ODD: dict[str, Callable[[Path], str]] = {"fifo": fifo, "folder": folder, "device": device}


def odd_kinds() -> list[str]:
    return [kind for kind in ODD if kind != "device" or IS_ROOT]


def test_a_folder_named_like_a_fact_file_is_an_error(tmp_path: Path) -> None:
    facts, _ = copies(tmp_path)
    visit = facts / "visits" / "2020-03-springfield.toml"
    visit.unlink()
    visit.mkdir()
    (visit / "inside.toml").write_text("", encoding="utf-8")
    for run in both_ways(["visits", "-d", str(facts)]):
        assert (run.returncode, run.stdout) == (1, "")
        assert f"{visit}: is a directory, not a regular file" in run.stderr
        assert "inside.toml" not in run.stderr


def test_a_folder_alias_is_read_once_not_called_a_loop(tmp_path: Path) -> None:
    facts, _ = copies(tmp_path)
    expected = both_ways(["visits", "--json", "-d", str(facts)])
    (facts / "visits-alias").symlink_to(facts / "visits", target_is_directory=True)
    (facts / "visits" / "deeper").mkdir()
    (facts / "visits" / "deeper" / "up").symlink_to(facts / "visits", target_is_directory=True)
    for run in both_ways(["visits", "--json", "-d", str(facts)]):
        assert "symbolic link loop" in run.stderr and run.returncode == 1
    (facts / "visits" / "deeper" / "up").unlink()
    for run, before in zip(
        both_ways(["visits", "--json", "-d", str(facts)]), expected, strict=True
    ):
        assert (run.returncode, run.stdout, run.stderr) == (0, before.stdout, "")


@pytest.mark.parametrize("kind", odd_kinds())
def test_an_odd_ledger_is_an_error_naming_it(tmp_path: Path, kind: str) -> None:
    facts, archive = copies(tmp_path)
    ledger = facts / "coverage.toml"
    what = ODD[kind](ledger)
    run = both_ways(["coverage", "-d", str(facts), "--archive", str(archive)])[1]
    assert run.returncode == 1 and run.stdout == ""
    assert f"{ledger}: is {what}, not a regular file" in run.stderr


@pytest.mark.parametrize("kind", odd_kinds())
def test_an_odd_thesaurus_is_refused_by_name_never_waited_on(tmp_path: Path, kind: str) -> None:
    # Which thesaurus files apply is the search's policy; how one is read is this.
    thesaurus = tmp_path / "thesaurus.toml"
    what = ODD[kind](thesaurus)
    with pytest.raises(UsageError) as refused:
        read_thesaurus(thesaurus)
    assert str(refused.value) == (
        f"{thesaurus}: cannot read the thesaurus: is {what}, not a regular file"
    )


def test_a_huge_thesaurus_is_refused_unread(tmp_path: Path) -> None:
    facts, _ = copies(tmp_path)
    thesaurus = facts / "thesaurus.toml"
    with open(thesaurus, "wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # 30 MB of nothing, without writing them
    run = both_ways(["search", "springfield", "-d", str(facts)])[0]
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"factcli: {thesaurus}: cannot read the thesaurus:"
        f" file is {30 * 1024 * 1024} bytes; the limit is {1024 * 1024}\n"
    )


ARCHIVE_COMMANDS = [
    ["verify-quotes"],
    ["quote", "springfield"],
    ["coverage"],
    ["export", "-f", "annotations", "-o", "-"],
]


@pytest.mark.parametrize("command", ARCHIVE_COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("kind", odd_kinds())
def test_an_odd_archive_file_is_named_never_waited_on(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    facts, archive = copies(tmp_path)
    text = archive / "alpha.txt"
    text.unlink()
    what = ODD[kind](text)
    run = both_ways([*command, "-d", str(facts), "--archive", str(archive)])[1]
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr
    said = run.stderr if command[0] != "verify-quotes" else run.stdout  # its report
    assert f"{text}: is {what}, not a regular file" in said


@pytest.mark.parametrize("command", ARCHIVE_COMMANDS[:3], ids=lambda c: c[0])
def test_a_huge_archive_text_is_refused_unread(tmp_path: Path, command: list[str]) -> None:
    facts, archive = copies(tmp_path)
    text = archive / "alpha.txt"
    with open(text, "ab") as handle:
        handle.truncate(200 * 1024 * 1024)  # 200 MB, sparse
    run = both_ways([*command, "-d", str(facts), "--archive", str(archive)])[1]
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr
    said = run.stderr if command[0] != "verify-quotes" else run.stdout  # its report
    limit = 8 * 1024 * 1024
    assert f"{text}: file is {200 * 1024 * 1024} bytes; the limit is {limit}" in said
