"""The cache is the user's own: odd files at the index's paths, other users, full disks.

Real named pipes, folders, links and files owned by another user are put
where the index, its journal or its ``.checked`` stamp should be. Every run
ends (a hang fails through a timeout), answers as a full load does, and says
so in one line; in the user's own cache folder a fresh index takes the odd
file's place, so the next run is quiet.
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import FACTCLI, MINI
from .test_process import with_hook

pytestmark = pytest.mark.slow

QUESTION = ["visits", "--json"]


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    """A copy of the mini fact base."""
    target = tmp_path / "facts"
    shutil.copytree(MINI, target)
    return target


def ask(
    facts: Path,
    cache: Path,
    index: bool = True,
    env: dict[str, str] | None = None,
    limit: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """One run of the installed command on ``facts`` with the cache folder ``cache``."""
    environment = {**(env or os.environ), "FACTCLI_CACHE_DIR": str(cache)}
    if not index:
        environment["FACTCLI_INDEX"] = "off"
    return subprocess.run(
        [FACTCLI, *QUESTION, "-d", str(facts)],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        preexec_fn=limit,
    )


def index_of(cache: Path) -> Path:
    """The one index in ``cache``."""
    (path,) = cache.glob("index-*.sqlite3")
    return path


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "inside").write_text("kept", encoding="utf-8")  # not empty: cannot be rmdir'ed


def make_link(path: Path) -> None:
    victim = path.parent.parent / "victim"
    victim.write_bytes(b"")  # an empty file is what SQLite would take for a new database
    path.symlink_to(victim)


def make_foreign(path: Path) -> None:
    path.write_bytes(b"")
    os.chown(path, 65534, 65534)


def make_writable(path: Path) -> None:
    path.write_bytes(b"")
    path.chmod(0o666)


ODD = {
    "fifo": (make_fifo, "is a named pipe (FIFO)"),
    "link": (make_link, "is a symbolic link"),
    "other-user": (make_foreign, "is owned by another user (uid 65534)"),
    "writable": (make_writable, "can be written by other users"),
}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.parametrize("suffix", ["", ".checked", "-journal"])
@pytest.mark.parametrize("kind", list(ODD))
def test_an_odd_file_at_an_index_path_is_replaced_with_one_warning(
    facts: Path, tmp_path: Path, kind: str, suffix: str
) -> None:
    if kind == "other-user" and not IS_ROOT:
        pytest.skip("only root can give a file to another user")
    cache = tmp_path / "cache"
    expected = ask(facts, cache, index=False)
    assert ask(facts, cache).returncode == 0
    index = index_of(cache)
    odd = Path(f"{index}{suffix}")
    odd.unlink(missing_ok=True)
    if suffix == "":
        (cache / f"{index.name}.checked").unlink(missing_ok=True)
    make, reason = ODD[kind]
    make(odd)
    first = ask(facts, cache)
    assert (first.returncode, first.stdout) == (expected.returncode, expected.stdout)
    assert first.stderr == f"factcli: removed what stood at the index's path: {odd} {reason}\n"
    assert not odd.is_symlink() and (not odd.exists() or stat.S_ISREG(odd.stat().st_mode))
    victim = tmp_path / "victim"
    assert not victim.exists() or victim.read_bytes() == b""
    second = ask(facts, cache)
    assert (second.returncode, second.stdout, second.stderr) == (0, expected.stdout, "")
    assert index_of(cache).stat().st_uid == os.geteuid()


def test_a_folder_at_the_index_path_is_left_and_answered_around(
    facts: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    expected = ask(facts, cache, index=False)
    assert ask(facts, cache).returncode == 0
    index = index_of(cache)
    index.unlink()
    make_folder(index)
    for _ in range(2):
        run = ask(facts, cache)
        assert (run.returncode, run.stdout) == (0, expected.stdout)
        assert run.stderr == f"factcli: {index} is a directory; answering from the fact files\n"
    assert (index / "inside").read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize("kind", ["fifo", "writable"])
def test_in_a_shared_cache_folder_nothing_odd_is_opened_or_removed(
    facts: Path, tmp_path: Path, kind: str
) -> None:
    cache = tmp_path / "shared"
    expected = ask(facts, cache, index=False)
    assert ask(facts, cache).returncode == 0
    index = index_of(cache)
    cache.chmod(0o1777)  # as /tmp: everyone may write here
    index.unlink()
    make, reason = ODD[kind]
    make(index)
    run = ask(facts, cache)
    assert (run.returncode, run.stdout) == (0, expected.stdout)
    assert run.stderr == f"factcli: {index} {reason}; answering from the fact files\n"
    assert index.exists() and os.stat(index).st_size == 0


def test_the_cache_folder_and_the_index_are_private(facts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "new" / "cache"
    assert ask(facts, cache).returncode == 0
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(index_of(cache).stat().st_mode) == 0o600


#: The stamp of a checked index is written at once, however recent the index.
STAMP_NOW = "from factcli.index import store\nstore.RACY_SECONDS = 0\n"


def test_a_full_disk_leaves_no_temporary_stamp(facts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = ask(facts, cache, index=False)
    hooked = with_hook(tmp_path, STAMP_NOW)
    assert ask(facts, cache, env=hooked).returncode == 0  # built, trusted, stamped
    Path(f"{index_of(cache)}.checked").unlink()  # the next run checks the whole file

    def full() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))

    run = ask(facts, cache, env=hooked, limit=full)
    assert (run.returncode, run.stdout, run.stderr) == (0, expected.stdout, "")
    assert [p.name for p in cache.iterdir()] == [index_of(cache).name]


def test_a_folder_where_the_stamp_goes_leaves_no_temporary_stamp(
    facts: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "shared"
    assert ask(facts, cache).returncode == 0
    stamp = Path(f"{index_of(cache)}.checked")
    stamp.unlink(missing_ok=True)
    make_folder(stamp)
    cache.chmod(0o1777)  # not the user's own folder: the folder is left there
    run = ask(facts, cache, env=with_hook(tmp_path, STAMP_NOW))
    assert run.returncode == 0
    assert sorted(p.name for p in cache.iterdir()) == sorted([index_of(cache).name, stamp.name])


def test_a_file_name_that_is_not_utf8_is_indexed_once(facts: Path, tmp_path: Path) -> None:
    visits = os.fsencode(facts / "visits")
    os.rename(visits + b"/2020-03-springfield.toml", visits + b"/springfield-\xff.toml")
    cache = tmp_path / "cache"
    expected = ask(facts, cache, index=False)
    assert expected.returncode == 0 and "2020-03-springfield" in expected.stdout
    hooked = with_hook(tmp_path, STAMP_NOW)  # files just copied are not re-read as racy
    for _ in range(2):
        run = ask(facts, cache, env=hooked)
        assert (run.returncode, run.stdout, run.stderr) == (0, expected.stdout, "")
    built = index_of(cache).stat()
    again = ask(facts, cache, env=hooked)
    assert (again.returncode, again.stdout, again.stderr) == (0, expected.stdout, "")
    assert index_of(cache).stat().st_mtime_ns == built.st_mtime_ns  # not rebuilt
