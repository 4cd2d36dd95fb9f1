"""Long answers on a terminal go through a pager, as git does; never when piped.

FACTCLI_PAGER, then PAGER, names the pager (an empty value means none);
otherwise ``less`` is used if it is installed, with ``LESS=FRX`` unless LESS
is set, so an answer shorter than the screen is simply printed.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess


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
    """Send ``text`` through the pager; False if it could not be started."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(
            command, shell=True, stdin=subprocess.PIPE, env=env, encoding="utf-8"
        )
    except OSError:
        return False
    assert process.stdin is not None  # asked for above
    try:
        process.stdin.write(text)
        process.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager before the end, as with 'q' in less
    process.wait()
    return True
