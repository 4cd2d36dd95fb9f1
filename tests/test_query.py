"""The query layer on the mini fixture: lookups, filters, search, conflicts, quotes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcli.errors import AmbiguousError, FactsDirError, NotFoundError
from factcli.model.records import FactBase
from factcli.model.values import Figure
from factcli.query import entities, overview, search, visits
from factcli.query.conflicts import conflicts
from factcli.query.quotes import verify_quotes
from factcli.query.text import fold, normalise_quote

from .conftest import MINI_ARCHIVE


@pytest.mark.parametrize(
    "name", ["Joe Quimby", "joe quimby", "JÖE QUIMBY", "Mayor Quimby", "quim", "joe-quimby"]
)
def test_person_lookup_is_case_accent_and_alias_insensitive(mini: FactBase, name: str) -> None:
    assert entities.find_entity(mini, name, "person").id == "joe-quimby"


def test_unknown_person_suggests(mini: FactBase) -> None:
    with pytest.raises(NotFoundError, match="did you mean Joe Quimby"):
        entities.find_entity(mini, "Joe Quimbee", "person")


def test_ambiguous_person_lists_matches(mini: FactBase) -> None:
    with pytest.raises(
        AmbiguousError,
        match=r"matches 2 entries: Joe Quimby \(joe-quimby\); The Minister \(the-minister\)",
    ):
        entities.find_entity(mini, "m", "person")


def test_org_lookup_does_not_find_people(mini: FactBase) -> None:
    with pytest.raises(NotFoundError):
        entities.find_entity(mini, "Ana Ruiz", "org")
    assert entities.find_entity(mini, "council", "org").id == "springfield-council"


def test_appearances_are_dated_and_cited(mini: FactBase) -> None:
    found = entities.appearances(mini, mini.entities["springfield-council"])
    assert [(a.record_id, a.role) for a in found] == [
        ("2020-fair", "participant"),
        ("2020-03-springfield", "agreement"),
    ]
    assert found[1].evidence.source_ids == ("alpha",)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (visits.VisitFilter(), ["2020-03-springfield"]),
        (visits.VisitFilter(year=2020), ["2020-03-springfield"]),
        (visits.VisitFilter(year=2021), []),
        (visits.VisitFilter(since=date(2020, 3, 2)), ["2020-03-springfield"]),
        (visits.VisitFilter(since=date(2020, 3, 3)), []),
        (visits.VisitFilter(until=date(2020, 3, 1)), []),
        (visits.VisitFilter(country="freedonia"), ["2020-03-springfield"]),
        (visits.VisitFilter(city="Shelbyville"), []),
        (visits.VisitFilter(person="Quimby"), ["2020-03-springfield"]),
        (visits.VisitFilter(person="Ana Ruiz"), ["2020-03-springfield"]),
        (visits.VisitFilter(org="Council"), ["2020-03-springfield"]),
    ],
)
def test_visit_filters(mini: FactBase, criteria: visits.VisitFilter, expected: list[str]) -> None:
    assert [v.id for v in visits.filter_visits(mini, criteria)] == expected


def test_timeline_mixes_events_and_visits_in_date_order(mini: FactBase) -> None:
    assert [r.id for r in visits.timeline(mini, visits.VisitFilter())] == [
        "2020-fair",
        "2020-03-springfield",
    ]


def test_get_visit_suggests_close_ids(mini: FactBase) -> None:
    assert visits.get_visit(mini, "2020-fair").id == "2020-fair"
    with pytest.raises(NotFoundError, match="did you mean 2020-03-springfield"):
        visits.get_visit(mini, "springfield")


def test_search_is_accent_insensitive_and_highlights_original_text(mini: FactBase) -> None:
    hits = search.search(mini, "joe quimby")
    quote_hit = next(h for h in hits if h.field == "quote" and "Jöe" in h.snippet)
    assert [quote_hit.snippet[a:b] for a, b in quote_hit.highlights] == ["Quimby", "Jöe"] or [
        quote_hit.snippet[a:b] for a, b in quote_hit.highlights
    ] == ["Jöe", "Quimby"]
    assert quote_hit.sources == ("alpha",)


def test_search_ranks_phrase_matches_first_and_reports_nothing(mini: FactBase) -> None:
    hits = search.search(mini, "harvest fair")
    assert "Harvest Fair" in hits[0].snippet
    with pytest.raises(NotFoundError, match="nothing matches"):
        search.search(mini, "zeppelin")


def test_conflicts_attribute_each_value(mini: FactBase) -> None:
    (conflict,) = conflicts(mini)
    assert conflict.point == "attendance"
    assert sorted((v.value, v.evidence.source_ids) for v in conflict.versions) == [
        (Figure("exactly", 12), ("alpha",)),
        (Figure("exactly", 15), ("beta",)),
    ]
    assert conflict.verdict == "contradict"


def test_source_usage_counts_claims(mini: FactBase) -> None:
    uses = {u.source.id: u.claims for u in overview.source_usage(mini)}
    assert uses == {"alpha": 8, "beta": 4}


def test_verify_quotes_passes_on_fixture_and_catches_edits(mini: FactBase, tmp_path: Path) -> None:
    assert verify_quotes(mini, MINI_ARCHIVE).failures == ()
    edited = tmp_path / "archive"
    edited.mkdir()
    (edited / "alpha.txt").write_text("Alpha Daily. Nothing else.", encoding="utf-8")
    (edited / "beta.txt").write_text(
        (MINI_ARCHIVE / "beta.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    failures = verify_quotes(mini, edited).failures
    assert failures and all("alpha" in f.source_ids for f in failures)
    with pytest.raises(FactsDirError):
        verify_quotes(mini, tmp_path / "missing")


def test_quote_normalisation_handles_whitespace_and_typographic_marks() -> None:
    assert normalise_quote("a  “b”\n c’s") == 'a "b" c\'s'
    assert fold("Jöe  QUIMBY!") == "joe quimby"
