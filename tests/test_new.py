"""``factcli new``: templates that fail validation until filled in, then pass."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import tomli
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.format import json_schema

#: What a researcher would type into each empty value of the templates.
FILLED = {
    "start": "2030-01-05",
    "date": "2030-01-05",
    "published": "2030-01-06",
    "language": "en",
    "who": "jane-roe",
    "visitor": "jane-roe",
    "participants": "jane-roe",
    "source": "daily-example",
    "quote": "Jane Roe arrived in Paris",
    "kind": "summit",
}


def fill(text: str) -> str:
    """Every "" replaced with a value fitting its key."""

    def value_for(line: str) -> str:
        def replace(match: re.Match[str]) -> str:
            keys = re.findall(r"(\w+)\s*=\s*\[?\s*$", line[: match.start()])
            key = keys[-1] if keys else ""
            return f'"{FILLED.get(key, "Some text")}"'

        return re.sub(r'""', replace, line)

    return "\n".join(value_for(line) for line in text.splitlines()) + "\n"


def new(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["new", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "facts" / "visits").mkdir(parents=True)
    return tmp_path / "facts"


def test_templates_fail_validation_until_filled_then_pass(runner: CliRunner, folder: Path) -> None:
    made = {
        "visit": folder / "visits" / "2030-01-paris.toml",
        "event": folder / "summit.toml",
        "source": folder / "sources.toml",
        "person": folder / "people.toml",
    }
    ids = {"visit": "2030-01-paris", "event": "paris-summit", "source": "daily-example"}
    ids["person"] = "jane-roe"
    for kind, target in made.items():
        assert new(runner, kind, ids[kind], "-o", str(target)) == (0, "", f"wrote {target}\n")
    result = runner.invoke(app, ["validate", "-d", str(folder)])
    assert result.exit_code == 1
    assert f"{made['visit']}:7: visit.visitor: must not be empty" in result.stderr
    assert f"{made['visit']}:8: visit.title: must not be empty" in result.stderr
    assert f"{made['source']}:6: sources[0].publisher: must not be empty" in result.stderr
    for target in made.values():
        target.write_text(fill(target.read_text(encoding="utf-8")), encoding="utf-8")
        jsonschema.validate(tomli.loads(target.read_text(encoding="utf-8")), json_schema())
    result = runner.invoke(app, ["validate", "-d", str(folder)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert "1 visit, 1 event, 1 source, 1 person or organisation" in result.stdout


def test_new_never_overwrites(runner: CliRunner, folder: Path) -> None:
    target = folder / "org.toml"
    target.write_text("# mine\n", encoding="utf-8")
    code, out, err = new(runner, "org", "acme", "-o", str(target))
    assert (code, out, err) == (1, "", f"factcli: {target}: already exists; not overwritten\n")
    assert target.read_text(encoding="utf-8") == "# mine\n"


def test_the_schema_line_points_at_the_nearest_schema(runner: CliRunner, folder: Path) -> None:
    docs = folder.parent / "docs"
    docs.mkdir()
    (docs / "fact-file.schema.json").write_text("{}", encoding="utf-8")
    target = folder / "visits" / "2030-02-rome.toml"
    new(runner, "visit", "2030-02-rome", "-o", str(target))
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ../../docs/fact-file.schema.json"


def test_without_a_schema_nearby_the_template_says_how_to_get_one(
    runner: CliRunner, folder: Path
) -> None:
    target = folder / "acme.toml"
    new(runner, "org", "acme", "-o", str(target))
    assert "factcli schema > fact-file.schema.json" in target.read_text(encoding="utf-8")


def test_an_invalid_id_is_a_usage_error(runner: CliRunner, folder: Path) -> None:
    code, out, err = new(runner, "visit", "Paris 2030", "-o", str(folder / "x.toml"))
    assert (code, out) == (2, "")
    assert "not a valid id" in err
    assert not (folder / "x.toml").exists()
