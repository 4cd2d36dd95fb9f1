"""Which fact base a command answers from, found as git finds its repository.

``--facts-dir`` (or ``FACTCLI_FACTS_DIR``) names it; otherwise a ``facts/``
folder holding ``sources.toml`` in the current folder or one above it;
otherwise the fact base bundled with factcli.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent

#: The file that marks a folder named ``facts`` as a fact base.
MARKER = "sources.toml"


def bundled_facts_dir() -> Path:
    """The shipped fact base: inside the installed package, else the checkout's facts/."""
    installed = _PACKAGE / "bundled_facts"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "facts"


def discovered_facts_dir(start: Path | None = None) -> Path | None:
    """A ``facts/`` folder holding sources.toml in ``start`` (the current folder) or above."""
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:  # the current folder was deleted
        return None
    for folder in (here, *here.parents):
        candidate = folder / "facts"
        if (candidate / MARKER).is_file():
            return candidate
    return None


def default_facts_dir() -> Path:
    """The fact base to use when none is named: one found from the current folder, else bundled."""
    return discovered_facts_dir() or bundled_facts_dir()
