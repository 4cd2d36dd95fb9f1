"""`factcli report` and the HTML and Markdown pages: citations that resolve, nothing fetched."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.records import FactBase
from factcli.render.formats import OutputFormat, render
from factcli.render.report import Cell, Marks, Report, Section, SourceNote
from factcli.render.views import document_report, show_report

from .conftest import MINI


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _html(report: Report) -> str:
    out = io.StringIO()
    render(report, OutputFormat.html, out)
    return out.getvalue()


def _markdown(report: Report) -> str:
    out = io.StringIO()
    render(report, OutputFormat.markdown, out)
    return out.getvalue()


def _links_resolve(page: str) -> tuple[set[str], set[str]]:
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r' id="([^"]+)"', page))
    return targets, ids


def test_every_citation_in_a_full_report_points_at_an_entry(shipped: FactBase) -> None:
    records = sorted(
        [*shipped.visits.values(), *shipped.events.values()], key=lambda r: r.dates.sort_key()
    )
    page = _html(document_report(shipped, records))
    targets, ids = _links_resolve(page)
    assert targets and targets <= ids
    cited = {int(n) for n in re.findall(r'href="#source-(\d+)"', page)}
    listed = {int(n) for n in re.findall(r'<li id="source-(\d+)"', page)}
    assert cited == listed == set(range(1, len(listed) + 1))
    assert len(listed) == len(shipped.sources)  # every shipped source is cited somewhere
    assert page.count("<article ") == len(records)


def test_markdown_footnotes_are_defined_once_and_all_used(shipped: FactBase) -> None:
    for visit in shipped.visits.values():
        page = _markdown(show_report(shipped, visit))
        defined = re.findall(r"^\[\^(\d+)\]: ", page, flags=re.MULTILINE)
        used = set(re.findall(r"\[\^(\d+)\](?!:)", page))
        assert sorted(defined, key=int) == sorted(used, key=int), visit.id
        assert len(defined) == len(set(defined))


def test_html_escapes_data_and_links_only_web_addresses() -> None:
    hostile = '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)">'
    section = Section("T", ["Value", "Src"])
    section.rows = [[hostile, Cell("", marks=Marks((1,), (), ((1, '"><script>x</script>'),)))]]
    report = Report(
        {},
        [],
        [section],
        title="</title><script>alert(1)</script>",
        header=[("Key", "<b>bold</b>")],
        sources=[
            SourceNote(1, "a", "A", None, "2022", url="javascript:alert(1)"),
            SourceNote(2, "b", "B", None, "2022", url="https://example.org/a?b=1&c=2"),
        ],
    )
    page = _html(report)
    assert "<img" not in page and "<script" not in page and "<b>" not in page
    assert "&lt;img src=&quot;http://127.0.0.1:9/x.png&quot;" in page
    assert 'href="javascript' not in page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_report_writes_a_file_and_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = invoke(runner, "report", "--output", str(target))
    assert (code, out) == (0, "") and f"wrote {target}" in err
    page = target.read_text(encoding="utf-8")
    assert (
        page.startswith("<!DOCTYPE html>")
        and "Visit to Moscow (“private”, per the Russian embassy)" in page
    )
    code, _, err = invoke(runner, "report", "--output", str(target))
    assert code == 1 and "already exists" in err
    assert invoke(runner, "report", "--output", str(target), "--force")[0] == 0


def test_report_of_one_visit_and_of_several(runner: CliRunner) -> None:
    code, one, _ = invoke(runner, "report", "--visit", "2022-07-moscow")
    assert (
        code == 0 and "<title>Visit to Moscow (“private”, per the Russian embassy)</title>" in one
    )
    assert "Moscow security conference" not in one
    code, two, _ = invoke(
        runner, "report", "--visit", "2021-06-moscow", "--visit", "2022-07-moscow"
    )
    assert code == 0 and two.count("<article ") == 2
    assert two.index("Moscow security conference") < two.index(
        "Visit to Moscow (“private”, per the Russian embassy)"
    )


def test_report_filters_like_timeline(runner: CliRunner) -> None:
    code, page, _ = invoke(runner, "report", "--year", "2021", "--format", "markdown")
    assert code == 0 and page.startswith("# Visits and related events")
    assert "## Moscow security conference" in page and "Vladivostok" not in page


def test_report_format_follows_a_markdown_file_name(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    assert invoke(runner, "report", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Visits and related events")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--visit", "2099-01-nowhere"], 1, "2099-01-nowhere"),
        (["--visit", "2022-07-moscow", "--year", "2022"], 2, "--visit"),
        (["--year", "1990"], 1, "no visit or event matches"),
        (["--format", "pdf"], 2, "pdf"),
    ],
)
def test_report_failures(runner: CliRunner, args: list[str], code: int, message: str) -> None:
    got, out, err = invoke(runner, "report", *args)
    assert got == code and out == "" and message in err


def test_report_refuses_to_overwrite_a_fact_file(runner: CliRunner, tmp_path: Path) -> None:
    base = tmp_path / "facts"
    shutil.copytree(MINI, base)
    victim = base / "sources.toml"
    before = victim.read_bytes()
    code, _, err = invoke(runner, "report", "-d", str(base), "-o", str(victim), "--force")
    assert code == 1 and "input fact files" in err
    assert victim.read_bytes() == before


def test_each_source_link_shows_only_its_own_quotes() -> None:
    section = Section("T", ["Value", "Src"])
    marks = Marks((1, 2), (1,), ((1, "from one"), (2, "from two"), (1, "also one")))
    section.rows = [["x", Cell("", marks=marks)]]
    page = _html(Report({}, [], [section], title="t"))
    assert '<a href="#source-1" title="“from one” “also one”">[1]</a>' in page
    assert '<a href="#source-2" title="“from two”">[2]</a>' in page
    assert '<a href="#note-1">†1</a>' in page
