"""The claim walk on the mini fixture, whose every claim is known."""

from __future__ import annotations

from factcli.model.claims import Claim, Within, walk
from factcli.model.records import Citation, FactBase


def _row(claim: Claim) -> tuple[object, ...]:
    return (
        claim.record_kind,
        claim.record_id,
        claim.where,
        claim.subject,
        claim.entities,
        claim.text,
        claim.date.value.text if claim.date else None,
        claim.basis,
        claim.evidence.reasoning,
        claim.cite,
    )


def test_walk_yields_every_claim_of_the_fixture_once_in_order(mini: FactBase) -> None:
    visit = "2020-03-springfield"
    assert [_row(c) for c in walk(mini)] == [
        (
            "visit", visit, "start[0]", None, (), "2020-03-02", "2020-03-02", "stated", None,
            (Citation("beta", "arrived in Springfield on 2 March 2020"),),
        ),
        (
            "visit", visit, "places[0]", None, ("the-minister",), "Springfield, Freedonia", None,
            "stated", None, (Citation("alpha", "flew to Springfield on Monday"),),
        ),
        (
            "visit", visit, "statements[0]", "ana-ruiz", ("ana-ruiz",), "It was a quiet trip.",
            None, "stated", None,
            (Citation("alpha", 'Analyst Ana Ruiz said: "It was a quiet trip."'),),
        ),
        (
            "visit", visit, "context[0]", None, (), "Alpha: 12 people attended.", None,
            "stated", None, (Citation("alpha", "Officials said 12 people attended."),),
        ),
        (
            "visit", visit, "context[1]", None, (), "Beta: 15 people attended.", None,
            "stated", None, (Citation("beta", "Officials said 15 people attended."),),
        ),
        (
            "visit", visit, "delegation[0]", "the-minister", ("the-minister",), "minister",
            None, "stated", None, (Citation("alpha", "The minister flew to Springfield"),),
        ),
        (
            "visit", visit, "counterparts[0]", "joe-quimby", ("joe-quimby", "the-minister"),
            "trade", "2020-03-02", "stated", None, (Citation("alpha", "He met Mayor Jöe Quimby"),),
        ),
        (
            "visit", visit, "agreements[0]", None, ("springfield-council",), "Friendship pact",
            None, "stated", None, (Citation("alpha", "signed a “friendship pact” on trade"),),
        ),
        (
            "event", "2020-fair", "summary[0]", None, ("springfield-council",),
            "A fair in Springfield.", "2020-03", "stated", None,
            (Citation("alpha", "for the Harvest Fair"),),
        ),
        (
            "person", "joe-quimby", "roles[0]", "joe-quimby", ("joe-quimby",), "Mayor", None,
            "stated", None, (Citation("beta", "Mayor Joe Quimby greeted him."),),
        ),
        (
            "person", "ana-ruiz", "roles[0]", "ana-ruiz", ("ana-ruiz",), "analyst", None,
            "stated", None, (Citation("alpha", "Analyst Ana Ruiz"),),
        ),
        (
            "source", "beta", "published[0]", None, (), "2020-03-03", "2020-03-03", "stated",
            None, (Citation("beta", "Beta Weekly, 3 March 2020."),),
        ),
    ]  # fmt: skip


def test_a_claim_without_a_date_has_none_and_its_record_only_as_context(mini: FactBase) -> None:
    statement = next(c for c in walk(mini) if c.section == "statements")
    assert statement.date is None
    assert statement.within == Within(
        "2020-03-springfield",
        "visit",
        "Harvest Fair visit",
        mini.visits["2020-03-springfield"].dates,
        "2020-03-02",
        None,
        "2 March 2020 – end not reported",
        "2020-03-02",
        None,
    )
    event = next(c for c in walk(mini) if c.record_kind == "event")
    assert event.within is not None
    assert (event.within.start, event.within.end) == ("2020-03-01", "2020-03-31")


def test_an_inferred_date_keeps_its_own_basis_apart_from_the_claims(mini: FactBase) -> None:
    meeting = next(c for c in walk(mini) if c.section == "counterparts")
    assert meeting.date is not None
    assert (meeting.date.basis, meeting.date.reasoning) == ("inferred", "the Monday of the arrival")
    assert meeting.basis == "stated"


def test_registry_and_sources_have_no_enclosing_record(mini: FactBase) -> None:
    outside = [c for c in walk(mini) if c.record_kind in ("person", "org", "source")]
    assert outside and all(c.within is None for c in outside)


def test_names_are_ids_until_asked_for(mini: FactBase) -> None:
    meeting = next(c for c in walk(mini) if c.section == "counterparts")
    assert meeting.fields[0] == ("who", "joe-quimby")
    assert meeting.named_fields(mini.name_of)[0] == ("who", "Joe Quimby")


def test_every_citation_of_the_base_is_on_exactly_one_claim(shipped: FactBase) -> None:
    from factcli.model.serialize import fact_base_data

    def pairs(data: object) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        if isinstance(data, dict):
            for key, value in data.items():
                if key == "cite":
                    found += [(c["source"], c["quote"]) for c in value]
                else:
                    found += pairs(value)
        elif isinstance(data, list):
            for value in data:
                found += pairs(value)
        return found

    # A claim stores its date's citations too, and those of each version of its date.
    walked = sorted((c.source, c.quote) for claim in walk(shipped) for c in claim.stored_cite)
    assert walked == sorted(pairs(fact_base_data(shipped)))
