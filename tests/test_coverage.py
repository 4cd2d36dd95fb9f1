"""``factcli coverage``: sentences split, cited, ledgered or uncovered; the shipped base whole."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.query.coverage import split_sentences
from factcli.query.stated import carries_fact, content_words

from .conftest import ARCHIVE, FACTCLI, FACTS, MINI, MINI_ARCHIVE

FACTS_README = FACTS / "README.md"
TABLE = re.compile(r"<!-- coverage:start -->\n(?P<table>.*?)<!-- coverage:end -->", re.S)


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["coverage", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "The U.N. General Assembly met. It voted on Feb. 1. Then it rose.",
            ["The U.N. General Assembly met.", "It voted on Feb. 1.", "Then it rose."],
        ),
        (
            "He said “no.” Then he left! Why? Nobody knows",
            ['He said "no."', "Then he left!", "Why?", "Nobody knows"],
        ),
        ("A heading\n\nA line. another clause", ["A heading", "A line. another clause"]),
        ("The U.S. and the EU agreed.", ["The U.S. and the EU agreed."]),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    found = split_sentences("s", text)
    assert [s.text for s in found] == sentences
    assert [s.number for s in found] == list(range(1, len(sentences) + 1))


def test_table_lists_the_share_and_the_uncovered_sentences(runner: CliRunner) -> None:
    code, out, err = _run(runner, "--archive", str(MINI_ARCHIVE), "-d", str(MINI))
    assert code == 1
    assert err == "factcli: 1 sentence(s) neither cited nor in the ledger\n"
    assert out == (
        "Coverage by source\n"
        "Source Sentences Cited Partly stated Not facts Uncovered Stated\n"
        "───────────────────────────────────────────────────────────────\n"
        "alpha  5         4     0             0         1         80%\n"
        "beta   4         4     0             0         0         100%\n"
        "\n"
        "Uncovered sentences\n"
        "Source # Sentence\n"
        "─────────────────────\n"
        "alpha  1 Alpha Daily.\n"
        "\n"
    )


def test_json_gives_each_sentence_and_the_records_citing_it(runner: CliRunner) -> None:
    code, out, _ = _run(runner, "--archive", str(MINI_ARCHIVE), "-d", str(MINI), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["sources"][1] == {
        "source": "beta",
        "sentences": 4,
        "cited": 4,
        "not_facts": 0,
        "uncovered": 0,
        "share": 1.0,
        "stated": 4,
        "partly_stated": 0,
    }
    by_key = {(s["source"], s["index"]): s for s in data["sentences"]}
    assert by_key[("alpha", 1)] == {
        "source": "alpha",
        "index": 1,
        "text": "Alpha Daily.",
        "status": "uncovered",
        "covered_by": [],
        "reason": None,
        "unstated": [],
    }
    quimby = by_key[("beta", 4)]
    assert quimby["text"] == "Mayor Joe Quimby greeted him."
    assert {"record_id": "joe-quimby", "record_kind": "person", "where": "roles[0]"} in quimby[
        "covered_by"
    ]


def test_uncovered_and_source_narrow_the_answer(runner: CliRunner) -> None:
    code, out, _ = _run(
        runner, "--archive", str(MINI_ARCHIVE), "-d", str(MINI), "--uncovered", "--json"
    )
    assert code == 1
    assert [(s["source"], s["index"]) for s in json.loads(out)["sentences"]] == [("alpha", 1)]
    code, out, _ = _run(
        runner, "--archive", str(MINI_ARCHIVE), "-d", str(MINI), "--source", "beta", "--json"
    )
    assert code == 0
    assert {s["source"] for s in json.loads(out)["sentences"]} == {"beta"}
    code, out, err = _run(runner, "--archive", str(MINI_ARCHIVE), "-d", str(MINI), "-s", "nope")
    assert (code, out) == (1, "")
    assert "unknown source 'nope'" in err


def _mini_with_ledger(tmp_path: Path, ledger: str) -> Path:
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    (facts / "coverage.toml").write_text(ledger, encoding="utf-8")
    return facts


def test_the_ledger_accounts_for_sentences_that_carry_no_fact(
    runner: CliRunner, tmp_path: Path
) -> None:
    facts = _mini_with_ledger(
        tmp_path,
        '[[skip]]\nsource = "alpha"\nsentence = "Alpha Daily."\nreason = "the masthead"\n',
    )
    code, out, err = _run(runner, "--archive", str(MINI_ARCHIVE), "-d", str(facts), "--json")
    assert (code, err) == (0, "")
    first = json.loads(out)["sentences"][0]
    assert (first["status"], first["reason"]) == ("not a fact", "the masthead")
    validate = runner.invoke(app, ["validate", "-d", str(facts)])
    assert validate.exit_code == 0, validate.stderr  # the ledger is not read as a fact file


def test_a_ledger_entry_matching_no_sentence_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    facts = _mini_with_ledger(
        tmp_path,
        '[[skip]]\nsource = "alpha"\nsentence = "Alpha Daily."\nreason = "the masthead"\n'
        '[[skip]]\nsource = "beta"\nsentence = "No such sentence."\nreason = "gone"\n',
    )
    code, out, err = _run(runner, "--archive", str(MINI_ARCHIVE), "-d", str(facts))
    assert code == 1
    assert "Stale ledger entries" in out and "beta   skip No such sentence. gone" in out
    assert err == "factcli: 1 ledger entr(ies) match no sentence\n"


def _partly_stated(tmp_path: Path, ledger: str = "") -> Path:
    """The mini base, where Beta's attendance note no longer says who said how many attended."""
    facts = _mini_with_ledger(tmp_path, ledger)
    visit = facts / "visits" / "2020-03-springfield.toml"
    text = visit.read_text(encoding="utf-8")
    old = 'note = "Beta: 15 people attended."'
    assert old in text
    visit.write_text(text.replace(old, 'note = "Beta: attendance."'), encoding="utf-8")
    return facts


def test_a_sentence_its_claims_state_only_in_part_is_partly_stated(
    runner: CliRunner, tmp_path: Path
) -> None:
    facts = _partly_stated(tmp_path)
    args = ["--archive", str(MINI_ARCHIVE), "-d", str(facts), "--source", "beta"]
    code, out, err = _run(runner, *args)
    # Partly stated sentences are listed, and fail the run as uncovered ones do.
    assert (code, err) == (
        1,
        "factcli: 1 sentence(s) partly stated: words that carry a fact are stated by no"
        " claim and excused by no [[remainder]]\n",
    )
    assert out == (
        "Coverage by source\n"
        "Source Sentences Cited Partly stated Not facts Uncovered Stated\n"
        "───────────────────────────────────────────────────────────────\n"
        "beta   4         4     1             0         0         75%\n"
        "\n"
        "Partly stated sentences\n"
        "Source # Unstated words        Sentence\n"
        "─────────────────────────────────────────────────────────────────\n"
        "beta   3 officials said people Officials said 15 people attended.\n"
        "\n"
    )
    data = json.loads(_run(runner, *args, "--json")[1])
    (row,) = [s for s in data["sentences"] if s["index"] == 3]
    assert (row["status"], row["unstated"]) == ("partly stated", ["officials", "said", "people"])
    assert data["sources"][0]["share"] == 0.75


def test_the_ledger_excuses_a_remainder_with_its_reason(runner: CliRunner, tmp_path: Path) -> None:
    ledger = (
        '[[remainder]]\nsource = "beta"\nsentence = "Officials said 15 people attended."\n'
        'reason = "who counted carries no fact here"\n'
        '[[remainder]]\nsource = "beta"\nsentence = "Mayor Joe Quimby greeted him."\n'
        'reason = "stated already"\n'
    )
    facts = _partly_stated(tmp_path, ledger)
    args = ["--archive", str(MINI_ARCHIVE), "-d", str(facts), "--source", "beta", "--json"]
    code, out, err = _run(runner, *args)
    data = json.loads(out)
    (row,) = [s for s in data["sentences"] if s["index"] == 3]
    assert (row["status"], row["reason"]) == ("cited", "who counted carries no fact here")
    assert row["unstated"] == ["officials", "said", "people"]
    assert data["sources"][0]["share"] == 1.0
    # A remainder the claims state already excuses nothing: it is stale.
    assert data["stale_ledger"] == [
        {
            "source": "beta",
            "sentence": "Mayor Joe Quimby greeted him.",
            "reason": "stated already",
            "kind": "remainder",
        }
    ]
    assert (code, err) == (1, "factcli: 1 ledger entr(ies) match no sentence\n")


def test_an_excused_remainder_passes_the_run(runner: CliRunner, tmp_path: Path) -> None:
    ledger = (
        '[[remainder]]\nsource = "beta"\nsentence = "Officials said 15 people attended."\n'
        'reason = "who counted carries no fact here"\n'
    )
    facts = _partly_stated(tmp_path, ledger)
    args = ["--archive", str(MINI_ARCHIVE), "-d", str(facts), "--source", "beta"]
    code, out, err = _run(runner, *args)
    assert (code, err) == (0, "")
    assert "Partly stated sentences" not in out
    code, _, err = _run(runner, *args, "--uncovered")
    assert (code, err) == (0, "factcli: every sentence is cited or in the ledger\n")


def test_who_asserts_a_claim_is_what_it_states(runner: CliRunner, tmp_path: Path) -> None:
    facts = _partly_stated(tmp_path)
    visit = facts / "visits" / "2020-03-springfield.toml"
    text = visit.read_text(encoding="utf-8")
    old = 'note = "Beta: attendance."'
    visit.write_text(text.replace(old, old + '\naccording_to = "officials"'), encoding="utf-8")
    args = ["--archive", str(MINI_ARCHIVE), "-d", str(facts), "--source", "beta", "--json"]
    data = json.loads(_run(runner, *args)[1])
    (row,) = [s for s in data["sentences"] if s["index"] == 3]
    # "[2] according to officials" states "Officials"; "said" and "people" alone carry no fact.
    assert (row["status"], row["unstated"]) == ("cited", [])


def test_a_malformed_ledger_is_named_with_its_key_path(runner: CliRunner, tmp_path: Path) -> None:
    facts = _mini_with_ledger(tmp_path, '[[skip]]\nsource = "alpha"\nreasons = "typo"\n')
    code, out, err = _run(runner, "--archive", str(MINI_ARCHIVE), "-d", str(facts))
    assert (code, out) == (1, "")
    assert "coverage.toml: skip[0].reasons: unknown key 'reasons'" in err
    assert "coverage.toml: skip[0].sentence: a non-empty string is required" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("archive")
def test_every_fact_bearing_sentence_of_the_shipped_articles_is_cited(
    runner: CliRunner,
) -> None:
    """Fails when a sentence of the five articles is neither cited by a claim nor in the ledger."""
    code, out, err = _run(runner, "--archive", str(ARCHIVE), "--uncovered", "--json")
    uncovered = [f"{s['source']} {s['index']}: {s['text']}" for s in json.loads(out)["sentences"]]
    assert uncovered == []
    assert json.loads(out)["stale_ledger"] == []
    assert (code, err) == (0, "factcli: every sentence is cited or in the ledger\n")


@pytest.mark.usefixtures("archive")
def test_facts_readme_coverage_table_is_the_commands_output(runner: CliRunner) -> None:
    code, out, _ = _run(runner, "--archive", str(ARCHIVE), "--format", "markdown")
    assert code == 0
    # The summary: the first table (the partly stated sentences follow it, listed in full).
    first = out.split("\n\n## ")[1]
    table = "".join(line + "\n" for line in first.splitlines() if line.startswith("|"))
    text = FACTS_README.read_text(encoding="utf-8")
    if os.environ.get("FACTCLI_UPDATE_DOCS"):
        text = TABLE.sub(lambda _: f"<!-- coverage:start -->\n{table}<!-- coverage:end -->", text)
        FACTS_README.write_text(text, encoding="utf-8")
    found = TABLE.search(text)
    assert found is not None, "facts/README.md has no <!-- coverage:start --> block"
    assert found["table"] == table


@pytest.mark.usefixtures("archive")
def test_installed_command_reads_the_bundled_ledger(tmp_path: Path) -> None:
    """End to end, from another folder: the bundled facts and their ledger are found."""
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCLI_FACTS_DIR", "FACTCLI_ARCHIVE")}
    result = subprocess.run(
        [FACTCLI, "coverage", "--archive", str(ARCHIVE.resolve()), "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert [s["uncovered"] for s in data["sources"]] == [0, 0, 0, 0, 0]
    assert (
        sum(s["not_facts"] for s in data["sources"])
        == len([s for s in data["sentences"] if s["status"] == "not a fact"])
        > 0
    )


def test_unstated_words_carry_a_fact_when_a_number_or_three_words() -> None:
    # Articles, auxiliaries and a possessive's lone "s" carry no fact; a number does.
    words = content_words("The minister’s 2 aides were in Moscow.")
    assert words == ["minister", "2", "aides", "moscow"]
    assert carries_fact(("2",))
    assert carries_fact(("expected", "through", "week"))
    assert not carries_fact(("officials", "said"))
    assert not carries_fact(())
