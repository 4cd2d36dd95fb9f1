"""Output paths that are not plain new files: devices, named pipes, links, races.

Each test runs the installed command on a real named pipe, a real device
node made in a scratch folder, or a real symbolic link: only a regular file
is ever replaced, anything else is written through, and a file that appears
while an export without ``--force`` writes is never overwritten.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from .conftest import FACTCLI, MINI
from .test_process import with_hook

pytestmark = pytest.mark.slow

EXPORT = [FACTCLI, "export", "-f", "json", "-d", str(MINI)]


def expected_json(tmp_path: Path) -> str:
    """What ``export -f json`` writes for the mini base."""
    return subprocess.run(
        [*EXPORT, "-o", "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run factcli to the end, with a timeout: a hang fails the test."""
    return subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("force", [False, True])
def test_a_named_pipe_as_output_is_written_through(tmp_path: Path, force: bool) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    done = run([*EXPORT, "-o", str(pipe), *(["--force"] if force else [])])
    if done.returncode != 0:  # let the reader go, whatever happened
        with open(pipe, "wb"):
            pass
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert json.loads(received[0]) == json.loads(expected_json(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
@pytest.mark.parametrize("command", [["export", "-f", "json"], ["report"]])
def test_a_device_as_output_stays_a_device(tmp_path: Path, command: list[str]) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is on Linux
    done = run([FACTCLI, *command, "-d", str(MINI), "-o", str(null), "--force"])
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert os.lstat(null).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
def test_a_full_device_is_a_clean_error(tmp_path: Path) -> None:
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # /dev/full: every write fails
    done = run([*EXPORT, "-o", str(full), "--force"])
    assert done.returncode == 1
    assert done.stderr == f"factcli: {full}: cannot write: No space left on device\n"
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")
def test_dev_stdout_is_standard_output(tmp_path: Path) -> None:
    done = run([*EXPORT, "-o", "/dev/stdout"])
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == expected_json(tmp_path)


def test_an_sqlite_export_refuses_a_device(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    done = run([FACTCLI, "export", "-f", "sqlite", "-d", str(MINI), "-o", str(pipe), "--force"])
    assert done.returncode == 2 and "an SQLite database is a file" in done.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_a_symlinked_output_is_written_through(tmp_path: Path, fmt: str) -> None:
    real = tmp_path / "real" / "out"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(real)
    done = run([FACTCLI, "export", "-f", fmt, "-d", str(MINI), "-o", str(link), "--force"])
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != b"old" and real.stat().st_size > 100


def test_a_dangling_symlinked_output_creates_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    done = run([*EXPORT, "-o", str(link)])
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8") == expected_json(tmp_path)


#: Another program creates the output file just before this export publishes its own.
APPEARS = """
import os
_fsync = os.fsync
def fsync(fd):
    _fsync(fd)
    with open(os.environ["APPEARS"], "w") as other:
        other.write("theirs")
os.fsync = fsync
"""


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_a_file_that_appears_meanwhile_is_never_overwritten(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "all"
    env = {**with_hook(tmp_path, APPEARS), "APPEARS": str(target)}
    done = run([FACTCLI, "export", "-f", fmt, "-d", str(MINI), "-o", str(target)], env=env)
    assert done.returncode == 1
    assert done.stderr == f"factcli: {target}: already exists; pass --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in out.iterdir()) == ["all"]
