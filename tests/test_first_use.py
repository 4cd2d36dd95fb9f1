"""What a new user meets first: misspelt names, wrong folders, empty questions, set-up."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from factcli.cli import app

MISSPELT = "Min Aung Hliang"
SUGGESTION = f"factcli: no person matching '{MISSPELT}'; did you mean Min Aung Hlaing?\n"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("index", ["on", "off"])
@pytest.mark.parametrize(
    "args",
    [
        ["person", MISSPELT],
        ["visits", "--person", MISSPELT],
        ["timeline", "--person", MISSPELT],
    ],
    ids=" ".join,
)
def test_a_misspelt_person_is_answered_alike_everywhere(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], index: str
) -> None:
    monkeypatch.setenv("FACTCLI_INDEX", index)
    assert invoke(runner, *args) == (1, "", SUGGESTION)


def test_meetings_suggests_people_and_organisations(runner: CliRunner) -> None:
    assert invoke(runner, "meetings", "--person", MISSPELT) == (
        1,
        "",
        f"factcli: no person or organisation matching '{MISSPELT}'; "
        "did you mean Min Aung Hlaing?\n",
    )


def test_a_misspelt_org_filter_names_the_closest(runner: CliRunner) -> None:
    assert invoke(runner, "visits", "--org", "Rosobornexport") == (
        1,
        "",
        "factcli: no organisation matching 'Rosobornexport'; "
        "did you mean Rosoboronexport, Rosatom?\n",
    )


def test_a_name_close_to_none_still_just_matches_nothing(runner: CliRunner) -> None:
    assert invoke(runner, "visits", "--person", "Zelensky") == (
        1,
        "",
        "factcli: no visit matches those filters\n",
    )


def test_a_right_name_still_filters(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "visits", "--person", "shoigu", "--fields", "id", "-f", "csv")
    assert (code, out, err) == (0, "id\n2021-06-moscow\n", "")
