"""The pager: used for tables on a real terminal (a pseudo-terminal here), never when piped."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import FACTCLI

pytestmark = pytest.mark.slow


def on_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the installed factcli with a 24x100 pseudo-terminal as stdin, stdout and stderr."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [FACTCLI, *args], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other side has closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def paged(tmp_path: Path) -> Path:
    """Where the test pager writes what it was given."""
    return tmp_path / "paged.txt"


def environment(**variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PAGER", "FACTCLI_PAGER", "COLUMNS")}
    return {**env, **variables}


def test_a_table_on_a_terminal_goes_through_the_pager(paged: Path) -> None:
    shown = on_terminal(["visits"], environment(FACTCLI_PAGER=f"cat > '{paged}'"))
    assert "2022-07-moscow" in paged.read_text(encoding="utf-8")
    assert "2022-07-moscow" not in shown


def test_pager_falls_back_to_PAGER(paged: Path) -> None:
    on_terminal(["timeline"], environment(PAGER=f"cat > '{paged}'"))
    assert "Warsaw Institute" in paged.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "variables"),
    [
        (["--no-pager", "visits"], {}),
        (["visits"], {"FACTCLI_PAGER": ""}),
        (["visits", "--json"], {}),
    ],
    ids=["--no-pager", "empty FACTCLI_PAGER", "json"],
)
def test_no_pager_when_switched_off_or_not_a_table(
    paged: Path, args: list[str], variables: dict[str, str]
) -> None:
    env = environment(PAGER=f"cat > '{paged}'", **variables)
    shown = on_terminal(args, env)
    assert not paged.exists()
    assert "2022-07-moscow" in shown


def test_no_pager_when_piped(paged: Path) -> None:
    result = subprocess.run(
        [FACTCLI, "visits"],
        capture_output=True,
        text=True,
        env=environment(FACTCLI_PAGER=f"cat > '{paged}'"),
        check=True,
    )
    assert not paged.exists()
    assert "2022-07-moscow" in result.stdout


#: A pager that turns the terminal's echo off, says when it is ready and when
#: Ctrl-C reached it, and quits (without restoring the terminal, as a pager
#: that crashed) only once the test says so.
PAGER = """
import os, signal, sys, termios, time
here = sys.argv[1]
def note(name):
    open(os.path.join(here, name), "w").close()
signal.signal(signal.SIGINT, lambda *_: note("interrupted"))
sys.stdin.read()
settings = termios.tcgetattr(1)
settings[3] &= ~termios.ECHO
termios.tcsetattr(1, termios.TCSANOW, settings)
note("ready")
while not os.path.exists(os.path.join(here, "quit")):
    time.sleep(0.02)
"""


def test_ctrl_c_waits_for_the_pager_and_restores_the_terminal(tmp_path: Path) -> None:
    script = tmp_path / "pager.py"
    script.write_text(PAGER, encoding="utf-8")
    env = environment(FACTCLI_PAGER=f"'{sys.executable}' '{script}' '{tmp_path}'")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    echo_before = termios.tcgetattr(follower)[3] & termios.ECHO
    process = subprocess.Popen(
        [FACTCLI, "timeline"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        wait_for(lambda: (tmp_path / "ready").exists(), process)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground job
        wait_for(lambda: (tmp_path / "interrupted").exists(), process)
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=1)  # still there: it waits for the pager
        (tmp_path / "quit").touch()
        assert process.wait(timeout=60) == 130  # and then ends as interrupted
        assert termios.tcgetattr(follower)[3] & termios.ECHO == echo_before
    finally:
        (tmp_path / "quit").touch()  # the pager ends even when the test fails
        if process.poll() is None:
            process.kill()
        os.close(follower)
        os.close(leader)


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    """Wait until ``condition()`` holds; fail if the process ends first, or after a minute."""
    deadline = time.monotonic() + 60
    while not condition():
        assert process.poll() is None, "factcli ended early"
        assert time.monotonic() < deadline, "still waiting after a minute"
        time.sleep(0.02)
