"""A terminal tool that behaves: options anywhere, facts found like git, info, help examples."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import COMMANDS, app, arrange
from factcli.commands.examples import EXAMPLES

from .conftest import ARCHIVE, FACTCLI, FACTS, MINI, need_archive

SHELL = ("|", "<", ">")


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        (["visits", "--no-pager"], ["--no-pager", "visits"]),
        (["-d", "x", "visits", "--json"], ["visits", "-d", "x", "--json"]),
        (
            ["--facts-dir=x", "--no-pager", "show", "a"],
            ["--no-pager", "show", "--facts-dir=x", "a"],
        ),
        (["search", "--", "--no-pager"], ["search", "--", "--no-pager"]),
        (["--version"], ["--version"]),
    ],
)
def test_options_go_where_click_expects_them(typed: list[str], parsed: list[str]) -> None:
    assert arrange(typed) == parsed


def test_global_options_before_or_after_the_command(runner: CliRunner) -> None:
    after = runner.invoke(app, ["visits", "--json", "--no-pager", "-d", str(MINI)])
    before = runner.invoke(app, ["--no-pager", "-d", str(MINI), "visits", "--json"])
    assert after.exit_code == before.exit_code == 0, (after.stderr, before.stderr)
    assert after.stdout == before.stdout
    assert [v["id"] for v in json.loads(after.stdout)] != [
        v["id"] for v in json.loads(runner.invoke(app, ["visits", "--json"]).stdout)
    ]


def test_the_installed_command_takes_options_after_the_command_name(tmp_path: Path) -> None:
    done = subprocess.run(
        [FACTCLI, "-d", str(MINI), "visits", "--no-pager", "--format", "csv", "--fields", "id"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "id"


def test_facts_are_found_like_git_from_the_current_folder_or_above(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project / "facts")
    deep = project / "notes" / "drafts"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    found = json.loads(runner.invoke(app, ["info", "--json"]).stdout)
    assert found["facts_dir"] == str((project / "facts").resolve())
    assert found["found_by"].startswith("the nearest folder holding sources.toml")
    assert found["counts"]["visits"] == len(
        json.loads(runner.invoke(app, ["visits", "--json", "-d", str(MINI)]).stdout)
    )
    mini_ids = runner.invoke(app, ["visits", "--json"]).stdout
    assert mini_ids == runner.invoke(app, ["visits", "--json", "-d", str(MINI)]).stdout
    # Without a facts/ folder above, the bundled base answers.
    monkeypatch.chdir(tmp_path)
    bundled = json.loads(runner.invoke(app, ["info", "--json"]).stdout)
    assert bundled["found_by"] == "bundled with factcli" and bundled["bundled"]
    named = json.loads(runner.invoke(app, ["info", "--json", "-d", str(FACTS)]).stdout)
    assert named["found_by"] == "named by --facts-dir"


def test_info_says_which_base_how_much_and_where_the_index_is(runner: CliRunner) -> None:
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0, result.stderr
    for label in ("Fact base:", "Found as:", "Visits:", "Sources:", "Claims:", "Index:"):
        assert label in result.stdout
    data = json.loads(runner.invoke(app, ["info", "--json"]).stdout)
    assert data["counts"]["visits"] == 3 and data["counts"]["sources"] == 5
    assert data["index"] and data["index"].endswith(".sqlite3")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_help_ends_with_real_examples(runner: CliRunner, command: str) -> None:
    help_text = runner.invoke(app, [command, "--help"]).stdout.rstrip()
    examples = EXAMPLES[command]
    assert 2 <= len(examples) <= 3
    tail = [line.strip() for line in help_text.splitlines()[-len(examples) :]]
    assert tail == list(examples)


def _example_folder(tmp_path: Path) -> Path:
    """A folder as the examples assume: the articles under sources/, a git history of facts."""
    (tmp_path / "sources").symlink_to(ARCHIVE.resolve())
    (tmp_path / "lookups.txt").write_text("visits\nperson shoigu\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "example",
    [e for name in sorted(EXAMPLES) for e in EXAMPLES[name] if name != "diff"],
)
def test_every_help_example_runs(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str
) -> None:
    need_archive()
    monkeypatch.chdir(_example_folder(tmp_path))
    monkeypatch.delenv("FACTCLI_ARCHIVE", raising=False)
    if any(mark in shlex.split(example) for mark in SHELL):
        env = {**os.environ, "PATH": f"{Path(FACTCLI).parent}{os.pathsep}{os.environ['PATH']}"}
        done = subprocess.run(["bash", "-c", example], capture_output=True, text=True, env=env)
        code, stderr = done.returncode, done.stderr
    else:
        result = runner.invoke(app, shlex.split(example)[1:])
        code, stderr = result.exit_code, result.stderr
    # 1 is an answer too (coverage: some sentence uncovered); never a usage error or a crash.
    assert code in (0, 1), stderr
    assert "Traceback" not in stderr


def test_the_diff_examples_run_in_a_git_checkout(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(MINI, tmp_path / "facts")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "one"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "two"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    for example in EXAMPLES["diff"]:
        result = runner.invoke(app, shlex.split(example)[1:])
        assert result.exit_code in (0, 1), (example, result.stderr)
