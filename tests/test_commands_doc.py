"""docs/commands.md is every command's own ``--help``, and must stay in step with it.

Regenerate it after a change to a command's options or help with
``FACTCLI_UPDATE_DOCS=1 python -m pytest tests/test_commands_doc.py``.
"""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from factcli.cli import COMMANDS, app

from .conftest import REPO

DOC = REPO / "docs" / "commands.md"

INTRO = """\
# factcli commands

Every command's `--help`, as `factcli COMMAND --help` prints it at 80
columns. This page is generated from the commands themselves and a test
checks that it is in step with them: after a change to a command's options
or help, regenerate it with
`FACTCLI_UPDATE_DOCS=1 python -m pytest tests/test_commands_doc.py`.
The [guide](guide.md) shows the commands at work, with real output, and
[json.md](json.md) documents their JSON.

"""


def _help(args: list[str]) -> str:
    """What ``factcli ARGS --help`` prints, without trailing spaces."""
    result = CliRunner().invoke(app, [*args, "--help"], prog_name="factcli")
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()).strip("\n") + "\n"


def _summary(help_text: str) -> str:
    """The first sentence of a command's help: the paragraph after its usage line."""
    paragraph = help_text.split("\n\n", 2)[1]
    return " ".join(paragraph.split())


def commands_doc() -> str:
    """docs/commands.md as the commands' help makes it today."""
    helps = {name: _help([name]) for name in COMMANDS}
    contents = "".join(
        f"- [`factcli {name}`](#factcli-{name}): {_summary(text)}\n" for name, text in helps.items()
    )
    sections = [f"## factcli\n\n```text\n{_help([])}```\n"]
    sections += [f"## factcli {name}\n\n```text\n{text}```\n" for name, text in helps.items()]
    return INTRO + contents + "\n" + "\n".join(sections)


def test_commands_doc_is_every_commands_help() -> None:
    expected = commands_doc()
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        DOC.write_text(expected, encoding="utf-8")
        pytest.skip("docs/commands.md regenerated")
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/commands.md is out of step with the commands' --help; regenerate it with "
        "FACTCLI_UPDATE_DOCS=1 python -m pytest tests/test_commands_doc.py"
    )


def test_every_command_has_its_own_test_file() -> None:
    """A newcomer finds a command's tests at tests/commands/test_<command>.py."""
    from factcli.cli import COMMANDS

    folder = REPO / "tests" / "commands"
    missing = [n for n in COMMANDS if not (folder / f"test_{n.replace('-', '_')}.py").is_file()]
    assert missing == []
