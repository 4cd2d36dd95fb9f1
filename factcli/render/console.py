"""The one place factcli builds a Rich Console."""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console


def make_console(file: TextIO, *, width: int | None = None) -> Console:
    """A Console that never interprets data: no markup, no emoji codes, no highlighting.

    Colour follows Rich's detection, so NO_COLOR and a non-terminal ``file``
    give plain text.
    """
    columns = os.environ.get("COLUMNS")
    if width is None and columns and columns.isdigit():
        width = int(columns)
    return Console(
        file=file,
        width=width,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )
