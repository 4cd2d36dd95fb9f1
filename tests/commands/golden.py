"""Run a command on the mini fact base and hold what it prints to a golden file.

The golden files live in ``tests/golden/commands/<command>/``, one per case and
format. After a deliberate change to what a command prints, regenerate them
with ``FACTCLI_UPDATE_DOCS=1 python -m pytest tests/commands`` and read the
diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.testing import CliRunner

from factcli.cli import app

from ..conftest import MINI, REPO

GOLDEN = REPO / "tests" / "golden" / "commands"
#: The formats every query command prints. HTML shares one page layout, held once
#: by ``show`` and ``report`` (and in a browser by tests/test_browser.py).
FORMATS = ["table", "json", "jsonl", "csv", "markdown"]
#: Where the examples run: the repository, so fixtures are named by their path in it.
MINI_DIR = str(MINI.relative_to(REPO))
ARCHIVE_DIR = "tests/fixtures/archive"


def run(args: list[str], *, stdin: str | None = None, cwd: Path = REPO) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``factcli ARGS`` run in ``cwd``."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, input=stdin)
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


def golden(command: str, case: str, text: str) -> None:
    """``text`` is what ``tests/golden/commands/COMMAND/CASE`` holds (written anew on update)."""
    path = GOLDEN / command / case
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.relative_to(REPO)} differs"


def check(
    command: str,
    case: str,
    args: list[str],
    *,
    code: int = 0,
    stdin: str | None = None,
    cwd: Path = REPO,
) -> str:
    """Run ``factcli ARGS`` and hold its stdout to the golden file; its stderr, returned."""
    exit_code, out, err = run(args, stdin=stdin, cwd=cwd)
    assert exit_code == code, err
    golden(command, case, out)
    return err


def without_machine_paths(text: str, cache: Path) -> str:
    """``text`` with this machine's folders shown as a user's would be."""
    text = text.replace(str(cache), "/home/you/.cache/factcli")
    text = text.replace(str(REPO), "/home/you/factcli")
    return re.sub(r"index-[0-9a-f]{8}\.sqlite3", "index-0d57571c.sqlite3", text)
