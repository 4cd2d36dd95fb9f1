"""docs/json.md is tested: each command's JSON example is what the command prints.

Regenerate the examples after a deliberate change with
``FACTCLI_UPDATE_DOCS=1 python -m pytest tests/test_json_docs.py``.
"""

from __future__ import annotations

import json
import os
import re
import shlex

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import REPO

DOC = REPO / "docs" / "json.md"
BLOCK = re.compile(r"```console\n\$ factcli (?P<args>[^\n]*)\n(?P<output>.*?)```", re.S)
#: Every query command with a JSON form has an example.
COMMANDS = {
    "visits", "show", "person", "org", "search", "timeline", "meetings", "sources", "conflicts",
    "validate", "verify-quotes", "quote",
}  # fmt: skip


def _run(args: str) -> str:
    result = CliRunner().invoke(app, shlex.split(args))
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)  # a valid document
    return result.stdout


def test_json_reference_examples_are_what_the_commands_print(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)  # the examples name the fixture by its path in the repository
    text = DOC.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert {shlex.split(b["args"])[0] for b in blocks} == COMMANDS
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        updated = BLOCK.sub(
            lambda m: f"```console\n$ factcli {m['args']}\n{_run(m['args'])}```", text
        )
        DOC.write_text(updated, encoding="utf-8")
        pytest.skip("docs/json.md regenerated")
    for block in blocks:
        assert _run(block["args"]) == block["output"], f"factcli {block['args']}"


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
        keys(json.loads(block["output"]))
    undocumented = sorted(k for k in shown if f"`{k}`" not in prose and f'"{k}"' not in prose)
    assert undocumented == []
