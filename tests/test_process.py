"""What only a whole process shows: terminals, closed pipes, signals, child processes.

Each test runs the installed command, on a pseudo-terminal where a terminal
is needed; a hang fails the test through a timeout, never waits forever.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
from pathlib import Path

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
