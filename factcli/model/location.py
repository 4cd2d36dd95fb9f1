"""Where the bundled fact base lives, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_facts_dir() -> Path:
    """The shipped fact base: inside the installed package, else the checkout's facts/."""
    installed = _PACKAGE / "bundled_facts"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "facts"
