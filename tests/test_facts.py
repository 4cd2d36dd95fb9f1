"""The shipped fact base: valid, every quote verbatim, and the questions users ask answered."""

from __future__ import annotations

import pytest

from factcli.model.records import FactBase
from factcli.query import entities, overview, search, visits
from factcli.query.quotes import verify_quotes

from .conftest import ARCHIVE


def test_every_quote_is_verbatim_in_the_archive(shipped: FactBase) -> None:
    if not ARCHIVE.is_dir():
        pytest.fail(f"the quote archive {ARCHIVE} is missing: set FACTCLI_ARCHIVE")
    report = verify_quotes(shipped, ARCHIVE)
    assert report.checked > 200
    assert [f"{f.owner_id} {f.where}: {f.text[:60]}" for f in report.failures] == []


def test_every_source_names_its_archive_file(shipped: FactBase) -> None:
    assert sorted(s.archive or "" for s in shipped.sources.values()) == sorted(
        p.name for p in ARCHIVE.glob("*.txt")
    )


def test_july_2022_delegation(shipped: FactBase) -> None:
    visit = shipped.visits["2022-07-moscow"]
    members = [(shipped.name_of(d.who), d.rank, d.role) for d in visit.delegation]
    assert members[:5] == [
        ("Ye Win Oo", "Lt-Gen", "junta joint secretary"),
        ("Mahn Nyein Maung", None, "junta member"),
        ("Tun Aung", "Gen", "air force chief"),
        ("Myo Zaw Thein", "Lt-Gen", "adjutant-general"),
        ("Moe Kyaw", "Brig-Gen", "military attaché"),
    ]
    assert all(d.evidence.source_ids == ("myanmar-now-2022-07",) for d in visit.delegation)


def test_june_2021_meetings_by_day(shipped: FactBase) -> None:
    visit = shipped.visits["2021-06-moscow"]
    met = {shipped.name_of(c.who): c.date.value.text for c in visit.counterparts if c.date}
    assert met == {"Nikolai Patrushev": "2021-06-21", "Sergei Shoigu": "2021-06-22"}
    shoigu = next(c for c in visit.counterparts if c.who == "sergei-shoigu")
    assert shoigu.date is not None and shoigu.date.basis == "inferred"
    assert shoigu.date.as_stated == "On Tuesday"


def test_rosatom_memorandum_wording(shipped: FactBase) -> None:
    (mou,) = shipped.visits["2022-07-moscow"].agreements
    assert mou.wording is not None and mou.wording.startswith("cooperation in training and skills")
    assert "rosatom" in mou.parties


def test_lavrov_in_naypyidaw(shipped: FactBase) -> None:
    event = shipped.events["2022-08-lavrov-naypyidaw"]
    assert event.date.value.text == "2022-08" and event.date.as_stated == "in early August"
    assert [p.city for p in event.places] == ["Naypyidaw"]


def test_casualty_figures_disagree_and_are_attributed(shipped: FactBase) -> None:
    found = {c.point: c for c in overview.conflicts(shipped)}
    deaths = found["crackdown-deaths-june-2021"]
    assert sorted((n.value, n.evidence.source_ids) for _, n in deaths.claims) == [
        ("at least 877", ("rfa-2021-06-23",)),
        ("more than 860", ("warsaw-institute-2021-06-24",)),
    ]


@pytest.mark.parametrize(
    ("spelling", "entity_id"),
    [
        ("Anthony Blinken", "antony-blinken"),
        ("Antony Blinken", "antony-blinken"),
        ("Mi Aung Hlaing", "min-aung-hlaing"),
        ("Senior General Min Aung Hlaing", "min-aung-hlaing"),
        ("shoigu", "sergei-shoigu"),
        ("Sergey Lavrov", "sergey-lavrov"),
    ],
)
def test_every_spelling_resolves(shipped: FactBase, spelling: str, entity_id: str) -> None:
    assert entities.find_entity(shipped, spelling, None).id == entity_id


def test_both_blinken_spellings_stay_in_their_quotes(shipped: FactBase) -> None:
    blinken = shipped.entities["antony-blinken"]
    quotes = [c.quote for r in blinken.roles for c in r.evidence.cite]
    assert any("Anthony Blinken" in q for q in quotes) and any(
        "Antony Blinken" in q for q in quotes
    )


def test_visits_since_2022(shipped: FactBase) -> None:
    from datetime import date

    found = visits.filter_visits(shipped, visits.VisitFilter(since=date(2022, 1, 1)))
    assert [v.id for v in found] == ["2022-07-moscow", "2022-09-vladivostok"]


def test_search_finds_shoigu_meeting(shipped: FactBase) -> None:
    hits = search.search(shipped, "Shoigu", limit=50)
    assert any(
        h.record_id == "2021-06-moscow" and h.section.startswith("counterparts") for h in hits
    )
