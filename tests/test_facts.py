"""The shipped fact base: valid, every quote verbatim, and the questions users ask answered."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.claims import walk
from factcli.model.dates import value_words
from factcli.model.records import FactBase
from factcli.query import entities, search, visits
from factcli.query.conflicts import conflicts
from factcli.query.quotes import verify_quotes
from factcli.query.text import normalise_quote

from .conftest import ARCHIVE, FACTS


@pytest.mark.usefixtures("archive")
def test_every_quote_is_verbatim_in_the_archive(shipped: FactBase) -> None:
    report = verify_quotes(shipped, ARCHIVE)
    assert report.checked > 200
    assert [f"{f.owner_id} {f.where}: {f.text[:60]}" for f in report.failures] == []


@pytest.mark.usefixtures("archive")
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
    assert met == {"Sergei Shoigu": "2021-06-22"}
    # The Kremlin said he "would hold talks" with Patrushev and there would be no meeting
    # with Putin; the 21 June talks of "the Russian and Myanmarese officials" name neither.
    status = {
        shipped.name_of(c.who): (c.status, c.evidence.according_to) for c in visit.counterparts
    }
    assert status == {
        "Vladimir Putin": ("ruled out", "kremlin"),
        "Nikolai Patrushev": ("planned", "kremlin"),
        "Sergei Shoigu": ("held", None),
        "Russian officials": ("held", None),
    }
    shoigu = next(c for c in visit.counterparts if c.who == "sergei-shoigu")
    assert shoigu.date is not None and shoigu.date.basis == "inferred"
    assert shoigu.date.as_stated == "On Tuesday"


def test_rosatom_memorandum_wording(shipped: FactBase) -> None:
    (mou,) = shipped.visits["2022-07-moscow"].agreements
    assert mou.wording is not None and mou.wording.startswith("cooperation in training and skills")


def test_lavrov_in_naypyidaw(shipped: FactBase) -> None:
    event = shipped.events["2022-08-lavrov-naypyidaw"]
    assert event.date.value.text == "2022-08" and event.date.as_stated == "in early August"
    assert [p.city for p in event.places] == ["Naypyidaw"]


def test_casualty_figures_differ_are_attributed_and_can_both_be_true(shipped: FactBase) -> None:
    found = {c.point: c for c in conflicts(shipped)}
    deaths = found["crackdown-deaths-june-2021"]
    assert sorted((value_words(v.value), v.evidence.source_ids) for v in deaths.versions) == [
        ("at least 877", ("rfa-2021-06-23",)),
        ("more than 860", ("warsaw-institute-2021-06-24",)),
    ]
    assert deaths.verdict == "compatible"


def test_every_bounded_figure_is_a_number_with_its_bound(runner: CliRunner) -> None:
    found = {c["point"]: c for c in _json(runner, "conflicts")}
    comparable = {
        (c["value"], json.dumps(c["comparable"], sort_keys=True))
        for point in ("crackdown-deaths-june-2021", "crackdown-arrests-june-2021")
        for c in found[point]["claims"]
    }
    assert comparable == {
        ("at least 877", '{"bound": "at_least", "kind": "number", "number": 877}'),
        ("more than 860", '{"bound": "more_than", "kind": "number", "number": 860}'),
        ("more than 5,000", '{"bound": "more_than", "kind": "number", "number": 5000}'),
        ("thousands", '{"kind": "text", "text": "thousands"}'),
    }
    # "thousands" is words, not a figure: the point is a difference of wording.
    assert found["crackdown-arrests-june-2021"]["verdict"] == "wording"
    aljazeera = _json(runner, "show", "2022-09-vladivostok")["context"]
    (killed,) = [c for c in aljazeera if c["point"] == "crackdown-deaths-2022"]
    assert (killed["value"], killed["comparable"]["bound"]) == ("more than 2,200", "more_than")


def test_rfa_gives_the_shoigu_meeting_two_dates_that_contradict(runner: CliRunner) -> None:
    found = {c["point"]: c for c in _json(runner, "conflicts")}
    shoigu = found["2021-06-moscow/counterparts[2]/date"]
    assert shoigu["verdict"] == "contradict"
    assert shoigu["topic"] == "date of counterparts[2] (Sergei Shoigu)"
    # Each version is a date of its own: its date object, basis and citations are its own.
    assert [c["date"]["edtf"] for c in shoigu["claims"]] == ["2021-06-22", "2021-06-23"]
    rows = runner.invoke(app, ["conflicts", "--format", "csv"]).stdout
    dated = [r for r in csv.DictReader(io.StringIO(rows)) if r["point"] == shoigu["point"]]
    assert [(r["date"], r["basis"], r["value_kind"]) for r in dated] == [
        ("2021-06-22", "inferred", "date"),
        # The caption dates the honour-guard review: taken as the meeting's day, inferred.
        ("2021-06-23", "inferred", "date"),
    ]
    versions = [(c["value"], c["as_stated"], c["basis"], c["cite"]) for c in shoigu["claims"]]
    assert versions == [
        (
            "22 June 2021",
            "On Tuesday",
            "inferred",
            [
                {
                    "source": "rfa-2021-06-23",
                    "quote": "On Tuesday, the junta leader met with Russia’s Defense Minister"
                    " Sergei Shoigu",
                }
            ],
        ),
        (
            "23 June 2021",
            "June 23, 2021",
            "inferred",
            [
                {
                    "source": "rfa-2021-06-23",
                    "quote": "Russia’s Defense Minister Sergei Shoigu (L) and Commander-in-Chief"
                    " of Myanmar's Armed Forces Senior General Min Aung Hlaing (R) review an"
                    " honor guard in Moscow, June 23, 2021.",
                }
            ],
        ),
    ]


def test_show_gives_both_dates_of_the_shoigu_meeting(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "2021-06-moscow"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    (row,) = [line for line in lines if line.startswith("Sergei Shoigu ") and "Minister" in line]
    assert '22 June 2021* ("On Tuesday"); also given as 23 June 2021* ("June 23, 2021")' in row


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


# The second pass (issue 14): each finding of the audit, read through the CLI.


def _json(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _quotes(claim: dict[str, Any]) -> list[str]:
    return [c["quote"] for c in claim["cite"]]


def test_memorandum_names_no_parties_beyond_the_two_countries(runner: CliRunner) -> None:
    (mou,) = _json(runner, "show", "2022-07-moscow")["agreements"]
    assert mou["parties"] == []
    assert "“the two countries”" in mou["title"]
    assert "the two countries signed a Memorandum of Understanding" in _quotes(mou)[0]


def test_june_2021_commitment_names_no_parties_beyond_both_sides(runner: CliRunner) -> None:
    (commitment,) = _json(runner, "show", "2021-06-moscow")["agreements"]
    assert commitment["parties"] == []
    assert "“both sides”" in commitment["title"]


def test_kaluga_ceremony_lists_only_the_attendee_the_article_names(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2022-07-moscow")
    (ceremony,) = [a for a in visit["activities"] if a["place"] == "Kaluga"]
    assert [p["id"] for p in ceremony["attendees"]] == ["sitagu-sayadaw"]
    assert "“the regime delegation”" in ceremony["description"]


def test_june_2021_end_is_the_last_day_an_article_places_him_in_moscow(
    runner: CliRunner,
) -> None:
    visit = _json(runner, "show", "2021-06-moscow")
    end = visit["end_date"]
    assert (end["edtf"], end["basis"]) == ("2021-06-23/..", "inferred")
    assert all("June 23, 2021" in q for q in _quotes(end))
    assert "no article says he stayed to its end" in end["reasoning"]


def test_has_warned_is_dated_only_by_an_upper_bound(runner: CliRunner) -> None:
    event = _json(runner, "show", "2022-blinken-sham-elections")
    assert "military" not in event["summary"]  # the sentence does not say whose elections
    date = event["date"]
    assert (date["edtf"], date["basis"], date["as_stated"]) == (
        "../2022-10",
        "inferred",
        "has warned",
    )


def test_justified_is_read_only_as_the_sentence_says(runner: CliRunner) -> None:
    invasion = _json(runner, "show", "2022-02-ukraine-invasion")
    assert [p["id"] for p in invasion["participants"]] == ["russian-government"]
    assert "justified" not in json.dumps(invasion)
    visit = _json(runner, "show", "2022-09-vladivostok")
    (note,) = [n for n in visit["context"] if "justified" in n["note"]]
    assert "does not say what the military claimed was justified" in note["note"]
    assert note["basis"] == "stated"


def test_patrushev_talks_are_reported_as_announced(runner: CliRunner) -> None:
    summary = _json(runner, "show", "2021-06-moscow")["summary"]
    assert "the Kremlin said he would hold talks with Security Council secretary" in summary
    assert "held talks" not in summary


def test_jakarta_as_first_trip_abroad_is_inferred_with_reasoning(runner: CliRunner) -> None:
    event = _json(runner, "show", "2021-04-jakarta-asean")
    assert "first trip" not in event["summary"]
    (note,) = [n for n in event["context"] if n["topic"] == "first trip abroad"]
    assert note["basis"] == "inferred" and "second trip abroad" in note["reasoning"]


@pytest.mark.parametrize(
    ("command", "spelling"),
    [
        ("org", "Security Council of Russia"),
        ("org", "Russian Defense Ministry"),
        ("org", "United Nations General Assembly"),
        ("org", "European Union"),
    ],
)
def test_spellings_no_article_uses_are_not_aliases(
    runner: CliRunner, command: str, spelling: str
) -> None:
    result = runner.invoke(app, [command, spelling, "--json"])
    assert result.exit_code == 1 and result.stdout == ""


@pytest.mark.parametrize(
    ("command", "spelling", "entity_id"),
    [
        ("org", "Russian Defence Ministry", "russian-defence-ministry"),
        ("org", "U.N. General Assembly", "un-general-assembly"),
        ("org", "EU", "eu"),
        ("org", "Russia's Security Council", "russian-security-council"),
    ],
)
def test_spellings_the_articles_use_resolve(
    runner: CliRunner, command: str, spelling: str, entity_id: str
) -> None:
    assert _json(runner, command, spelling)["id"] == entity_id


def _archive_text() -> str:
    return " ".join(normalise_quote(p.read_text(encoding="utf-8")) for p in ARCHIVE.glob("*.txt"))


@pytest.mark.usefixtures("archive")
def test_every_name_alias_is_spelled_as_an_article_spells_it(shipped: FactBase) -> None:
    archive = _archive_text().casefold()
    unspelled = [
        f"{entity.id}: {alias}"
        for entity in shipped.entities.values()
        for alias in entity.aliases
        if normalise_quote(alias).casefold() not in archive
    ]
    assert unspelled == []


def test_every_registry_country_and_organisation_is_in_a_cited_quote(
    shipped: FactBase,
) -> None:
    uncited = []
    for entity in shipped.entities.values():
        quotes = [
            normalise_quote(c.quote).casefold() for r in entity.roles for c in r.evidence.cite
        ]
        if entity.country and not any(entity.country.casefold() in q for q in quotes):
            uncited.append(f"{entity.id}: country {entity.country}")
        for role in entity.roles:
            organisation = normalise_quote(role.organisation or "").casefold()
            role_quotes = [normalise_quote(c.quote).casefold() for c in role.evidence.cite]
            if organisation and not any(organisation in q for q in role_quotes):
                uncited.append(f"{entity.id}: organisation {role.organisation}")
    assert uncited == []


def test_registry_fields_say_no_more_than_their_quotes(runner: CliRunner) -> None:
    likhachev = _json(runner, "person", "Alexey Likhachev")
    assert likhachev["country"] is None
    irrawaddy = _json(runner, "org", "The Irrawaddy")
    assert [r["title"] for r in irrawaddy["roles"]] == ["cited by Myanmar Now"]


def test_vladivostok_id_is_a_name_and_its_start_is_august_or_september(
    runner: CliRunner,
) -> None:
    visit = _json(runner, "show", "2022-09-vladivostok")
    assert (visit["start_date"]["edtf"], visit["start_date"]["basis"]) == (
        "2022-08/2022-09",
        "inferred",
    )
    readme = (FACTS / "README.md").read_text(encoding="utf-8")
    assert "`2022-09-vladivostok`" in readme and "ids are names" in readme.lower()


def test_a_year_no_quote_prints_is_always_inferred(shipped: FactBase) -> None:
    """One rule: a year worked out ('last year', a month without a year) is inferred."""
    stated_without_year = []
    dated = 0
    for claim in walk(shipped):
        if claim.date is None:
            continue
        dated += 1
        years = set(re.findall(r"\d{4}", claim.date.value.text))
        printed = " ".join([claim.date.as_stated or "", *(c.quote for c in claim.cite)])
        if claim.date.basis == "stated" and not all(year in printed for year in years):
            stated_without_year.append(f"{claim.record_id} {claim.where}: {claim.date.value.text}")
        if claim.date.basis == "inferred":
            assert claim.date.reasoning, f"{claim.record_id} {claim.where}"
    assert dated > 40
    assert stated_without_year == []


def test_year_rule_applies_to_the_june_2021_arrival(runner: CliRunner) -> None:
    start = _json(runner, "show", "2021-06-moscow")["start_date"]
    assert (start["edtf"], start["basis"], start["as_stated"]) == (
        "2021-06-20",
        "inferred",
        "June 20",
    )
    assert "the year is not printed" in start["reasoning"]


@pytest.mark.parametrize(
    ("words", "record_id", "source_id"),
    [
        ("cementing ties", "2021-06-moscow", "warsaw-institute-2021-06-24"),
        ("stand firmly by the Myanmar junta", "2021-06-moscow", "warsaw-institute-2021-06-24"),
        ("deadly crackdown", "2021-06-moscow", "warsaw-institute-2021-06-24"),
        ("what little international support", "2021-06-moscow", "rfa-2021-06-23"),
    ],
)
def test_missing_statements_are_recorded(
    runner: CliRunner, words: str, record_id: str, source_id: str
) -> None:
    hits = _json(runner, "search", words)
    assert any(h["record_id"] == record_id and h["sources"] == [source_id] for h in hits)


def test_four_disagreements_are_listed_with_both_versions_attributed(runner: CliRunner) -> None:
    found = {c["point"]: c for c in _json(runner, "conflicts")}
    versions = {
        point: sorted((claim["value"], tuple(claim["sources"])) for claim in found[point]["claims"])
        for point in (
            "min-aung-hlaing-rank",
            "purpose-june-2021",
            "election-fraud-allegation",
            "roscosmos-july-2022",
        )
    }
    assert versions == {
        "min-aung-hlaing-rank": [
            ("General", ("warsaw-institute-2021-06-24",)),
            ("Senior General", ("aljazeera-2022-eef",)),
            ("Senior General", ("nikkei-reuters-2022",)),
            ("Senior General", ("rfa-2021-06-23",)),
        ],
        "purpose-june-2021": [
            (
                "a military helicopter exhibition; a security conference",
                ("warsaw-institute-2021-06-24",),
            ),
            ("a three-day international security conference", ("rfa-2021-06-23",)),
        ],
        "election-fraud-allegation": [
            ("marred by fraud", ("nikkei-reuters-2022",)),
            ("the result of voter fraud", ("rfa-2021-06-23",)),
            ("there were irregularities", ("aljazeera-2022-eef",)),
        ],
        "roscosmos-july-2022": [
            ("company representatives", ("myanmar-now-2022-07",)),
            ("officials from Russia’s space agency", ("aljazeera-2022-eef",)),
        ],
    }


def test_roscosmos_counterpart_rests_on_myanmar_now_alone(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2022-07-moscow")
    (roscosmos,) = [c for c in visit["counterparts"] if c["id"] == "roscosmos"]
    assert roscosmos["sources"] == ["myanmar-now-2022-07"]


# The third pass: the findings of the second audit, read through the CLI.


def _meetings(runner: CliRunner, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = _json(runner, "meetings", *args)
    return rows


def test_russian_officials_are_not_the_russian_government(runner: CliRunner) -> None:
    rows = [r for r in _meetings(runner) if r["met"][0]["id"] == "russian-officials"]
    assert [(r["record_id"], r["met"][0]["name"]) for r in rows] == [
        ("2021-06-moscow", "Russian officials"),
        ("2022-09-vladivostok", "Russian officials"),
    ]
    assert not any(r["met"][0]["id"] == "russian-government" for r in _meetings(runner))
    assert _json(runner, "org", "Russian government officials")["id"] == "russian-officials"


def test_planned_talks_read_was_to_meet_not_met(runner: CliRunner) -> None:
    (row,) = [r for r in _meetings(runner) if r["record_id"] == "2022-09-vladivostok"]
    assert row["text"] == "Min Aung Hlaing was to meet Russian officials"
    assert row["relation"] == "planned"
    visit = _json(runner, "show", "2022-09-vladivostok")
    assert [c["status"] for c in visit["counterparts"]] == ["planned"]
    assert "would meet counterparts" in visit["summary"]
    assert " met " not in visit["summary"]
    table = runner.invoke(app, ["visits", "--since", "2022-08"], env={"COLUMNS": "200"}).stdout
    assert "Russian officials (planned)" in table


def test_event_participants_are_not_shown_as_having_met(runner: CliRunner) -> None:
    """A visit 'to meet' someone or 'for a meeting of' a group says no one met."""
    result = runner.invoke(app, ["meetings", "--person", "Wang Yi"])
    assert result.exit_code == 1 and result.stdout == ""
    texts = [r["text"] for r in _meetings(runner)]
    assert not any("Lancang" in t or "Aung San Suu Kyi" in t for t in texts)
    # Shoigu and Min Aung Hlaing "last met during a January visit": a meeting.
    assert "Sergei Shoigu met Min Aung Hlaing" in texts


def test_organisations_met_show_whom_he_met_from_them(runner: CliRunner) -> None:
    rows = {r["met"][0]["id"]: r for r in _meetings(runner, "--since", "2022-07")}
    roscosmos = rows["roscosmos"]
    assert roscosmos["text"] == (
        "Min Aung Hlaing met company representatives from Roscosmos State Space Corporation"
    )
    assert roscosmos["role"] == "company representatives"
    assert rows["rosoboronexport"]["text"].endswith(
        "met company representatives from Rosoboronexport"
    )
    # A person's role is their own title, not whom he met.
    assert rows["alexey-likhachev"]["text"] == "Min Aung Hlaing met Alexey Likhachev"


def test_shoigu_meeting_has_no_topic_taken_from_his_statement(runner: CliRunner) -> None:
    (row,) = [r for r in _meetings(runner, "--person", "shoigu") if r["record_kind"] == "visit"]
    assert row["topics"] == []
    assert _quotes(row) == [
        "On Tuesday, the junta leader met with Russia’s Defense Minister Sergei Shoigu",
        # RFA's caption gives the meeting's date otherwise: one more version of its date.
        "Russia’s Defense Minister Sergei Shoigu (L) and Commander-in-Chief of Myanmar's"
        " Armed Forces Senior General Min Aung Hlaing (R) review an honor guard in Moscow,"
        " June 23, 2021.",
    ]


def test_armed_forces_day_lists_no_participant_for_an_invitation(runner: CliRunner) -> None:
    event = _json(runner, "show", "2022-03-armed-forces-day")
    assert event["participants"] == []
    assert event["title"] == "Russian officials invited to Myanmar's Armed Forces Day"


def test_every_visit_is_found_by_his_name(runner: CliRunner) -> None:
    found = [v["id"] for v in _json(runner, "visits", "--person", "Min Aung Hlaing")]
    assert found == ["2021-06-moscow", "2022-07-moscow", "2022-09-vladivostok"]
    (left,) = [
        a
        for a in _json(runner, "show", "2022-07-moscow")["activities"]
        if a["description"] == "Left for Moscow"
    ]
    assert [p["id"] for p in left["attendees"]] == ["min-aung-hlaing"]
    assert any("left for Moscow on Sunday" in q for q in _quotes(left))


@pytest.mark.parametrize(
    ("event_id", "participants"),
    [
        ("2022-11-phnom-penh-summit", ["asean"]),  # "unlikely to be invited"
        ("2022-eef-announcement", ["global-new-light-of-myanmar"]),  # he is its subject
        ("2020-11-election", ["nld", "aung-san-suu-kyi"]),  # Win Myint: "in November"
        ("2022-07-blinken-thailand", ["antony-blinken"]),  # ASEAN was called on
        ("2021-01-wang-yi-myanmar", ["wang-yi"]),  # "to meet" her: a purpose
        ("2021-02-01-coup", ["min-aung-hlaing", "myanmar-military"]),  # she was deposed
    ],
)
def test_participants_are_only_who_took_part(
    runner: CliRunner, event_id: str, participants: list[str]
) -> None:
    event = _json(runner, "show", event_id)
    assert [p["id"] for p in event["participants"]] == participants


def test_phnom_penh_summit_is_not_among_his_appearances(runner: CliRunner) -> None:
    person = _json(runner, "person", "Min Aung Hlaing")
    assert "2022-11-phnom-penh-summit" not in [a["record_id"] for a in person["appearances"]]


def test_july_2022_monday_may_be_in_august(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2022-07-moscow")
    (likhachev,) = [c for c in visit["counterparts"] if c["id"] == "alexey-likhachev"]
    (mou,) = visit["agreements"]
    for date in (likhachev["date"], mou["date"]):
        assert (date["edtf"], date["basis"]) == ("2022-07/2022-08", "inferred")
        assert "31 July" in date["reasoning"]
    source = next(s for s in visit["sources"] if s["id"] == "myanmar-now-2022-07")
    assert source["published_date"]["edtf"] == "2022-07/2022-08"


def test_july_2022_end_is_not_taken_from_its_schedule(runner: CliRunner) -> None:
    end = _json(runner, "show", "2022-07-moscow")["end_date"]
    assert (end["edtf"], end["basis"]) == ("2022-07/..", "inferred")
    assert "expected to last through this week" not in " ".join(_quotes(end))
    assert "is a schedule, not a bound" in end["reasoning"]


def test_vladivostok_rests_on_announcements_and_one_inference(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2022-09-vladivostok")
    (place,) = visit["places"]
    assert (place["city"], place["basis"]) == ("Vladivostok", "inferred")
    assert "Reuters names neither Vladivostok nor the forum" in place["reasoning"]
    assert visit["occasion"] == "Eastern Economic Forum (announced)"
    assert "would attend the Eastern Economic Forum" in visit["summary"]


def test_july_2022_title_and_summary_attribute_their_words(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2022-07-moscow")
    assert visit["title"] == "Visit to Moscow (“private”, per the Russian embassy)"
    assert "According to official press statements, Min Aung Hlaing met" in visit["summary"]
    # Kaluga is no stop of his route: only "the regime delegation" is placed there.
    assert [p["city"] for p in visit["places"]] == ["Moscow"]
    (ceremony,) = [a for a in visit["activities"] if a["place"] == "Kaluga"]
    assert ceremony["according_to"] == "myanmar-state-media"
    assert ceremony["attendees"] == [{"id": "sitagu-sayadaw", "name": "Sitagu Sayadaw"}]
    assert "does not say Min Aung Hlaing himself attended" in ceremony["description"]


def test_blinken_note_cites_each_part_and_keeps_its_spelling(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2022-07-moscow")
    vow, china = [n for n in visit["context"] if n["topic"] == "international pressure"]
    assert "Anthony Blinken" in vow["note"] and vow["according_to"] is None
    assert "“hold the regime accountable”" in " ".join(_quotes(vow))
    # "according to media reports" is said on the row it qualifies, not in a note.
    assert china["according_to"] == "media reports" and "urged China" in _quotes(china)[0]
    event = _json(runner, "show", "2022-07-blinken-thailand")
    assert "according to media reports" in event["summary"]


def test_unga_merge_is_inferred_and_attributed(runner: CliRunner) -> None:
    event = _json(runner, "show", "2021-06-unga-resolution")
    assert {c["source"] for c in event["cite"]} == {"rfa-2021-06-23"}  # the summary's own
    (note,) = event["context"]
    assert note["basis"] == "inferred" and "neither says it was the same act" in note["reasoning"]
    assert note["sources"] == ["warsaw-institute-2021-06-24"]


def test_reported_speech_is_not_shown_as_the_speakers_words(runner: CliRunner) -> None:
    statements = _json(runner, "show", "2021-06-moscow")["statements"]
    speech = {(s["speaker"]["id"], s["said"][:20]): s["speech"] for s in statements}
    assert speech["kremlin", "there would be no me"] == "reported"
    assert speech["min-aung-hlaing", "the military under h"] == "reported"
    assert speech["sergei-shoigu", "praised Min Aung Hla"] == "reported"
    assert speech["sergei-shoigu", "a time-tested strate"] == "quoted"
    assert all(v == "quoted" for (who, _), v in speech.items() if who == "thein-tun-oo")
    table = runner.invoke(app, ["show", "2021-06-moscow"], env={"COLUMNS": "250"}).stdout
    assert "(reported) there would be no meeting between General Mi Aung Hlaing" in table
    appearances = _json(runner, "person", "Min Aung Hlaing")["appearances"]
    (said,) = [a for a in appearances if a["section"] == "statements"]
    assert said["as"] == "reported speech"
    assert said["detail"].startswith("(reported) the military under his control")
    hits = _json(runner, "search", "no meeting between")
    assert any(h["label"].startswith("reported speech of The Kremlin") for h in hits)


def test_statement_dates_rest_on_their_own_quotes(runner: CliRunner) -> None:
    statements = _json(runner, "show", "2021-06-moscow")["statements"]
    for statement in statements:
        date = statement["date"]
        if date and date.get("as_stated"):
            assert any(date["as_stated"] in q for q in _quotes(statement)), statement["said"]
    (council,) = [s for s in statements if s["speaker"]["id"] == "russian-security-council"]
    assert council["date"]["edtf"] == "2021-06-21/2021-06-24"
    assert "the statement's own date is not given" in council["date"]["reasoning"]


def test_walkie_talkie_charge_keeps_the_articles_words(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2021-06-moscow")
    (note,) = [n for n in visit["context"] if n["topic"] == "Aung San Suu Kyi"]
    assert "“could result in a three-year prison sentence”" in note["note"]
    assert "up to three years" not in note["note"]


def test_registry_roles_cite_only_what_their_titles_say(runner: CliRunner) -> None:
    roscosmos = _json(runner, "org", "Roscosmos")
    (agency,) = roscosmos["roles"]
    assert agency["sources"] == ["aljazeera-2022-eef"]
    media = {r["title"]: r["sources"] for r in _json(runner, "org", "state media")["roles"]}
    assert media == {
        "military-controlled media": ["myanmar-now-2022-07"],
        "state media": ["nikkei-reuters-2022"],
    }
    for name in ("Aung San Suu Kyi", "Win Myint"):
        (dated,) = [r for r in _json(runner, "person", name)["roles"] if r["during"]]
        assert dated["basis"] == "inferred" and "the period is inferred" in dated["reasoning"]


def test_reuters_date_reasoning_cites_the_coup_it_uses(runner: CliRunner) -> None:
    source = next(
        s
        for s in _json(runner, "show", "2022-09-vladivostok")["sources"]
        if s["id"] == "nikkei-reuters-2022"
    )
    assert "since leading a coup early last year" in _quotes(source["published_date"])


def test_blinken_weekend_is_that_of_the_sunday_departure(runner: CliRunner) -> None:
    event = _json(runner, "show", "2022-07-blinken-thailand")
    assert "weekend before" not in event["summary"]
    assert "the weekend of Min Aung Hlaing's Sunday departure" in event["summary"]
    date = event["date"]
    assert (date["edtf"], date["as_stated"], date["basis"]) == (
        "2022-07",
        "over the weekend",
        "inferred",
    )
    assert "whose Sunday is that of the departure" in date["reasoning"]
    assert "left for Moscow on Sunday" in _quotes(date)


def test_next_week_is_al_jazeeras_timing_not_the_newspapers(runner: CliRunner) -> None:
    announcement = _json(runner, "show", "2022-eef-announcement")
    assert "following week" not in announcement["summary"]
    assert "The week is Al Jazeera's own" in announcement["summary"]
    activities = _json(runner, "show", "2022-09-vladivostok")["activities"]
    (travel,) = [a for a in activities if "next week" in a["description"]]
    assert travel["status"] == "planned" and travel["according_to"] is None
    (forum,) = [a for a in activities if a["description"] == "attend the Eastern Economic Forum"]
    assert forum["according_to"] == "global-new-light-of-myanmar"
    assert "next week" not in " ".join(_quotes(forum))


def test_suu_kyi_under_house_arrest_is_a_mention_of_her(runner: CliRunner) -> None:
    appearances = _json(runner, "person", "Aung San Suu Kyi")["appearances"]
    mentioned = [a["detail"] for a in appearances if a["as"] == "mentioned"]
    (arrest,) = [d for d in mentioned if "house arrest" in d]
    assert "75-year-old" in arrest
    # Named without taking part: the coup, and the visits "to meet" or "without meeting" her.
    assert any("removed Aung San Suu Kyi's elected civilian government" in d for d in mentioned)
    assert any("without meeting then State Counselor Aung San Suu Kyi" in d for d in mentioned)
    assert not any(a["as"] == "participant" and "coup" in a["detail"] for a in appearances)


def test_warsaw_institutes_couple_of_days_and_annual_conference(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2021-06-moscow")
    warsaw = [c["description"] for c in visit["characterisations"] if c["by"] == "Warsaw Institute"]
    assert "for a couple of days" in warsaw
    (conference,) = [a for a in visit["activities"] if a["description"].startswith("The security")]
    assert "“an annual security conference” (Warsaw Institute)" in conference["description"]


def test_what_thein_tun_oo_and_sai_kyi_zin_soe_said_is_recorded(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2021-06-moscow")
    by = {}
    for note in visit["context"]:
        if note["according_to"]:
            by.setdefault(note["according_to"], []).append(note["note"])
    assert any(
        "had nothing to do with the current situation in Myanmar" in n and "mired in chaos" in n
        for n in by["thein-tun-oo"]
    )
    assert any("“to restore a path for the flow of arms”" in n for n in by["sai-kyi-zin-soe"])
    said = [s["said"] for s in visit["statements"] if s["speaker"]["id"] == "sai-kyi-zin-soe"]
    assert "the other aim is likely “to restore a path for the flow of arms.”" in said


def test_the_militarys_stated_aims_are_its_reported_speech(runner: CliRunner) -> None:
    statements = _json(runner, "show", "2022-09-vladivostok")["statements"]
    military = {
        s["said"]: s["speech"] for s in statements if s["speaker"]["id"] == "myanmar-military"
    }
    assert military == {
        "terrorists": "quoted",
        "is seeking to restore peace and reestablish democratic rule": "reported",
    }


@pytest.mark.parametrize("spelling", ["Myanmar army", "Myanmar junta", "Myanmar regime"])
def test_the_articles_names_for_the_military_find_it(runner: CliRunner, spelling: str) -> None:
    assert _json(runner, "org", spelling)["id"] == "myanmar-military"


def test_no_further_details_of_the_company_meetings_is_recorded(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2022-07-moscow")
    (note,) = [n for n in visit["context"] if "no further details" in n["note"]]
    assert note["according_to"] == "myanmar-state-media"
    assert "No further details of those meetings were disclosed in the report." in _quotes(note)[0]
    mentioned = [
        a for a in _json(runner, "org", "Rosoboronexport")["appearances"] if a["as"] == "mentioned"
    ]
    assert any("no further details" in a["detail"] for a in mentioned)


def test_observers_question_on_shoigus_january_visit_is_theirs(runner: CliRunner) -> None:
    event = _json(runner, "show", "2021-01-shoigu-myanmar")
    # The summary does not say it on RFA's word: the observers' row does, on theirs.
    assert "observers questioned" not in event["summary"]
    assert not any("observers questioned" in q for q in _quotes(event))
    (note,) = [n for n in event["context"] if n["topic"] == "observers' question"]
    assert note["according_to"] == "observers"
    assert "hold private talks with the military chief" in note["note"]
    assert {m["id"] for m in note["mentions"]} == {"aung-san-suu-kyi", "win-myint"}


def test_the_kremlins_word_on_patrushev_is_its_reported_speech(runner: CliRunner) -> None:
    statements = _json(runner, "show", "2021-06-moscow")["statements"]
    kremlin = {s["said"]: s["speech"] for s in statements if s["speaker"]["id"] == "kremlin"}
    assert kremlin["Myanmar’s junta chief would hold talks with Nikolai Patrushev"] == "reported"


def test_russian_officials_who_stand_by_the_junta_say_so_on_the_warsaw_institutes_word(
    runner: CliRunner,
) -> None:
    context = _json(runner, "show", "2021-06-moscow")["context"]
    (note,) = [n for n in context if "stand firmly by the Myanmar junta" in n["note"]]
    assert note["note"].startswith("Warsaw Institute:")
    assert note["sources"] == ["warsaw-institute-2021-06-24"]


def test_every_sentence_of_the_articles_is_stated_or_excused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["coverage", "--archive", str(ARCHIVE), "--json"])
    data = json.loads(result.stdout)
    partly = [
        f"{s['source']} {s['index']}: {s['unstated']}"
        for s in data["sentences"]
        if s["status"] == "partly stated"
    ]
    assert partly == []
    # What a row states is its claim's words: the analysts' note says what they said.
    (analysts,) = [
        n
        for n in _json(runner, "show", "2021-06-moscow")["context"]
        if n["according_to"] == "analysts"
    ]
    assert "amid widespread international condemnation of his overthrow" in analysts["note"]


def test_soe_wins_visit_is_placed_in_russia_by_inference(runner: CliRunner) -> None:
    event = _json(runner, "show", "2022-soe-win-russia")
    assert "Min Aung Hlaing's second-in-command" not in event["summary"]
    (place,) = event["places"]
    assert (place["country"], place["basis"]) == ("Russia", "inferred")
    assert "names no place for Soe Win" in place["reasoning"]


# The final audit: each finding settled, read back through the CLI.


def test_reports_are_attributed_on_their_own_rows(runner: CliRunner) -> None:
    context = _json(runner, "show", "2022-07-moscow")["context"]
    by = {(c["topic"], c["according_to"]) for c in context}
    assert ("conflict", "resistance forces") in by
    assert ("international pressure", "media reports") in by
    assert ("China", "the-irrawaddy") in by
    blinken = _json(runner, "show", "2022-07-blinken-thailand")
    assert not any("according to media reports" in q for q in _quotes(blinken))
    assert [c["according_to"] for c in blinken["context"]] == ["media reports"]
    wang = _json(runner, "show", "2022-07-wang-yi-myanmar")
    assert [c["according_to"] for c in wang["context"]] == ["the-irrawaddy"]
    assert [p["country"] for p in wang["places"]] == ["Myanmar"]
    reported = _json(runner, "org", "irrawaddy")["appearances"]
    assert {a["as"] for a in reported} == {"reported"} and len(reported) == 2


def test_what_is_still_ahead_is_planned(runner: CliRunner) -> None:
    summit = _json(runner, "show", "2022-11-phnom-penh-summit")
    assert summit["status"] == "planned"
    (place,) = _json(runner, "show", "2022-09-vladivostok")["places"]
    assert (place["city"], place["status"], place["according_to"]) == (
        "Vladivostok",
        "planned",
        "global-new-light-of-myanmar",
    )
    table = runner.invoke(app, ["show", "2022-09-vladivostok"], env={"COLUMNS": "200"}).stdout
    assert "Place:    Vladivostok, Russia (planned)" in table


def test_the_caption_date_is_an_inference_and_the_plan_undated(runner: CliRunner) -> None:
    visit = _json(runner, "show", "2021-06-moscow")
    shoigu = next(c for c in visit["counterparts"] if c["id"] == "sergei-shoigu")
    (caption,) = shoigu["date"]["alternatives"]
    assert (caption["edtf"], caption["basis"]) == ("2021-06-23", "inferred")
    plan = next(
        s for s in visit["statements"] if s["said"].startswith("cooperation in the military")
    )
    assert plan["date"] is None
    hedge = next(s for s in visit["statements"] if s["said"].startswith("the other aim"))
    assert (hedge["said"], hedge["speech"]) == (
        "the other aim is likely “to restore a path for the flow of arms.”",
        "reported",
    )


def test_the_nuclear_meeting_is_a_point_where_sources_differ(runner: CliRunner) -> None:
    points = {c["point"]: c for c in _json(runner, "conflicts")}
    nuclear = points["nuclear-july-2022"]
    assert nuclear["verdict"] == "wording"
    assert [v["according_to"] for v in nuclear["claims"]] == ["official press statements", None]
