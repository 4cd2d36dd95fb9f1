"""A second fact base, of another traveller: every view says who met whom, where, when, how sure.

tests/fixtures/rail is a president's week-long state visit by train through
several stops, from two wire reports (tests/fixtures/rail-archive): meetings
in different cities and one with no place, a planned, an expected and a
ruled-out claim, attributions and mentions. Every command runs on it in every
format against golden output (regenerate with ``FACTCLI_UPDATE_DOCS=1``), and
nothing of the bundled base may appear in any answer.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import FIXTURES

RAIL = FIXTURES / "rail"
RAIL_ARCHIVE = FIXTURES / "rail-archive"
GOLDEN = Path(__file__).resolve().parent / "golden" / "rail"

FORMATS = ("table", "json", "jsonl", "csv", "markdown")
QUERIES = {
    "visits": ["visits"],
    "show": ["show", "2024-05-westmark"],
    "person-dron": ["person", "Pavel Drone"],
    "person-varga": ["person", "varga"],
    "person-wolk": ["person", "hana wolk"],
    "org-westmark-rail": ["org", "westmark rail"],
    "org-state-radio": ["org", "state radio"],
    "meetings": ["meetings"],
    "meetings-planned": ["meetings", "--status", "planned", "--status", "ruled out"],
    "timeline": ["timeline"],
    "search-freight": ["search", "freight"],
    "sources": ["sources"],
}

#: Words of the bundled base that must never reach an answer about another base.
BUNDLED_WORDS = ("Min Aung Hlaing", "Myanmar", "Moscow", "Russia", "junta", "regime")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """factcli on the rail base, as a user in another folder would run it."""
    result = runner.invoke(app, ["--facts-dir", str(RAIL), *args])
    return result.exit_code, result.stdout, result.stderr


def golden(name: str, text: str) -> None:
    """``text`` is the golden output ``name`` (written anew under FACTCLI_UPDATE_DOCS)."""
    path = GOLDEN / name
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden/rail"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(QUERIES))
def test_every_view_of_another_base(runner: CliRunner, name: str, fmt: str) -> None:
    code, out, err = run(runner, *QUERIES[name], "--format", fmt)
    assert (code, err) == (0, "")
    golden(f"{name}.{fmt}", out)
    for word in BUNDLED_WORDS:
        assert word.lower() not in out.lower(), f"{word!r} of the bundled base in {name}"


def test_meetings_name_the_visitor_and_each_meeting_s_own_place(runner: CliRunner) -> None:
    code, out, _ = run(runner, "meetings", "--json")
    rows = {row["met"][0]["id"]: row for row in json.loads(out)}
    assert code == 0
    assert {r["who"][0]["id"] for r in rows.values()} == {"ilse-varga"}
    assert (rows["pavel-dron"]["place"], rows["pavel-dron"]["country"]) == ("Ostburg", "Westmark")
    assert rows["chamber-of-commerce"]["place"] == "Lindau"
    # Held during the journey: no place of its own, none borrowed from the stops.
    assert (rows["mira-kos"]["place"], rows["mira-kos"]["city"]) == (None, None)
    assert rows["mira-kos"]["within"]["id"] == "2024-05-westmark"
    assert rows["mira-kos"]["according_to"] == "state-radio"
    status = {who: (row["status"], row["relation"]) for who, row in rows.items()}
    assert status["king-anselm"] == ("planned", "planned")
    assert status["hana-wolk"] == ("ruled out", "ruled out")
    assert status["pavel-dron"] == ("held", "met")


def test_meetings_status_filter(runner: CliRunner) -> None:
    code, out, _ = run(runner, "meetings", "--status", "ruled out", "--json")
    assert code == 0
    assert [row["text"] for row in json.loads(out)] == ["no meeting of Ilse Varga with Hana Wolk"]


def test_meetings_status_filter_refuses_an_unknown_status(runner: CliRunner) -> None:
    code, out, err = run(runner, "meetings", "--status", "maybe")
    assert (code, out) == (2, "")
    assert "maybe" in err


def test_counts_count_what_happened(runner: CliRunner) -> None:
    code, out, _ = run(runner, "visits", "--json")
    (visit,) = json.loads(out)
    assert code == 0
    assert visit["visitor"] == [{"id": "ilse-varga", "name": "Ilse Varga"}]
    # Tomas Reil is only "likely to join her": expected, not counted as travelling.
    assert (visit["delegation_size"], visit["delegation_expected"]) == (0, 1)


def test_the_route_is_the_places_in_file_order_with_their_own_dates(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "2024-05-westmark", "--json")
    places = json.loads(out)["places"]
    assert code == 0
    assert [(p["stop"], p["city"], p["date"]["edtf"]) for p in places] == [
        (1, "Ostburg", "2024-05-06"),
        (2, "Lindau", "2024-05-08"),
    ]


def test_a_mention_is_listed_on_the_mentioned_org_s_page(runner: CliRunner) -> None:
    code, out, _ = run(runner, "org", "westmark rail", "--json")
    (row,) = json.loads(out)["appearances"]
    assert code == 0
    assert (row["as"], row["section"], row["status"]) == ("mentioned", "agreements", "planned")


def test_a_registered_party_s_reports_are_on_its_own_page(runner: CliRunner) -> None:
    code, out, _ = run(runner, "org", "state radio", "--json")
    (row,) = json.loads(out)["appearances"]
    assert code == 0
    assert (row["as"], row["record_id"], row["according_to"]) == (
        "reported",
        "2024-05-westmark",
        "state-radio",
    )


def test_search_uses_no_synonyms_of_another_base(runner: CliRunner) -> None:
    code, out, err = run(runner, "search", "regime")
    assert (code, out) == (1, "")
    assert "nothing matches 'regime'" in err


def test_validate_and_verify_quotes(runner: CliRunner) -> None:
    assert run(runner, "validate")[0] == 0
    code, out, _ = run(runner, "verify-quotes", "--archive", str(RAIL_ARCHIVE))
    assert code == 0
    assert "0 not found" in out


def test_the_export_names_nothing_of_the_bundled_base(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "rail.json"
    code, _, _ = run(runner, "export", "--format", "json", "--output", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 0
    assert json.loads(text)["visits"][0]["visitor"][0]["id"] == "ilse-varga"
    for word in BUNDLED_WORDS:
        assert word not in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_report_of_another_base(runner: CliRunner, fmt: str) -> None:
    code, out, err = run(runner, "report", "--format", fmt)
    assert (code, err) == (0, "")
    golden(f"report.{fmt}", out)
    for word in BUNDLED_WORDS:
        assert word.lower() not in out.lower()


def test_no_disagreement_in_another_base_is_an_empty_answer(runner: CliRunner) -> None:
    code, out, err = run(runner, "conflicts", "--json")
    assert (code, out) == (1, "[]\n")
    assert err


def test_info_names_the_base_and_no_thesaurus_of_another(runner: CliRunner) -> None:
    code, out, _ = run(runner, "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert (info["bundled"], info["thesaurus"]) == (False, [])
    assert info["counts"]["visits"] == 1


def test_batch_lookups_on_another_base(runner: CliRunner) -> None:
    lines = 'person varga\nmeetings --status planned\norg "westmark rail"\n'
    result = runner.invoke(app, ["batch", "--facts-dir", str(RAIL)], input=lines)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert [a["exit_code"] for a in answers] == [0, 0, 0]
    for word in BUNDLED_WORDS:
        assert word not in result.stdout


def test_visits_rows_name_every_counterpart_and_how_sure(runner: CliRunner) -> None:
    code, out, _ = run(runner, "visits", "--json")
    (visit,) = json.loads(out)
    assert code == 0
    assert visit["counterparts_planned"] == ["King Anselm"]
    assert visit["counterparts_ruled_out"] == ["Hana Wolk"]
    assert visit["counterparts_expected"] == []
    table = runner.invoke(app, ["-d", str(RAIL), "visits"], env={"COLUMNS": "200"}).stdout
    assert "Pavel Dron, chamber of commerce, Mira Kos and 2 more" in table


def test_a_counterpart_s_page_says_with_whom(runner: CliRunner) -> None:
    code, out, _ = run(runner, "person", "hana wolk", "--json")
    (row,) = json.loads(out)["appearances"]
    assert code == 0
    assert (row["as"], row["detail"]) == ("counterpart", "was not to meet Ilse Varga")


def test_the_csv_export_says_who_says_so_where_and_how_sure(
    runner: CliRunner, tmp_path: Path
) -> None:
    import csv

    target = tmp_path / "rail.csv"
    assert run(runner, "export", "--format", "csv", "--output", str(target))[0] == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    king = next(r for r in rows if "King Anselm" in r["text"])
    assert (king["status"], king["place"], king["according_to"]) == (
        "planned",
        "Brenn",
        "the palace",
    )


def test_a_mistyped_id_gets_a_suggestion(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    base = tmp_path / "rail"
    shutil.copytree(RAIL, base)
    visit = base / "visits" / "2024-05-westmark.toml"
    text = visit.read_text(encoding="utf-8")
    text = text.replace('who = "pavel-dron"', 'who = "pavel-drom"', 1)
    text = text.replace('according_to = "state-radio"', 'according_to = "state-radoi"')
    visit.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", "-d", str(base)])
    assert result.exit_code == 1
    assert "unknown person or org 'pavel-drom' (did you mean 'pavel-dron'?)" in result.stderr
    assert "'state-radoi' is no registry id (did you mean 'state-radio'?)" in result.stderr
