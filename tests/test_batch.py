"""``factcli batch``: one command per input line, one JSON line per answer, in order."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import FACTCLI, MINI, REPO

LINES = [
    "show 2022-07-moscow",
    "show 2021-02-01-coup --fields id,title",
    "person Shoigu",
    "org Rosatom",
    'search "atomic energy" -n 3',
    "visits --year 2022",
    "timeline --since 2021-06",
    "sources --visit 2021-06-moscow",
    "conflicts",
]


def run_batch(runner: CliRunner, text: str, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = runner.invoke(app, ["batch", *args], input=text)
    return (
        result.exit_code,
        [json.loads(line) for line in result.stdout.splitlines()],
        result.stderr,
    )


def alone(runner: CliRunner, line: str) -> Any:
    result = runner.invoke(app, [*shlex.split(line), "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_each_line_answers_as_the_command_alone_would(runner: CliRunner) -> None:
    code, answers, stderr = run_batch(runner, "\n".join(LINES) + "\n")
    assert (code, stderr) == (0, "")
    assert [a["line"] for a in answers] == list(range(1, len(LINES) + 1))
    for line, answer in zip(LINES, answers, strict=True):
        assert answer["command"] == line
        assert (answer["ok"], answer["exit_code"]) == (True, 0)
        assert answer["result"] == alone(runner, line), line


def test_bad_lines_get_error_objects_and_the_batch_goes_on(runner: CliRunner) -> None:
    text = "\n".join(
        [
            "show 2030-01-nowhere",
            "",
            "# a comment, skipped like the blank line",
            "show --no-such-option",
            'search "unclosed',
            "export -f json",
            "frobnicate",
            "person Shoigu --fields id",
        ]
    )
    code, answers, stderr = run_batch(runner, text)
    assert code == 1 and stderr == ""
    assert [(a["line"], a["ok"], a["exit_code"]) for a in answers] == [
        (1, False, 1),
        (4, False, 2),
        (5, False, 2),
        (6, False, 2),
        (7, False, 2),
        (8, True, 0),
    ]
    assert answers[0]["error"].startswith("no visit or event with id '2030-01-nowhere'")
    assert answers[1]["error"] == "No such option: --no-such-option"
    assert answers[2]["error"] == "cannot split the line: No closing quotation"
    assert answers[3]["error"].startswith("'export' cannot run in a batch; a batch runs conflicts,")
    assert answers[4]["error"].startswith("no such command 'frobnicate'")
    assert answers[5]["result"] == {"id": "sergei-shoigu"}
    assert all("result" not in a for a in answers[:5])


def test_an_error_line_is_exactly_this(runner: CliRunner) -> None:
    result = runner.invoke(app, ["batch"], input="visits --year 1900\n")
    assert result.exit_code == 1
    assert result.stdout == (
        '{"line": 1, "command": "visits --year 1900", "ok": false, "exit_code": 1, '
        '"result": [], "error": "no visit matches those filters"}\n'  # an empty list is a result
    )


def test_empty_input_prints_nothing_and_succeeds(runner: CliRunner) -> None:
    assert run_batch(runner, "") == (0, [], "")


def test_json_is_implied_and_another_format_is_an_error_on_its_line(runner: CliRunner) -> None:
    text = "sources --format json\nfactcli sources --json\nsources --format csv\n"
    code, answers, _ = run_batch(runner, text)
    assert code == 1
    assert answers[0]["result"] == answers[1]["result"] == alone(runner, "sources")
    assert (answers[2]["exit_code"], answers[2]["error"]) == (
        2,
        "--format csv: a batch answers in JSON only; leave --format out",
    )


def test_facts_dir_is_the_default_for_lines_that_name_none(runner: CliRunner) -> None:
    text = f"visits --fields id\nvisits --fields id -d {REPO / 'facts'}\n"
    code, answers, _ = run_batch(runner, text, "-d", str(MINI))
    assert code == 0
    assert answers[0]["result"] == alone(runner, f"visits --fields id -d {MINI}")
    assert answers[1]["result"] == alone(runner, "visits --fields id")
    assert answers[0]["result"] != answers[1]["result"]
    assert "FACTCLI_FACTS_DIR" not in os.environ  # put back as it was


def test_the_fact_base_is_checked_for_changes_once_per_batch(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcli.index import opening

    opened: list[Path] = []
    real = opening.open_index

    def counting(root: Path) -> Any:
        opened.append(root)
        return real(root)

    monkeypatch.setattr(opening, "open_index", counting)
    code, answers, _ = run_batch(runner, "\n".join(LINES * 3))
    assert code == 0 and len(answers) == 3 * len(LINES)
    assert len(opened) == 1


def test_the_readme_example_prints_what_it_shows(tmp_path: Path) -> None:
    """End to end: the installed command, fed through a pipe as the guide shows."""
    readme = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ (printf [^\n]*\| factcli batch)\n(.*?)```", readme, re.S)
    assert block is not None
    command, shown = block.groups()
    env = {k: v for k, v in os.environ.items() if k != "FACTCLI_FACTS_DIR"}
    env["PATH"] = f"{Path(FACTCLI).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        command, shell=True, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60
    )
    exit_line = "$ echo $?\n"
    assert exit_line in shown
    output, code = shown.split(exit_line)
    assert (result.stdout, result.stderr) == (output, "")
    assert result.returncode == int(code)


@pytest.mark.parametrize("kept", [0, 3, 10_000])
def test_answers_stay_right_however_many_built_records_the_index_keeps(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, kept: int
) -> None:
    from factcli.index import indexed

    expected = [alone(runner, line) for line in LINES]
    monkeypatch.setattr(indexed, "_KEEP_BUILT", kept)
    code, answers, _ = run_batch(runner, "\n".join(LINES * 2))
    assert code == 0
    assert [a["result"] for a in answers] == expected * 2
