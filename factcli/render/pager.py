"""Long answers on a terminal go through a pager, as git does; never when piped.

FACTCLI_PAGER, then PAGER, names the pager (an empty value means none);
otherwise ``less`` is used if it is installed, with ``LESS=FRX`` unless LESS
is set, so an answer shorter than the screen is simply printed.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from types import FrameType
from typing import Any


class _TerminalBuffer(io.StringIO):
    """Collects output meant for the terminal the pager will show it on."""

    def isatty(self) -> bool:
        """True, so tables keep the terminal's colours and width."""
        return True


def terminal_buffer() -> io.StringIO:
    """A buffer that renders like the terminal it stands in for."""
    return _TerminalBuffer()


def pager_command() -> str | None:
    """The shell command to page through, or None for no pager."""
    for variable in ("FACTCLI_PAGER", "PAGER"):
        value = os.environ.get(variable)
        if value is not None:
            return value.strip() or None
    return "less" if shutil.which("less") else None


def page(text: str, command: str) -> bool:
    """Send ``text`` through the pager; False if it could not be started.

    The pager owns the terminal until it exits. Ctrl-C (or SIGTERM) meanwhile
    is passed on to it and factcli waits for it, as git does: leaving first
    would orphan the pager and hand the terminal to the shell while the pager
    still reads it. Afterwards the terminal's settings are put back, in case
    the pager died before restoring them, and the interrupt takes its course.
    """
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    saved = _terminal_settings()
    try:
        process = subprocess.Popen(
            command, shell=True, stdin=subprocess.PIPE, env=env, encoding="utf-8"
        )
    except OSError:
        return False
    assert process.stdin is not None  # asked for above
    received: list[int] = []

    def forward(signum: int, frame: FrameType | None) -> None:
        received.append(signum)
        with contextlib.suppress(OSError):
            process.send_signal(signum)

    previous = {number: signal.signal(number, forward) for number in _FORWARDED}
    try:
        try:
            process.stdin.write(text)
            process.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit the pager before the end, as with 'q' in less
        process.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        _restore_terminal(saved)
    if received:
        signal.raise_signal(received[0])  # now handled as it would have been: Ctrl-C, SIGTERM
    return True


_FORWARDED = (signal.SIGINT, signal.SIGTERM)


def _terminal_settings() -> list[Any] | None:
    """The settings of the terminal on stdout, to put back after the pager."""
    try:
        import termios
    except ImportError:  # not a POSIX system
        return None
    try:
        return termios.tcgetattr(sys.stdout.fileno())
    except (termios.error, OSError, ValueError, io.UnsupportedOperation):
        return None


def _restore_terminal(saved: list[Any] | None) -> None:
    if saved is None:
        return
    import termios

    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation, termios.error):
        termios.tcsetattr(sys.stdout.fileno(), termios.TCSADRAIN, saved)
