"""The loader on fixture files: good ones load into records, broken ones name file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcli.errors import FactsDirError, InvalidFactsError
from factcli.model.files import discover
from factcli.model.loader import load_directory, load_facts
from factcli.model.records import FactBase

from .conftest import MINI


def test_mini_loads_into_typed_records(mini: FactBase) -> None:
    visit = mini.visits["2020-03-springfield"]
    assert visit.start.value.text == "2020-03-02"
    assert visit.end is None
    assert [d.who for d in visit.delegation] == ["the-minister"]
    counterpart = visit.counterparts[0]
    assert counterpart.date is not None and counterpart.date.basis == "inferred"
    assert counterpart.date.as_stated == "on Monday"
    assert counterpart.evidence.cite[0].source == "alpha"
    assert mini.sources["alpha"].published.basis == "inferred"
    assert mini.entities["joe-quimby"].aliases == ("Jöe Quimby", "Mayor Quimby")
    assert mini.events["2020-fair"].date.value.text == "2020-03"


EVENT = '[[events]]\nid = "e"\ntitle = "E"\nkind = "k"\nsummary = "s"\ndate = "2020"\n'


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problems(root: Path) -> list[str]:
    return [str(p) for p in load_directory(root).problems]


def test_problem_names_file_line_and_key_path(facts_copy: Path) -> None:
    path = facts_copy / "visits" / "2020-03-springfield.toml"
    text = path.read_text(encoding="utf-8").replace('role = "minister"', "role = 42")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row == "role = 42")
    assert _problems(facts_copy) == [
        f"{path}:{line}: visit.delegation[0].role: expected a string, got an integer"
    ]


def test_unknown_key_suggests_the_right_one(facts_copy: Path) -> None:
    _write(
        facts_copy,
        "extra.toml",
        '[[events]]\nid = "x"\ntitle = "X"\nkind = "k"\nsummry = "s"\ndate = "2020"\n'
        'cite = [{ source = "alpha", quote = "q" }]\n',
    )
    problems = _problems(facts_copy)
    assert any(
        "extra.toml:5: events[0].summry: unknown key (did you mean 'summary'?)" in p
        for p in problems
    )
    assert any("events[0].summary: missing required key" in p for p in problems)


def test_every_problem_in_every_file_is_reported(facts_copy: Path) -> None:
    _write(facts_copy, "a.toml", "[visit\n")
    _write(facts_copy, "b.toml", "")
    _write(facts_copy, "c.toml", '[[orgs]]\nid = "Bad Id"\nname = "x"\n')
    problems = _problems(facts_copy)
    assert any(
        p.startswith(f"{facts_copy / 'a.toml'}:1:") and "TOML syntax error" in p for p in problems
    )
    assert f"{facts_copy / 'b.toml'}: file is empty" in problems
    assert any("c.toml:2: orgs[0].id: 'Bad Id' is not a slug" in p for p in problems)


def test_dates_must_be_dates_and_end_not_before_start(facts_copy: Path) -> None:
    path = facts_copy / "visits" / "2020-03-springfield.toml"
    start_cite = 'cite = [{ source = "beta", quote = "arrived in Springfield on 2 March 2020" }]'
    text = path.read_text(encoding="utf-8").replace(
        start_cite, start_cite + '\n\n[visit.end]\nvalue = "2020-02-01"\n' + start_cite
    )
    path.write_text(text, encoding="utf-8")
    (facts_copy / "events.toml").write_text(
        (facts_copy / "events.toml").read_text(encoding="utf-8").replace('"2020-03"', '"March"')
    )
    problems = _problems(facts_copy)
    assert any("visit.end: end 2020-02-01 is before start 2020-03-02" in p for p in problems)
    assert any(
        "events.toml:6: events[0].date: 'March' is not a date like 2022-07 or 2022-07-10" in p
        for p in problems
    )


def test_duplicate_ids_across_files(facts_copy: Path) -> None:
    _write(facts_copy, "dupe.toml", '[[orgs]]\nid = "joe-quimby"\nname = "Another"\n')
    problems = _problems(facts_copy)
    duplicates = [p for p in problems if "duplicate person or org id 'joe-quimby'" in p]
    assert len(duplicates) == 1
    assert "dupe.toml" in duplicates[0] and "people.toml" in duplicates[0]
    # Only the duplicate record is dropped: nothing else in either file dangles.
    assert len(problems) == 1


def test_dangling_references(facts_copy: Path) -> None:
    _write(
        facts_copy,
        "ev.toml",
        EVENT + 'participants = ["nobody"]\ncite = [{ source = "nowhere", quote = "q" }]\n',
    )
    problems = _problems(facts_copy)
    assert any(
        "ev.toml:7: events[0].participants[0]: unknown person or org 'nobody'" in p
        for p in problems
    )
    assert any(
        "ev.toml:8: events[0].cite[0].source: unknown source 'nowhere'" in p for p in problems
    )


def test_inferred_needs_reasoning(facts_copy: Path) -> None:
    _write(
        facts_copy,
        "ev.toml",
        EVENT + 'basis = "inferred"\ncite = [{ source = "alpha", quote = "q" }]\n',
    )
    assert any(
        "events[0].reasoning: an inferred claim needs its reasoning" in p
        for p in _problems(facts_copy)
    )


def test_quote_without_source_is_refused(facts_copy: Path) -> None:
    _write(
        facts_copy,
        "ev.toml",
        EVENT + 'cite = [{ quote = "q" }]\n',
    )
    assert any("events[0].cite[0].source: missing required key" in p for p in _problems(facts_copy))


def test_load_facts_refuses_broken_base_unless_skipping(facts_copy: Path) -> None:
    _write(facts_copy, "broken.toml", "not toml at all")
    with pytest.raises(InvalidFactsError) as caught:
        load_facts(facts_copy)
    assert "broken.toml" in str(caught.value.problems[0])
    facts, problems = load_facts(facts_copy, skip_invalid=True)
    assert "2020-03-springfield" in facts.visits
    assert len(problems) == 1


def test_discover_ignores_non_toml_and_editor_config(facts_copy: Path) -> None:
    _write(facts_copy, "notes.txt", "not a fact file")
    _write(facts_copy, "taplo.toml", "[formatting]\n")
    names = {p.name for p in discover(facts_copy)}
    assert "notes.txt" not in names and "taplo.toml" not in names
    assert "sources.toml" in names


def test_missing_and_non_directory_facts_dir(tmp_path: Path) -> None:
    with pytest.raises(FactsDirError, match="does not exist"):
        discover(tmp_path / "nope")
    afile = _write(tmp_path, "file.toml", "")
    with pytest.raises(FactsDirError, match="is not a directory"):
        discover(afile)


def test_symlink_loop_is_a_clean_error(tmp_path: Path) -> None:
    root = tmp_path / "facts"
    root.mkdir()
    (root / "loop").symlink_to(root, target_is_directory=True)
    with pytest.raises(FactsDirError, match="symbolic link loop"):
        discover(root)


def test_mini_fixture_is_clean() -> None:
    assert load_directory(MINI).problems == []
