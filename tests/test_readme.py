"""The README's tour is tested: every ``console`` example must print what the README shows.

Regenerate the shown output after a deliberate change with
``FACTCLI_UPDATE_DOCS=1 python -m pytest tests/test_readme.py``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.format import json_schema

from .conftest import REPO

README = REPO / "README.md"
SCHEMA_FILE = REPO / "docs" / "fact-file.schema.json"
BLOCK = re.compile(r"```console\n\$ factcli (?P<args>[^\n]*)\n(?P<output>.*?)```", re.S)


def _run(args: str) -> str:
    result = CliRunner().invoke(app, shlex.split(args))
    assert result.exit_code in (0, 1), result.stderr
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def test_readme_examples_print_what_they_show() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= 8
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        updated = BLOCK.sub(
            lambda m: f"```console\n$ factcli {m['args']}\n{_run(m['args'])}```", text
        )
        README.write_text(updated, encoding="utf-8")
        pytest.skip("README regenerated")
    for block in blocks:
        assert _run(block["args"]) == block["output"], f"factcli {block['args']}"


def test_committed_schema_matches_factcli_schema() -> None:
    expected = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        SCHEMA_FILE.write_text(expected, encoding="utf-8")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected


def test_format_doc_example_is_a_valid_fact_file(tmp_path: Path) -> None:
    from factcli.model.loader import load_directory
    from factcli.query.quotes import verify_quotes

    from .conftest import MINI_ARCHIVE

    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    example = text.split("## A complete example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.toml").write_text(example, encoding="utf-8")
    result = load_directory(tmp_path)
    assert [str(p) for p in result.problems] == []
    assert verify_quotes(result.facts, MINI_ARCHIVE).failures == ()
