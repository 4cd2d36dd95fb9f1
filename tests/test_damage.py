"""A damaged index never gives a wrong answer and never stays broken.

Bytes are flipped in a real index on disk, reads fail half-way, the cache
folder cannot be written, timestamps are too coarse to show an edit, and
another folder's run rewrites a shared index in between: every answer must
be the full-load answer (or the same clean error), with at most one line on
stderr saying the index was discarded.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.index import opening, store
from factcli.index.indexed import IndexedFacts
from factcli.index.opening import open_index
from factcli.index.store import FileStat, index_path

from .conftest import MINI

pytestmark = pytest.mark.slow

QUESTIONS = [
    ["show", "2020-03-springfield", "--json"],
    ["visits", "--json"],
    ["timeline"],
    ["person", "quimby", "--json"],
    ["search", "springfield", "--json"],
    ["sources", "--json"],
]


@pytest.fixture
def facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini fact base with a cache folder of its own."""
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "facts"
    shutil.copytree(MINI, target)
    return target


def ask(
    runner: CliRunner, facts: Path, args: list[str], index: bool = True
) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command on ``facts``."""
    env = {} if index else {"FACTCLI_INDEX": "off"}
    result = runner.invoke(app, [*args, "-d", str(facts)], env=env)
    return result.exit_code, result.stdout, result.stderr


def built_index(facts: Path) -> Path:
    """Build the index of ``facts``; where it is."""
    access = open_index(facts)
    assert access is not None
    access.close()
    path = index_path(facts)
    assert path is not None
    return path


def sealed_and_fresh(facts: Path) -> bool:
    """Whether the index is intact and answers again (rebuilt by the run before)."""
    path = index_path(facts)
    assert path is not None
    with sqlite3.connect(path) as connection:
        if store.seal_of(connection) == 0:
            return False
    return open_index(facts) is not None


def discarded(line: str, path: Path) -> bool:
    """Whether ``line`` is the one line saying the index at ``path`` was discarded."""
    return line.startswith("factcli: discarded a damaged index (") and line.endswith(f"): {path}")


def test_flipped_bytes_never_give_a_different_answer(runner: CliRunner, facts: Path) -> None:
    expected = {tuple(q): ask(runner, facts, q, index=False) for q in QUESTIONS}
    path = built_index(facts)
    pristine = path.read_bytes()
    chance = random.Random(15)
    for round_ in range(120):
        damaged = bytearray(pristine)
        for _ in range(chance.choice((1, 1, 2, 8))):
            offset = chance.randrange(len(damaged))
            damaged[offset] ^= chance.randrange(1, 256)
        path.write_bytes(bytes(damaged))
        question = QUESTIONS[round_ % len(QUESTIONS)]
        code, out, err = ask(runner, facts, question)
        assert (code, out) == expected[tuple(question)][:2], (round_, question)
        assert err == "" or discarded(err.rstrip("\n"), path), (round_, err)
        assert "\n" not in err.rstrip("\n")
        if err:
            assert sealed_and_fresh(facts)  # rebuilt on the way, not left broken


def test_a_damaged_index_that_cannot_be_removed_is_answered_around(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = built_index(facts)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))

    def read_only(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(opening, "remove", read_only)
    question = ["show", "2020-03-springfield", "--json"]
    code, out, err = ask(runner, facts, question)
    assert (code, out) == ask(runner, facts, question, index=False)[:2]
    assert err == (
        f"factcli: the index {path} is damaged (checksum mismatch) and cannot be removed"
        " (Permission denied); answering from the fact files\n"
    )


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_a_damaged_index_in_a_read_only_cache_folder(runner: CliRunner, facts: Path) -> None:
    path = built_index(facts)
    path.write_bytes(b"garbage" * 1000)
    path.parent.chmod(0o555)
    try:
        code, out, err = ask(runner, facts, ["show", "2020-03-springfield", "--json"])
    finally:
        path.parent.chmod(0o755)
    assert code == 0 and '"id": "2020-03-springfield"' in out
    assert "answering from the fact files" in err and "Traceback" not in err


def test_an_error_while_answering_discards_the_index(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = built_index(facts)

    def failing(self: IndexedFacts, sql: str, *params: object) -> list[object]:
        raise sqlite3.OperationalError("disk I/O error")

    question = ["person", "quimby", "--json"]
    with monkeypatch.context() as patch:
        patch.setattr(IndexedFacts, "_rows", failing)
        code, out, err = ask(runner, facts, question)
    assert (code, out) == ask(runner, facts, question, index=False)[:2]
    assert err == f"factcli: discarded a damaged index (OperationalError: disk I/O error): {path}\n"
    assert not path.exists()
    assert ask(runner, facts, question)[2] == ""  # rebuilt quietly on the next run


def test_not_found_from_the_index_is_an_answer_not_damage(runner: CliRunner, facts: Path) -> None:
    path = built_index(facts)
    code, out, err = ask(runner, facts, ["show", "no-such-visit"])
    assert (code, out) == (1, "") and "discarded" not in err
    assert path.exists()


def test_an_edit_hidden_by_coarse_timestamps_is_seen(
    facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a file system whose clock has not moved since the file was changed.

    The edit keeps the size, the inode and an old modification time (as
    ``cp -p`` or ``rsync -t`` do); only the change time is recent, and the
    file system's coarse clock shows the same change time after the second
    edit. The build must not trust a file changed that recently.
    """
    visit = facts / "visits" / "2020-03-springfield.toml"
    an_hour_ago = (os.stat(visit).st_mtime_ns // 10**9 - 3600) * 10**9
    tick = (os.stat(visit).st_ctime_ns // 10**9 + 1) * 10**9  # the clock's current tick
    real_scan = store.scan

    def coarse_scan(root: Path) -> dict[str, FileStat]:
        return {
            path: (mtime, size, inode, tick)
            for path, (mtime, size, inode, _) in real_scan(root).items()
        }

    monkeypatch.setattr(opening, "scan", coarse_scan)

    def edit(old: str, new: str) -> None:
        visit.write_text(visit.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        os.utime(visit, ns=(an_hour_ago, an_hour_ago))

    edit("Harvest Fair visit", "Harvest Fair VISIT")
    first = open_index(facts)
    assert first is not None
    with first:
        assert first.record("2020-03-springfield")[1].title == "Harvest Fair VISIT"
    edit("Harvest Fair VISIT", "Harvest Fair Visit")
    second = open_index(facts)
    assert second is not None
    with second:
        assert second.record("2020-03-springfield")[1].title == "Harvest Fair Visit"


def test_the_folder_is_checked_again_after_the_last_begin(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two folders whose index names collide; the other's run rebuilds it in between."""
    other = tmp_path / "other"
    shutil.copytree(facts, other)
    visit = other / "visits" / "2020-03-springfield.toml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("Harvest Fair visit", "Other folder's visit"),
        encoding="utf-8",
    )
    shared = tmp_path / "cache" / "index-collide.sqlite3"
    monkeypatch.setattr(opening, "index_path", lambda root: shared)
    real_write = opening._write
    raced: list[bool] = []

    def write_then_race(*args: object, **kwargs: object) -> None:
        real_write(*args, **kwargs)  # type: ignore[arg-type]
        if not raced:
            raced.append(True)
            connection = args[0]
            assert isinstance(connection, sqlite3.Connection)
            connection.execute("SELECT count(*) FROM sqlite_master")  # lets go of the lock
            racing = open_index(other)  # the other folder's run, between our COMMIT and BEGIN
            assert racing is not None
            racing.close()

    monkeypatch.setattr(opening, "_write", write_then_race)
    access = open_index(facts)
    assert raced and access is not None
    with access:
        assert access.record("2020-03-springfield")[1].title == "Harvest Fair visit"


def test_an_update_reads_the_index_whole_once_to_seal_it_not_again_to_check_it(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_index(facts)
    sums: list[str] = []
    real_checksum = store.checksum

    def counting(who: str) -> Callable[[store.IndexConnection], int]:
        def count(connection: store.IndexConnection) -> int:
            sums.append(who)
            return real_checksum(connection)

        return count

    monkeypatch.setattr(store, "checksum", counting("seal"))
    monkeypatch.setattr(opening, "checksum", counting("check"))
    question = ["show", "2020-03-springfield", "--json"]
    visit = facts / "visits" / "2020-03-springfield.toml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("Harvest Fair visit", "Harvest Fair tour"),
        encoding="utf-8",
    )
    code, out, _ = ask(runner, facts, question)
    assert code == 0 and '"title": "Harvest Fair tour"' in out
    # Checked once (built moments ago, its times are not yet to be trusted), then
    # sealed once after the update; never read whole again to check what was sealed.
    assert sums == ["check", "seal"]


def test_an_index_checked_before_and_unchanged_is_not_read_again(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files this fresh are always checked in full (their times are not yet to be trusted).
    monkeypatch.setattr(store, "RACY_SECONDS", 0.0)
    path = built_index(facts)
    real_checksum = store.checksum
    sums: list[int] = []

    def counting(connection: store.IndexConnection) -> int:
        sums.append(1)
        return real_checksum(connection)

    monkeypatch.setattr(opening, "checksum", counting)
    question = ["show", "2020-03-springfield", "--json"]
    expected = ask(runner, facts, question, index=False)
    assert ask(runner, facts, question) == expected
    sums.clear()
    assert ask(runner, facts, question) == expected
    assert sums == []  # size, times, inode and seal as when last checked: not read again
    # A byte changed: the file's times move, so it is checked in full, and discarded.
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    code, out, err = ask(runner, facts, question)
    assert (code, out) == expected[:2] and sums
    assert discarded(err.rstrip("\n"), path)
