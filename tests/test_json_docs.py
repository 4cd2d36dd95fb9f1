"""docs/json.md is tested: each command's JSON example is what the command prints.

Regenerate the examples after a deliberate change with
``FACTCLI_UPDATE_DOCS=1 python -m pytest tests/test_json_docs.py``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import MINI, REPO

DOC = REPO / "docs" / "json.md"
BLOCK = re.compile(
    r"```console\n\$ (?P<feed>printf '(?P<input>[^']*)' \| )?factcli (?P<args>[^\n]*)\n"
    r"(?P<output>.*?)```",
    re.S,
)
#: Every command with a JSON form has an example.
COMMANDS = {
    "visits", "show", "person", "org", "search", "timeline", "meetings", "sources", "conflicts",
    "validate", "verify-quotes", "quote", "info", "coverage", "batch", "diff",
}  # fmt: skip
#: What the examples show for this machine's paths: the repository and the index's folder.
HOME = "/home/you/factcli"
CACHE = "/home/you/.cache/factcli"


def _edited_checkout(folder: Path) -> Path:
    """The ``diff`` example's git checkout: the mini base committed, then one role changed."""
    facts = folder / "facts"
    shutil.copytree(MINI, facts)
    author = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    for command in (["init", "-q"], ["add", "facts"], [*author, "commit", "-q", "-m", "facts"]):
        subprocess.run(["git", *command], cwd=folder, check=True, capture_output=True)
    visit = facts / "visits" / "2020-03-springfield.toml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace('role = "Mayor"', 'role = "mayor of Springfield"'), "utf-8")
    return folder


def _run(args: str, given: str | None, cache: str, checkout: Path) -> str:
    """What ``factcli ARGS`` prints (fed ``given`` on stdin), with this machine's paths as shown.

    ``diff`` runs in ``checkout``, a git repository; every other command in the repository.
    """
    stdin = given.replace("\\n", "\n") if given is not None else None
    here = Path.cwd()
    os.chdir(checkout if args.startswith("diff") else REPO)
    try:
        result = CliRunner().invoke(app, shlex.split(args), input=stdin)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.stderr
    for line in result.stdout.splitlines() if stdin is not None else [result.stdout]:
        json.loads(line)  # a valid document (JSON Lines from a batch)
    shown = result.stdout.replace(cache, CACHE).replace(str(REPO), HOME)
    # The index's file is named by a checksum of the folder's full path.
    return re.sub(r"index-[0-9a-f]{8}\.sqlite3", "index-0d57571c.sqlite3", shown)


def test_json_reference_examples_are_what_the_commands_print(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(REPO)  # the examples name the fixture by its path in the repository
    cache = str(tmp_path / "cache")
    monkeypatch.setenv("FACTCLI_CACHE_DIR", cache)
    checkout = _edited_checkout(tmp_path / "checkout")
    text = DOC.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert {shlex.split(b["args"])[0] for b in blocks} == COMMANDS
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        updated = BLOCK.sub(
            lambda m: (
                f"```console\n$ {m['feed'] or ''}factcli {m['args']}\n"
                f"{_run(m['args'], m['input'], cache, checkout)}```"
            ),
            text,
        )
        DOC.write_text(updated, encoding="utf-8")
        pytest.skip("docs/json.md regenerated")
    for block in blocks:
        printed = _run(block["args"], block["input"], cache, checkout)
        assert printed == block["output"], f"factcli {block['args']}"


def test_json_reference_names_every_field_the_examples_show() -> None:
    text = DOC.read_text(encoding="utf-8")
    prose = BLOCK.sub("", text)
    shown: set[str] = set()

    def keys(value: object) -> None:
        if isinstance(value, dict):
            shown.update(value)
            for item in value.values():
                keys(item)
        elif isinstance(value, list):
            for item in value:
                keys(item)

    for block in BLOCK.finditer(text):
        documents = block["output"].splitlines() if block["input"] else [block["output"]]
        for document in documents:
            keys(json.loads(document))
    undocumented = sorted(k for k in shown if f"`{k}`" not in prose and f'"{k}"' not in prose)
    assert undocumented == []
