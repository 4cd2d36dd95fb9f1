"""Which fact base a command answers from, found as git finds its repository.

``--facts-dir`` (or ``FACTCLI_FACTS_DIR``) names it; otherwise the nearest
fact base from the current folder upwards: at each level, the folder itself
when it holds ``sources.toml``, else its ``facts/`` subfolder when that does;
otherwise the fact base bundled with factcli.
"""

from __future__ import annotations

import os
from pathlib import Path

from factcli.errors import UsageError

_PACKAGE = Path(__file__).resolve().parent.parent

#: The file that marks a folder as a fact base.
MARKER = "sources.toml"


def bundled_facts_dir() -> Path:
    """The shipped fact base: inside the installed package, else the checkout's facts/."""
    installed = _PACKAGE / "bundled_facts"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "facts"


def discovered_facts_dir(start: Path | None = None) -> Path | None:
    """The nearest fact base from ``start`` (the current folder) upwards, as git finds .git.

    At each level the folder itself, when it holds sources.toml, else its
    ``facts/`` subfolder when that does.
    """
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:  # the current folder was deleted
        return None
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "facts"):
            if (candidate / MARKER).is_file():
                return candidate
    return None


def default_facts_dir() -> Path:
    """The fact base to use when none is named: one found from the current folder, else bundled."""
    return discovered_facts_dir() or bundled_facts_dir()


def named_by(named: Path) -> str:
    """Which setting named a facts folder: FACTCLI_FACTS_DIR when it holds that path."""
    from_env = os.environ.get("FACTCLI_FACTS_DIR")
    return "FACTCLI_FACTS_DIR" if from_env and Path(from_env) == named else "--facts-dir"


def chosen_facts_dir(named: Path | None) -> Path:
    """The fact base to answer from; UsageError when a named folder holds none.

    A folder with sources.toml is taken at once (one stat, on every run); any
    other is looked through for fact files, so that an empty or unrelated
    folder is reported as such rather than as a fact base with no matches.
    """
    if named is None:
        return default_facts_dir()
    setting = named_by(named)
    if not named.exists():
        raise UsageError(f"{named}: facts directory does not exist (named by {setting})")
    if not named.is_dir():
        raise UsageError(f"{named}: is not a directory (named by {setting})")
    if (named / MARKER).is_file():
        return named
    from factcli.model.files import fact_file_entries

    # The first fact file settles it: listing a large base on every run would not.
    if next(fact_file_entries(named), None) is None:
        raise UsageError(
            f"{named}: no fact base here (named by {setting}): looked for {MARKER} and "
            "other *.toml fact files in it and its subfolders, and found none"
        )
    return named
