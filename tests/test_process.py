"""What only a whole process shows: terminals, closed pipes, signals, child processes.

Each test runs the installed command, on a pseudo-terminal where a terminal
is needed; a hang fails the test through a timeout, never waits forever.
"""

from __future__ import annotations

import fcntl
import os
import pty
import resource
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import FACTCLI, FACTS


def on_terminal(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Exit code and everything shown, running factcli on a 24x100 pseudo-terminal."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [FACTCLI, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, **(env or {})},
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
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_a_report_is_not_dumped_as_html_on_a_terminal(tmp_path: Path) -> None:
    code, shown = on_terminal(["report", "-d", str(FACTS)])
    assert code == 2
    assert "<html" not in shown and "<!DOCTYPE" not in shown
    assert "--output report.html" in shown
    # Markdown reads well on a terminal, and HTML into a pipe or a file is what it is for.
    assert on_terminal(["report", "-f", "markdown", "-d", str(FACTS)])[0] == 0
    piped = subprocess.run(
        [FACTCLI, "report", "-d", str(FACTS)], capture_output=True, text=True, timeout=60
    )
    assert piped.returncode == 0 and piped.stdout.startswith("<!DOCTYPE html>")


CLOSED_PIPE_COMMANDS = [
    ["timeline"],
    ["timeline", "--format", "markdown"],
    ["visits", "--format", "jsonl"],
    ["show", "2022-07-moscow"],
    ["sources", "--format", "csv"],
    ["report"],
    ["export", "-f", "json", "-o", "-"],
]


@pytest.mark.parametrize("args", CLOSED_PIPE_COMMANDS, ids=" ".join)
def test_a_closed_pipe_is_not_an_error(args: list[str]) -> None:
    """As ``factcli timeline | head -1``, when head has gone before the answer is written."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        run = subprocess.run(
            [FACTCLI, *args, "-d", str(FACTS)], stdout=writer, stderr=subprocess.PIPE, timeout=60
        )
    finally:
        os.close(writer)
    assert (run.returncode, run.stderr) == (0, b"")


def test_head_dash_1_reads_one_line_and_all_is_well() -> None:
    process = subprocess.Popen(
        [FACTCLI, "timeline", "-d", str(FACTS)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_a_closed_pipe_does_not_hide_a_real_error() -> None:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        run = subprocess.run(
            [FACTCLI, "show", "no-such-visit", "-d", str(FACTS)],
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(writer)
    assert run.returncode == 1 and b"no-such-visit" in run.stderr


def with_hook(tmp_path: Path, code: str) -> dict[str, str]:
    """An environment whose Python runs ``code`` at start-up (a sitecustomize module)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(code, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(hooks)}


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    """Wait until ``condition()`` holds; fail if the process ends first."""
    while not condition():
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_sigterm_during_an_export_leaves_no_temporary_file(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # The export stops just before it publishes the finished temporary file.
    env = with_hook(tmp_path, "import os, time\nos.fsync = lambda fd: time.sleep(600)\n")
    process = subprocess.Popen(
        [FACTCLI, "export", "-f", fmt, "-o", str(out / "all"), "-d", str(FACTS)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wait_for(lambda: any(p.suffix == ".tmp" for p in out.iterdir()), process)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGTERM
    assert list(out.iterdir()) == [] and b"Traceback" not in err


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_a_full_disk_is_a_clean_error_and_leaves_nothing(tmp_path: Path, fmt: str) -> None:
    """A file-size limit makes every write past 64 KiB fail, as a full disk would."""
    target = tmp_path / "all"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))

    run = subprocess.run(
        [FACTCLI, "export", "-f", fmt, "-o", str(target), "-d", str(FACTS)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(f"factcli: {target}: cannot write: ")
    assert "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []
