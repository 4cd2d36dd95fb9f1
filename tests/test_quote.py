"""``factcli quote``: the verbatim passage behind a retyped quote, and TOML to paste."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import tomli
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.records import FactBase
from factcli.query.archive import ArchivedText
from factcli.query.passages import closest_passage, find_passages, matchable, word_diff
from factcli.query.quotes import read_archive
from factcli.render.authoring import toml_string, wdiff

from .conftest import ARCHIVE, FACTS, MINI, MINI_ARCHIVE
from .test_e2e import run


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("archive")
@pytest.mark.parametrize(
    ("typed", "verbatim"),
    [
        # straight quote marks for curly ones
        (
            'described by the Russian embassy in Myanmar as "private,"',
            "described by the Russian embassy in Myanmar as “private,”",
        ),
        # a word wrong
        (
            "Rosatom's communications office in Singapore told Myanmar Now",
            "Rosatom’s communications department in Singapore told Myanmar Now",
        ),
        # a phrase left out
        (
            "the two countries signed a Memorandum of Understanding concerning",
            "the two countries signed a Memorandum of Understanding that day concerning",
        ),
        # a dash typed as a hyphen, in another case
        (
            "met with alexey likhachev - the director general of the state-owned rosatom",
            "met with Alexey Likhachev—the director general of the state-owned Rosatom",
        ),
    ],
)
def test_finds_the_verbatim_passage(shipped: FactBase, typed: str, verbatim: str) -> None:
    texts, missing = read_archive(shipped, ARCHIVE)
    assert missing == []
    best = find_passages(typed, texts)[0]
    assert best.source_id == "myanmar-now-2022-07"
    assert best.text == verbatim
    archived = (ARCHIVE / best.archive).read_text(encoding="utf-8")
    assert archived[best.start : best.end] == verbatim


@pytest.mark.usefixtures("archive")
def test_a_verbatim_quote_scores_100_and_passages_are_ranked(shipped: FactBase) -> None:
    texts, _ = read_archive(shipped, ARCHIVE)
    found = find_passages("Military-controlled media did not report on the visit", texts, limit=3)
    assert found[0].score == 100.0
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


def test_several_passages_of_one_text_do_not_overlap() -> None:
    text = "The minister met the mayor. Later the minister met the mayors again."
    found = find_passages("the minister met the mayor", [ArchivedText("a", "a.txt", text)], limit=2)
    assert [p.text for p in found] == ["The minister met the mayor", "the minister met the mayors"]
    assert found[0].end <= found[1].start


def test_matchable_keeps_one_character_per_character() -> None:
    raw = "“İstanbul” — it’s\u00a0here\n"
    assert len(matchable(raw)) == len(raw)
    assert matchable(raw) == '"İstanbul" - it\'s here '


def test_closest_passage_and_word_diff(mini: FactBase) -> None:
    texts, _ = read_archive(mini, MINI_ARCHIVE, "alpha")
    closest = closest_passage("He met Mayor Joe Quimby and signed a friendship treaty", texts)
    assert closest is not None
    assert closest.text == "He met Mayor Jöe Quimby and signed a “friendship pact”"
    diff = word_diff("He met Mayor Joe Quimby and signed a friendship treaty", closest.text)
    assert wdiff(diff) == (
        "He met Mayor [-Joe-] {+Jöe+} Quimby and signed a [-friendship treaty-] "
        "{+“friendship pact”+}"
    )
    # Quote marks and spacing are never a difference: verify-quotes ignores them too.
    assert [p.op for p in word_diff('a "b"  c', "a “b” c")] == ["="]


def test_toml_string_round_trips_through_a_toml_parser() -> None:
    text = 'a "quoted" back\\slash, tab\t, escape \x1b and “curly”'
    assert tomli.loads(f"x = {toml_string(text)}")["x"] == text
    assert "\x1b" not in toml_string(text)


@pytest.mark.usefixtures("archive")
def test_quote_toml_line_is_ready_to_paste() -> None:
    code, out, err = invoke(
        "quote",
        'the embassy in Myanmar as "private"',
        "-d",
        str(FACTS),
        "--archive",
        str(ARCHIVE),
        "--toml",
    )
    assert (code, err) == (0, "")
    assert out == (
        '{ source = "myanmar-now-2022-07", quote = "embassy in Myanmar as “private,”" }\n'
    )
    assert tomli.loads(f"cite = [{out.strip()}]")["cite"][0]["source"] == "myanmar-now-2022-07"


def test_quote_table_and_json_show_score_source_offsets_text() -> None:
    args = ("quote", "Officials said 12 people attended", "-d", str(MINI), "--archive")
    code, out, _ = invoke(*args, str(MINI_ARCHIVE))
    assert code == 0
    assert [line.rstrip() for line in out.splitlines()] == [
        "Passages like “Officials said 12 people attended”",
        "Score Source Chars   Text",
        "─" * 54,
        "100.0 alpha  143-176 Officials said 12 people attended",
        "97.0  beta   80-113  Officials said 15 people attended",
        "",
    ]
    code, out, _ = invoke(*args, str(MINI_ARCHIVE), "--json", "--limit", "2")
    assert code == 0
    assert json.loads(out) == [
        {
            "score": 100.0,
            "source": "alpha",
            "archive": "alpha.txt",
            "start": 143,
            "end": 176,
            "text": "Officials said 12 people attended",
        },
        {
            "score": 97.0,
            "source": "beta",
            "archive": "beta.txt",
            "start": 80,
            "end": 113,
            "text": "Officials said 15 people attended",
        },
    ]


def test_quote_finds_an_article_no_source_cites_yet(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(MINI_ARCHIVE, archive)
    (archive / "gamma.txt").write_text("Gamma Post. The fair closed early.", encoding="utf-8")
    (archive / "notes.md").write_text("The fair closed early.", encoding="utf-8")
    code, out, _ = invoke(
        "quote", "the fair closed early", "-d", str(MINI), "--archive", str(archive), "--toml"
    )
    assert code == 0
    assert out == (
        '{ source = "", quote = "The fair closed early" }'
        '  # no source has archive = "gamma.txt" yet\n'
    )


def test_quote_source_option_and_failures(tmp_path: Path) -> None:
    base = ("-d", str(MINI), "--archive", str(MINI_ARCHIVE))
    code, out, _ = invoke("quote", "Officials said 12 people attended", *base, "-s", "beta")
    assert code == 0 and "beta" in out and "alpha" not in out
    code, out, err = invoke("quote", "zebra xylophone", *base)
    assert (code, out) == (1, "") and "no passage scores 70 or more" in err
    code, _, err = invoke("quote", "anything", *base, "-s", "nowhere")
    assert code == 1 and "unknown source 'nowhere'" in err
    code, _, err = invoke("quote", "  ", *base)
    assert code == 2 and "give the words" in err
    code, _, err = invoke("quote", "x", "-d", str(MINI), "--archive", str(tmp_path / "no"))
    assert code == 1 and "archive directory does not exist" in err
    (tmp_path / "alpha.txt").write_bytes(b"\xff\xfe bad")
    shutil.copy(MINI_ARCHIVE / "beta.txt", tmp_path / "beta.txt")
    (tmp_path / "gamma.txt").write_bytes(b"\xff also bad")
    code, out, err = invoke(
        "quote", "Officials said 15 people", "-d", str(MINI), "--archive", str(tmp_path), "--toml"
    )
    assert code == 0 and out == '{ source = "beta", quote = "Officials said 15 people" }\n'
    assert "alpha.txt: not UTF-8 text" in err and "gamma.txt: not UTF-8 text" in err
    assert "Traceback" not in err
    code, _, err = invoke("quote", "x", "-d", str(MINI), "--archive", str(tmp_path), "-s", "alpha")
    assert code == 1 and "alpha.txt: not UTF-8 text" in err


def test_quote_skips_a_missing_archived_text_saying_so(tmp_path: Path) -> None:
    shutil.copy(MINI_ARCHIVE / "alpha.txt", tmp_path / "alpha.txt")
    code, out, err = invoke(
        "quote", "Officials said 12 people attended", "-d", str(MINI), "--archive", str(tmp_path)
    )
    assert code == 0 and "alpha" in out
    assert err == f"skipped: {tmp_path / 'beta.txt'}: archived text of source 'beta' not found\n"


@pytest.mark.usefixtures("archive")
def test_installed_quote_reads_the_archive_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FACTCLI_ARCHIVE", str(ARCHIVE))
    result = run("quote", "Military controlled media didn't report the visit", "--toml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        '{ source = "myanmar-now-2022-07", '
        'quote = "Military-controlled media did not report on the visit" }\n'
    )


def test_verify_quotes_names_the_closest_passage_with_a_word_diff(facts_copy: Path) -> None:
    visit = next((facts_copy / "visits").glob("*.toml"))
    text = visit.read_text(encoding="utf-8")
    visit.write_text(
        text.replace('"flew to Springfield on Monday"', '"flew to Springfield on a Monday"'),
        encoding="utf-8",
    )
    args = ("verify-quotes", "-d", str(facts_copy), "--archive", str(MINI_ARCHIVE))
    code, out, err = invoke(*args)
    assert code == 1 and err == "factcli: 14 quotes checked, 1 not found\n"
    assert [line.rstrip() for line in out.splitlines()][-6:] == [
        "Closest passages",
        "Where                   Source Chars Passage             Word diff",
        "─" * 79,
        "2020-03-springfield     alpha  26-55 flew to Springfield flew to Springfield on",
        "places[0]                            on Monday           [-a-] Monday",
        "",
    ]
    code, out, _ = invoke(*args, "--json")
    failure = json.loads(out)["failures"][0]
    assert failure["closest"] == {
        "score": 96.7,
        "source": "alpha",
        "archive": "alpha.txt",
        "start": 26,
        "end": 55,
        "text": "flew to Springfield on Monday",
    }
    assert failure["diff"] == "flew to Springfield on [-a-] Monday"
    archived = (MINI_ARCHIVE / "alpha.txt").read_text(encoding="utf-8")
    assert archived[26:55] == failure["closest"]["text"]


def test_verify_quotes_offers_no_passage_unlike_the_quote(tmp_path: Path) -> None:
    (tmp_path / "alpha.txt").write_text("nothing", encoding="utf-8")
    (tmp_path / "beta.txt").write_text("nothing", encoding="utf-8")
    code, out, _ = invoke("verify-quotes", "-d", str(MINI), "--archive", str(tmp_path), "--json")
    failures = json.loads(out)["failures"]
    assert code == 1 and failures
    assert all(f["closest"] is None and f["diff"] is None for f in failures)


def test_quote_works_while_a_new_file_is_still_a_template(facts_copy: Path) -> None:
    code, _, _ = invoke("new", "org", "gamma-post", "-o", str(facts_copy / "gamma.toml"))
    assert code == 0
    code, out, err = invoke(
        "quote",
        "Officials said 12 people attended",
        "-d",
        str(facts_copy),
        "--archive",
        str(MINI_ARCHIVE),
        "--toml",
    )
    assert code == 0
    assert out == '{ source = "alpha", quote = "Officials said 12 people attended" }\n'
    assert "skipped: " in err and "gamma.toml" in err


def test_toml_citation_of_a_passage_across_a_line_break_is_one_line() -> None:
    code, out, _ = invoke(
        "quote",
        "for the harvest fair. He met Mayor Joe Quimby",
        "-d",
        str(MINI),
        "--archive",
        str(MINI_ARCHIVE),
        "--toml",
    )
    assert code == 0
    assert out == '{ source = "alpha", quote = "for the Harvest Fair. He met Mayor Jöe Quimby" }\n'
    code, out, _ = invoke(
        "quote",
        "for the harvest fair. He met Mayor Joe",
        "-d",
        str(MINI),
        "--archive",
        str(MINI_ARCHIVE),
        "--json",
    )
    assert json.loads(out)[0]["text"] == "for the Harvest Fair.\nHe met Mayor Jöe"


def test_an_archive_name_never_reads_outside_the_archive_folder(
    facts_copy: Path, tmp_path: Path
) -> None:
    (tmp_path / "secret.txt").write_text("The secret passphrase is swordfish.", encoding="utf-8")
    archive = tmp_path / "archive"
    shutil.copytree(MINI_ARCHIVE, archive)
    sources = facts_copy / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace('"beta.txt"', '"../secret.txt"'), encoding="utf-8")
    base = ("-d", str(facts_copy), "--archive", str(archive))
    code, out, err = invoke("quote", "the secret passphrase is swordfish", *base)
    assert "swordfish" not in out
    assert "source 'beta': 'archive' must name a file in the folder" in err
    code, out, _ = invoke("quote", "the secret passphrase", *base, "-s", "beta")
    assert code == 1 and "swordfish" not in out
    code, out, _ = invoke("verify-quotes", *base, "--json")
    assert code == 1 and "swordfish" not in out
    problems = {f["problem"] for f in json.loads(out)["failures"]}
    assert "'archive' must name a file inside the archive folder" in problems


def test_verify_quotes_points_at_the_source_that_holds_a_miscited_quote(
    facts_copy: Path,
) -> None:
    visit = facts_copy / "visits" / "2020-03-springfield.toml"
    edit_from = '{ source = "alpha", quote = "Officials said 12 people attended." }'
    text = visit.read_text(encoding="utf-8")
    assert edit_from in text
    visit.write_text(
        text.replace(edit_from, '{ source = "alpha", quote = "Mayor Joe Quimby greeted him." }'),
        encoding="utf-8",
    )
    code, out, _ = invoke(
        "verify-quotes", "-d", str(facts_copy), "--archive", str(MINI_ARCHIVE), "--json"
    )
    [failure] = json.loads(out)["failures"]
    assert code == 1 and failure["sources"] == ["alpha"]
    assert failure["closest"]["source"] == "beta"
    assert failure["closest"]["text"] == "Mayor Joe Quimby greeted him."
    assert failure["closest"]["score"] == 100.0
    assert failure["diff"] == "Mayor Joe Quimby greeted him."
