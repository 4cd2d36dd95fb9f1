"""One honest line per problem: arguments escaped, long values shortened, no cascades.

A newline in an argument or a path must not let a message forge a second
"factcli: ..." line; a huge key name is shortened; batch says which setting
named its folder; one bad entry of a list gives one error, at its own line,
and its neighbours stay loaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import FACTCLI, MINI

FORGED = "\nfactcli: forged"


def run(args: list[str], **extra: str) -> subprocess.CompletedProcess[str]:
    """The installed command, to the end; a hang fails the test."""
    env = {**os.environ, **extra}
    return subprocess.run(
        [FACTCLI, *args], capture_output=True, text=True, timeout=60, env=env, stdin=None
    )


@pytest.mark.parametrize(
    "args",
    [
        ["visits", "-d", f"/nowhere{FORGED}"],
        ["export", "-f", "json", "-d", str(MINI), "-o", f"/nowhere{FORGED}/out.json"],
        ["quote", "springfield", "-d", str(MINI), "--archive", f"/nowhere{FORGED}"],
        ["diff", f"HEAD{FORGED}", "-d", str(MINI)],
    ],
    ids=["facts-dir", "output", "archive", "revision"],
)
def test_a_newline_in_an_argument_cannot_forge_a_line(args: list[str]) -> None:
    done = run(args)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert not any(line.startswith("factcli: forged") for line in done.stderr.splitlines())
    assert "forged" in done.stderr  # the argument is quoted, escaped


def test_a_huge_key_name_is_shortened(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "facts"
    shutil.copytree(MINI, root)
    key = "k" * 900_000
    (root / "huge.toml").write_text(f'[[orgs]]\nid = "h"\nname = "H"\n{key} = 1\n', "utf-8")
    result = runner.invoke(app, ["validate", "-d", str(root)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert all(len(line) < 2000 for line in lines)
    assert any("characters left out" in line and "unknown key" in line for line in lines)


@pytest.mark.parametrize("by_env", [False, True])
def test_batch_says_which_setting_named_its_folder(tmp_path: Path, by_env: bool) -> None:
    missing = tmp_path / "missing"
    args, env = (["batch"], {"FACTCLI_FACTS_DIR": str(missing)})
    if not by_env:
        args, env = (["batch", "-d", str(missing)], {})
    done = subprocess.run(
        [FACTCLI, *args],
        input="visits\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    (answer,) = [json.loads(line) for line in done.stdout.splitlines()]
    setting = "FACTCLI_FACTS_DIR" if by_env else "--facts-dir"
    assert answer["error"] == f"{missing}: facts directory does not exist (named by {setting})"


@pytest.fixture
def one_bad_source(tmp_path: Path) -> Path:
    """The mini base whose first source lacks its publisher, with a duplicate of the second."""
    root = tmp_path / "facts"
    shutil.copytree(MINI, root)
    sources = root / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    second = text[text.index("[[sources]]", 1) :]
    sources.write_text(
        text.replace('publisher = "Alpha Daily"\n', "", 1) + "\n" + second, encoding="utf-8"
    )
    return root


def test_one_bad_entry_is_one_error_at_its_line(runner: CliRunner, one_bad_source: Path) -> None:
    for env in ({}, {"FACTCLI_INDEX": "off"}):
        result = runner.invoke(app, ["validate", "-d", str(one_bad_source)], env=env)
        assert result.exit_code == 1
        path = one_bad_source / "sources.toml"
        assert result.stderr == (
            f"{path}:1: sources[0].publisher: missing required key\n"
            f"{path}:19: sources[2].id: duplicate source id 'beta' (also in this file)\n"
            "factcli: 2 problems in the fact base\n"
        )


def test_the_good_entries_beside_a_bad_one_stay_loaded(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "facts"
    shutil.copytree(MINI, root)
    sources = root / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace('publisher = "Beta Weekly"\n', "", 1), encoding="utf-8")
    for env in ({}, {"FACTCLI_INDEX": "off"}):
        result = runner.invoke(
            app, ["sources", "--json", "--skip-invalid", "-d", str(root)], env=env
        )
        assert result.exit_code == 0
        assert [s["id"] for s in json.loads(result.stdout)] == ["alpha"]
        # beta's citations are not each reported as citing an unknown source
        assert (
            result.stderr == f"skipped: {sources}:9: sources[1].publisher: missing required key\n"
        )
