"""Renderers on a fixed Report: exact output in every format, and hostile text kept harmless."""

from __future__ import annotations

import io
import json

import pytest

from factcli.render.formats import OutputFormat, render
from factcli.render.report import Cell, InferenceNote, Marks, Report, Section, SourceNote


def _report() -> Report:
    section = Section("People", ["Name", "Role", "Src"])
    section.rows = [
        ["Ye Win Oo", "junta joint secretary", Cell("", marks=Marks((1,)))],
        [Cell("=cmd|' /C calc'!A0", ((0, 4),)), "x", Cell("", marks=Marks((1, 2), (1,)))],
    ]
    return Report(
        data=[{"name": "Ye Win Oo", "n": 1}, {"name": "=cmd|' /C calc'!A0", "n": 2}],
        records=[{"name": "Ye Win Oo", "n": 1}, {"name": "=cmd|' /C calc'!A0", "n": 2}],
        sections=[section],
        title="Two people",
        header=[("Visit", "Test"), ("Start", Cell("2022-07", marks=Marks((2,), (1,))))],
        sources=[
            SourceNote(1, "mn", "Myanmar Now", None, "2022-07", "000_a.txt"),
            SourceNote(2, "aj", "Al Jazeera", "‘Friendly ties’", "2022-09"),
        ],
        inferences=[InferenceNote(1, "a reason")],
    )


def _render(report: Report, fmt: OutputFormat) -> str:
    out = io.StringIO()
    render(report, fmt, out)
    return out.getvalue()


def test_json_is_the_data_exactly() -> None:
    assert json.loads(_render(_report(), OutputFormat.json)) == _report().data


def test_jsonl_is_one_object_per_line() -> None:
    lines = _render(_report(), OutputFormat.jsonl).splitlines()
    assert [json.loads(line)["n"] for line in lines] == [1, 2]


def test_csv_has_header_and_neutralised_formulas() -> None:
    assert _render(_report(), OutputFormat.csv) == "name,n\nYe Win Oo,1\n'=cmd|' /C calc'!A0,2\n"


def test_markdown_exact() -> None:
    assert _render(_report(), OutputFormat.markdown) == (
        "# Two people\n\n"
        "- **Visit:** Test\n"
        "- **Start:** 2022-07 [^2] †1\n\n"
        "## People\n\n"
        "| Name | Role | Src |\n"
        "|---|---|---|\n"
        "| Ye Win Oo | junta joint secretary | [^1] |\n"
        "| =cmd\\|' /C calc'!A0 | x | [^1][^2] †1 |\n\n"
        "## Inferences\n\n"
        "- †1 inferred: a reason\n\n"
        "[^1]: Myanmar Now, (no headline), published 2022-07, archived text 000\\_a.txt.\n"
        "[^2]: Al Jazeera, “‘Friendly ties’”, published 2022-09.\n"
    )


def test_table_exact() -> None:
    lines = [line.rstrip() for line in _render(_report(), OutputFormat.table).splitlines()]
    assert lines == [
        "Visit: Test",
        "Start: 2022-07 [2]†1",
        "",
        "People",
        "Name               Role                  Src",
        "─" * 49,
        "Ye Win Oo          junta joint secretary [1]",
        "=cmd|' /C calc'!A0 x                     [1][2]†1",
        "",
        "Sources",
        "#   Publisher   Headline        Published",
        "─" * 41,
        "[1] Myanmar Now (no headline)   2022-07",
        "[2] Al Jazeera  ‘Friendly ties’ 2022-09",
        "",
        "†1 inferred: a reason",
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        "\x1b[2J\x1b[Hcleared",
        "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07",
        "\x1b]52;c;ZXZpbA==\x07",
        "\u202eevil\u202c",
        "\x9b31m",
        "[bold red]markup[/]",
        ":thumbs_up:",
        "[/b] unbalanced",
    ],
)
def test_hostile_text_is_shown_literally_never_executed(hostile: str) -> None:
    section = Section("T", ["Value"])
    section.rows = [[hostile]]
    report = Report({"v": hostile}, [{"v": hostile}], [section])
    table = _render(report, OutputFormat.table)
    assert "\x1b" not in table and "\x07" not in table and "\x9b" not in table
    assert "\u202e" not in table
    if hostile.isprintable():
        assert hostile in table  # markup and emoji codes printed as written
    assert json.loads(_render(report, OutputFormat.json)) == {"v": hostile}
    markdown = _render(report, OutputFormat.markdown)
    assert "\x1b" not in markdown and "\u202e" not in markdown
