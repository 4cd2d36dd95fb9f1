"""Search that finds what a reporter types: stems, phrases, synonyms, labels in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.errors import UsageError
from factcli.query.words import parse_query, read_thesaurus, thesaurus_for

from .conftest import FACTS, MINI


def _hits(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["search", *args, "--json", "-n", "50"])
    assert result.exit_code == 0, result.stderr
    hits: list[dict[str, object]] = json.loads(result.stdout)
    return hits


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("weapons", "arms sales"),  # a synonym, as written
        ("weapon", "military equipment"),  # a synonym phrase
        ("deaths", "killed more than 860 people"),
        ('"death toll"', "877"),  # the phrase's synonyms: casualties, killed
        ("death toll", "877"),  # typed without quotes, still the thesaurus phrase
        ("regime", "junta"),
        ("killing", "killed"),  # by stem
    ],
)
def test_search_finds_stems_and_synonyms(runner: CliRunner, query: str, expected: str) -> None:
    hits = _hits(runner, query)
    texts = [str(h["snippet"]) + " ".join(map(str, h["quotes"])) for h in hits]  # type: ignore[call-overload]
    assert any(expected in t for t in texts), texts


def test_a_quoted_phrase_needs_its_words_together(runner: CliRunner) -> None:
    assert _hits(runner, "dealer arms")
    # The words occur, never in this order.
    assert runner.invoke(app, ["search", '"dealer arms"']).exit_code == 1
    assert {h["field"] for h in _hits(runner, '"arms dealer"')} >= {"role", "quote"}


def test_hits_are_labelled_in_words_with_quotes_and_claims_first(runner: CliRunner) -> None:
    hits = _hits(runner, "Thein Tun Oo")
    labels = [h["label"] for h in hits]
    assert "statement by Thein Tun Oo, June 2021 visit" in labels
    kinds = [h["record_kind"] for h in hits]
    first_registry = next(i for i, k in enumerate(kinds) if k in ("person", "org", "source"))
    assert all(k in ("person", "org", "source") for k in kinds[first_registry:])
    statement = next(h for h in hits if h["label"] == "statement by Thein Tun Oo, June 2021 visit")
    assert statement["quotes"] and statement["sources"] == ["rfa-2021-06-23"]


def test_search_table_shows_label_match_and_quote(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = runner.invoke(app, ["search", "death toll"])
    assert result.exit_code == 0
    header = result.stdout.splitlines()[1].split()
    assert header == ["Found", "in", "Match", "Quote", "Src"]
    assert "background note, June 2021 visit" in result.stdout
    assert "“Security forces have killed more than 860 people" in result.stdout
    assert "context[" not in result.stdout


def test_a_filter_that_finds_nothing_says_where_the_name_occurs(runner: CliRunner) -> None:
    for command in ("visits", "timeline", "report", "meetings"):
        result = runner.invoke(app, [command, "--person", "win myint"])
        assert result.exit_code == 1
        assert (
            'Win Myint is named in 3 claims, though not as taking part: factcli search "Win Myint"'
        ) in result.stderr
    quiet = runner.invoke(app, ["visits", "--person", "zzzz-nobody"])
    assert quiet.exit_code == 1 and "named in" not in quiet.stderr


def test_each_base_has_its_own_thesaurus_and_no_other_s(tmp_path: Path) -> None:
    groups = thesaurus_for(FACTS)
    assert any(("death", "toll") in g and ("killed",) in g for g in groups)
    # factcli has no thesaurus of its own: a base without one gets no synonyms.
    assert thesaurus_for(None) == ()
    assert thesaurus_for(tmp_path) == ()
    own = tmp_path / "thesaurus.toml"
    own.write_text('[[synonyms]]\nwords = ["fair", "festival"]\n', encoding="utf-8")
    assert len(thesaurus_for(tmp_path)) == 1
    query = parse_query("festival", thesaurus_for(tmp_path))
    assert [a.words for a in query.units[0].alternatives] == [("festival",), ("fair",)]
    own.write_text("[[synonyms]]\nwords = 3\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"synonyms\[0\]\.words"):
        read_thesaurus(own)


def test_a_fact_base_s_thesaurus_is_used_and_is_not_a_fact_file(
    runner: CliRunner, facts_copy: Path
) -> None:
    (facts_copy / "thesaurus.toml").write_text(
        '[[synonyms]]\nwords = ["zeppelin", "harvest"]\n', encoding="utf-8"
    )
    assert runner.invoke(app, ["validate", str(facts_copy)]).exit_code == 0
    result = runner.invoke(app, ["search", "zeppelin", "-d", str(facts_copy), "--json"])
    assert result.exit_code == 0, result.stderr
    assert MINI.exists()


@pytest.mark.parametrize("query", ["weapons", '"death toll"', "likhach", "junta", '"arms dealer"'])
def test_the_index_finds_what_a_full_load_finds(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    indexed = _hits(runner, query)
    monkeypatch.setenv("FACTCLI_NO_INDEX", "1")
    assert _hits(runner, query) == indexed
