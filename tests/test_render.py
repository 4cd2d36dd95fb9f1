"""Renderers on a fixed Report: exact output in every format, and hostile text kept harmless."""

from __future__ import annotations

import io
import json

import pytest

from factcli.render.formats import OutputFormat, render
from factcli.render.report import Cell, Report, Section


def _report() -> Report:
    section = Section("People", ["Name", "Role"])
    section.rows = [
        ["Ye Win Oo", "junta joint secretary"],
        [Cell("=cmd|' /C calc'!A0", ((0, 4),)), "x"],
    ]
    return Report(
        data=[{"name": "Ye Win Oo", "n": 1}, {"name": "=cmd|' /C calc'!A0", "n": 2}],
        records=[{"name": "Ye Win Oo", "n": 1}, {"name": "=cmd|' /C calc'!A0", "n": 2}],
        sections=[section],
        title="Two people",
        header=[("Visit", "Test")],
        notes=["†1 inferred: a reason"],
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
        "- **Visit:** Test\n\n"
        "## People\n\n"
        "| Name | Role |\n"
        "|---|---|\n"
        "| Ye Win Oo | junta joint secretary |\n"
        "| =cmd\\|' /C calc'!A0 | x |\n\n"
        "- †1 inferred: a reason\n"
    )


def test_table_exact() -> None:
    lines = [line.rstrip() for line in _render(_report(), OutputFormat.table).splitlines()]
    assert lines == [
        "Visit: Test",
        "",
        "People",
        "Name               Role",
        "────────────────────────────────────────",
        "Ye Win Oo          junta joint secretary",
        "=cmd|' /C calc'!A0 x",
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
