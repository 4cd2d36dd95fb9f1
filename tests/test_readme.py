"""The README's and the guide's tours are tested: every ``console`` example prints what it shows.

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
GUIDE = REPO / "docs" / "guide.md"
SCHEMA_FILE = REPO / "docs" / "fact-file.schema.json"
BLOCK = re.compile(r"```console\n\$ factcli (?P<args>[^\n]*)\n(?P<output>.*?)```", re.S)


def _run(args: str) -> str:
    result = CliRunner().invoke(app, shlex.split(args))
    assert result.exit_code in (0, 1), result.stderr
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


@pytest.mark.parametrize(("doc", "least"), [(README, 3), (GUIDE, 12)], ids=["README", "guide"])
def test_tour_examples_print_what_they_show(doc: Path, least: int) -> None:
    text = doc.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= least
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        updated = BLOCK.sub(
            lambda m: f"```console\n$ factcli {m['args']}\n{_run(m['args'])}```", text
        )
        doc.write_text(updated, encoding="utf-8")
        pytest.skip(f"{doc.name} regenerated")
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


WALK_BLOCK = re.compile(r"```(?P<lang>shell-session|toml)\n(?P<body>.*?)```", re.S)


def _walk_steps(body: str) -> list[tuple[str, str]]:
    """Each ``$ factcli ...`` line of a shell-session block, with the output shown under it."""
    steps: list[tuple[str, str]] = []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ factcli "):
            steps.append((line[len("$ factcli ") :].strip(), ""))
        else:
            steps[-1] = (steps[-1][0], steps[-1][1] + line)
    return steps


def _readme_section(text: str, heading: str) -> str:
    """From ``heading`` to the next heading of its level, headings inside code blocks aside."""
    lines = text[text.index(f"{heading}\n") :].splitlines(keepends=True)
    kept, fenced = [lines[0]], False
    for line in lines[1:]:
        fenced ^= line.startswith("```")
        if not fenced and line.startswith("## "):
            break
        kept.append(line)
    return "".join(kept)


@pytest.mark.usefixtures("archive")
def test_adding_a_fact_walkthrough_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guide's "Adding a fact", step by step, in a scratch git clone of the facts."""
    import shutil
    import subprocess

    from .conftest import ARCHIVE, FACTS

    text = GUIDE.read_text(encoding="utf-8")
    section = _readme_section(text, "## Adding a fact")
    clone = tmp_path / "factcli"
    shutil.copytree(FACTS, clone / "facts")
    shutil.copytree(REPO / "docs", clone / "docs")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "sources").symlink_to(ARCHIVE.resolve())
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "facts"]):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *command],
            cwd=clone,
            check=True,
            capture_output=True,
        )
    monkeypatch.chdir(clone)
    written: Path | None = None
    ran: list[str] = []
    updated = section
    for block in WALK_BLOCK.finditer(section):
        if block["lang"] == "toml":
            assert written is not None, "a toml block must follow 'factcli new ... -o FILE'"
            written.write_text(block["body"], encoding="utf-8")
            continue
        shown = []
        for args, expected in _walk_steps(block["body"]):
            argv = shlex.split(args)
            ran.append(argv[0])
            result = CliRunner().invoke(app, argv)
            assert result.exit_code == 0, (args, result.stderr)
            if argv[0] == "new":
                written = clone / argv[argv.index("-o") + 1]
                assert written.is_file()
            output = "\n".join(line.rstrip() for line in result.stdout.splitlines())
            output += "\n" if output else ""
            shown.append(f"$ factcli {args}\n{output}")
            if not os.environ.get("FACTCLI_UPDATE_DOCS"):
                assert output == expected, f"factcli {args}"
        updated = updated.replace(block["body"], "".join(shown), 1)
    assert ran == ["new", "quote", "validate", "verify-quotes", "diff"]
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        GUIDE.write_text(text.replace(section, updated), encoding="utf-8")


def test_setup_commands_make_their_own_venv_and_ci_runs_the_test_one() -> None:
    """Each set-up command works as printed in a new shell with only python3 and pip."""
    setup = _readme_section(README.read_text(encoding="utf-8"), "## Set-up")
    commands = re.findall(r"```bash\n(.*?)\n```", setup, re.S)
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert commands == [
        venv + "python -m pip install . && factcli visits",
        venv + 'python -m pip install ".[test]" && python -m pytest',
    ]
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci_lines[-1] == commands[1]
