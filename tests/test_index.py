"""The derived index: same answers as a full load, and never a wrong one.

Fresh, stale, changed, deleted, renamed, corrupt, locked, unusable and
concurrent indexes are each set up for real on disk; speed is benchmarked in
bench/, never asserted here.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.index import reading, store
from factcli.index.opening import open_index
from factcli.index.store import index_path
from factcli.model.records import FactBase
from factcli.query.access import LoadedFacts

from .conftest import FACTCLI, FACTS, MINI

AN_HOUR_AGO = 3600


def _age(root: Path) -> None:
    """Date every file an hour back, as files in a checkout usually are."""
    for path in root.rglob("*.toml"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - AN_HOUR_AGO * 10**9))


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    """A writable, aged copy of the mini fact base."""
    target = tmp_path / "facts"
    shutil.copytree(MINI, target)
    _age(target)
    return target


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The display names of the files the index reads from disk.

    The copies were made moments ago: their ctime, which no test can age, would
    make every file too recent to trust and read again on every run.
    """
    monkeypatch.setattr(store, "RACY_SECONDS", 0.0)
    seen: list[str] = []
    real = reading.read_fact_file

    def counting(path: Path, display: str) -> object:
        seen.append(Path(display).name)
        return real(path, display)

    monkeypatch.setattr(reading, "read_fact_file", counting)
    yield seen


def usable(root: Path) -> bool:
    """Whether the index of ``root`` can answer (brought up to date on the way)."""
    access = open_index(root)
    if access is None:
        return False
    access.close()
    return True


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a fact file, as a user editing it would."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def move_springfield(facts: Path) -> None:
    """Replace the Springfield visit by a Shelbyville one: one file deleted, one added."""
    original = facts / "visits" / "2020-03-springfield.toml"
    moved = facts / "visits" / "2020-04-shelbyville.toml"
    moved.write_text(
        original.read_text(encoding="utf-8").replace(
            'id = "2020-03-springfield"', 'id = "2020-04-shelbyville"'
        ),
        encoding="utf-8",
    )
    original.unlink()


def answer(runner: CliRunner, *args: str, index: bool = True) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command, with or without the index."""
    env = {} if index else {"FACTCLI_NO_INDEX": "1"}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


SHIPPED_QUESTIONS = [
    ["show", "2022-07-moscow"],
    ["show", "2021-06-moscow", "--format", "markdown"],
    ["show", "2022-09-vladivostok", "--json"],
    ["show", "2021-02-coup"],
    ["show", "moscow"],
    ["visits"],
    ["visits", "--json"],
    ["visits", "--year", "2022"],
    ["visits", "--since", "2022-08", "--json"],
    ["visits", "--until", "2021-12"],
    ["visits", "--city", "kaluga"],
    ["visits", "--country", "RUSSIA"],
    ["visits", "--person", "shoigu"],
    ["visits", "--person", "Mi Aung Hlaing", "--json"],
    ["visits", "--org", "rosatom"],
    ["visits", "--year", "2019"],
    ["timeline"],
    ["timeline", "--since", "2022", "--json"],
    ["timeline", "--person", "blinken"],
    ["person", "Anthony Blinken"],
    ["person", "shoigu", "--json"],
    ["person", "aung"],
    ["person", "nobody at all"],
    ["person", "Min Aung Hlaing", "--json"],
    ["person", "min-aung-hlaing"],
    ["person", "SENIOR GENERAL MIN AUNG HLAING"],
    ["org", "Rosatom"],
    ["org", "rosatom", "--json"],
    ["search", "shoigu"],
    ["search", "Mi Aung", "--json"],
    ["search", "blinken", "-n", "50", "--format", "csv"],
    ["search", "877"],
    ["search", "moscow kaluga"],
    ["search", "rosa"],
    ["search", "no such words anywhere"],
    ["sources"],
    ["sources", "--visit", "2022-07-moscow", "--json"],
    ["conflicts", "--json"],
]


@pytest.mark.parametrize("args", SHIPPED_QUESTIONS, ids=" ".join)
def test_indexed_answers_equal_full_load_answers(runner: CliRunner, args: list[str]) -> None:
    args = [*args, "--facts-dir", str(FACTS)]
    assert answer(runner, *args) == answer(runner, *args, index=False)


@pytest.fixture
def in_parallel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Index in worker processes however few the files, into a cache of its own."""
    monkeypatch.setattr(reading, "PARALLEL_FROM", 1)
    monkeypatch.setattr(reading, "_cores", lambda: 2)
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "parallel-cache"))


@pytest.mark.parametrize("args", SHIPPED_QUESTIONS[::3], ids=" ".join)
@pytest.mark.usefixtures("in_parallel")
def test_an_index_read_in_parallel_gives_the_same_answers(
    runner: CliRunner, args: list[str]
) -> None:
    args = [*args, "--facts-dir", str(FACTS)]
    assert answer(runner, *args) == answer(runner, *args, index=False)


@pytest.mark.usefixtures("in_parallel")
def test_a_broken_file_read_in_parallel_is_reported_as_without_the_index(
    runner: CliRunner, facts: Path
) -> None:
    (facts / "visits" / "broken.toml").write_text("[visit]\nid = 3\n", encoding="utf-8")
    indexed = answer(runner, "visits", "--facts-dir", str(facts))
    assert indexed == answer(runner, "visits", "--facts-dir", str(facts), index=False)
    assert indexed[0] == 1 and "broken.toml" in indexed[2]


def test_the_index_is_used_when_fresh(facts: Path, reads: list[str]) -> None:
    assert usable(facts)
    assert sorted(reads) == [
        "2020-03-springfield.toml",
        "events.toml",
        "people.toml",
        "sources.toml",
    ]
    reads.clear()
    assert usable(facts)
    assert reads == []  # nothing changed, nothing re-read


def test_a_changed_file_is_the_only_one_read_again(
    runner: CliRunner, facts: Path, reads: list[str]
) -> None:
    usable(facts)
    visit = facts / "visits" / "2020-03-springfield.toml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("Harvest Fair visit", "Autumn Fair visit"),
        encoding="utf-8",
    )
    reads.clear()
    code, out, _ = answer(runner, "show", "2020-03-springfield", "-d", str(facts), "--json")
    assert reads == ["2020-03-springfield.toml"]
    assert code == 0 and '"title": "Autumn Fair visit"' in out
    for words in ("autumn", "harvest fair visit"):
        search = ("search", words, "-d", str(facts), "--json")
        assert answer(runner, *search) == answer(runner, *search, index=False)
    assert "Autumn" in answer(runner, "search", "autumn", "-d", str(facts))[1]


def test_deleted_and_added_files_are_seen(runner: CliRunner, facts: Path) -> None:
    args = ("visits", "-d", str(facts), "--fields", "id", "--format", "csv")
    assert answer(runner, *args)[1] == "id\n2020-03-springfield\n"
    move_springfield(facts)
    assert answer(runner, *args)[1] == "id\n2020-04-shelbyville\n"
    code, _, err = answer(runner, "show", "2020-03-springfield", "-d", str(facts))
    assert code == 1 and "no visit or event with id '2020-03-springfield'" in err


def test_a_renamed_person_is_found_by_the_new_name_in_other_files(
    runner: CliRunner, facts: Path
) -> None:
    args = ("search", "-d", str(facts), "--json", "--fields", "record_id,field,snippet")
    before = answer(runner, *args, "quimby")[1]
    people = facts / "people.toml"
    people.write_text(
        people.read_text(encoding="utf-8").replace('name = "Joe Quimby"', 'name = "Joseph Q"'),
        encoding="utf-8",
    )
    after = answer(runner, *args, "joseph")
    assert after == answer(runner, *args, "joseph", index=False)
    assert '"record_id": "2020-03-springfield"' in after[1]  # a claim naming him, in another file
    assert "Joe Quimby" in before


def test_the_full_text_index_matches_its_documents_after_every_kind_of_update(
    runner: CliRunner, facts: Path
) -> None:
    usable(facts)
    edit(facts / "visits" / "2020-03-springfield.toml", "Harvest Fair visit", "Autumn Fair visit")
    edit(facts / "people.toml", 'name = "Joe Quimby"', 'name = "Joseph Q"')
    assert usable(facts)
    move_springfield(facts)
    assert usable(facts)
    path = index_path(facts)
    assert path is not None
    with closing(sqlite3.connect(path)) as connection:
        # Fails as "database disk image is malformed" if a word was left behind or lost.
        connection.execute("INSERT INTO docs_fts (docs_fts, rank) VALUES ('integrity-check', 1)")
    for words in ("harvest", "autumn", "quimby", "joseph", "springfield", "shelbyville"):
        search = ("search", words, "-d", str(facts), "--json")
        assert answer(runner, *search) == answer(runner, *search, index=False)


@pytest.mark.parametrize(
    "name", ["Mayor Quimby", "Ana Ruiz", "ana-ruiz", "The Minister", "mayor", "Quimbi"]
)
def test_a_name_found_exactly_is_resolved_as_with_the_whole_registry(
    runner: CliRunner, facts: Path, name: str
) -> None:
    # Ana Ruiz gets Joe Quimby's alias too: an exact name two people share is ambiguous.
    edit(
        facts / "people.toml", 'name = "Ana Ruiz"', 'name = "Ana Ruiz"\naliases = ["Mayor Quimby"]'
    )
    args = ("person", name, "-d", str(facts), "--json")
    assert answer(runner, *args) == answer(runner, *args, index=False)


def test_an_invalid_fact_base_is_reported_as_without_the_index(
    runner: CliRunner, facts: Path
) -> None:
    usable(facts)
    (facts / "broken.toml").write_text("[visit\n", encoding="utf-8")
    assert not usable(facts)
    with_index = answer(runner, "visits", "-d", str(facts))
    assert with_index == answer(runner, "visits", "-d", str(facts), index=False)
    assert with_index[0] == 1 and "broken.toml:1" in with_index[2]
    (facts / "broken.toml").unlink()
    assert usable(facts)


def test_a_dangling_reference_across_files_makes_the_index_step_aside(facts: Path) -> None:
    usable(facts)
    people = facts / "people.toml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace('id = "ana-ruiz"', 'id = "ana-ruiz-2"'), encoding="utf-8")
    assert not usable(facts)


def test_a_corrupt_index_is_rebuilt(runner: CliRunner, facts: Path) -> None:
    usable(facts)
    path = index_path(facts)
    assert path is not None
    path.write_bytes(b"this is not a database at all" * 100)
    code, out, err = answer(runner, "show", "2020-03-springfield", "-d", str(facts))
    assert code == 0 and "Harvest Fair visit" in out
    assert err == f"factcli: discarded a damaged index (file is not a database): {path}\n"
    assert sqlite3.connect(path).execute("SELECT count(*) FROM files").fetchone() == (4,)


def test_an_index_from_another_format_is_rebuilt(facts: Path, reads: list[str]) -> None:
    usable(facts)
    path = index_path(facts)
    assert path is not None
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = 'old' WHERE key = 'format'")
    reads.clear()
    assert usable(facts)
    assert len(reads) == 4


def test_a_locked_index_is_bypassed_not_waited_for(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "LOCK_WAIT_SECONDS", 0.05)
    usable(facts)
    (facts / "visits" / "2020-03-springfield.toml").touch()  # stale: needs the write lock
    path = index_path(facts)
    assert path is not None
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert not usable(facts)
        code, out, err = answer(runner, "show", "2020-03-springfield", "-d", str(facts))
        assert (code, err) == (0, "") and "Harvest Fair visit" in out
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert usable(facts)


def test_an_unusable_cache_folder_means_answering_without_the_index(
    runner: CliRunner, facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(not_a_folder / "factcli"))
    assert not usable(facts)
    code, out, err = answer(runner, "show", "2020-03-springfield", "-d", str(facts))
    assert (code, err) == (0, "") and "Harvest Fair visit" in out


def test_switching_the_index_off(facts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCLI_NO_INDEX", "1")
    assert not usable(facts)


def test_each_facts_folder_has_its_own_index(facts: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(facts, other)
    assert index_path(facts) != index_path(other)
    assert usable(facts) and usable(other)


@pytest.mark.slow  # four processes at once
def test_concurrent_first_runs_all_answer_correctly(facts: Path) -> None:
    command = [FACTCLI, "show", "2020-03-springfield", "-d", str(facts), "--json"]
    env = {**os.environ}
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    outputs = [(*run.communicate(timeout=60), run.returncode) for run in runs]
    expected = subprocess.run(
        command, capture_output=True, env={**env, "FACTCLI_NO_INDEX": "1"}, check=True
    ).stdout
    assert all(out == expected and err == b"" and code == 0 for out, err, code in outputs)


def test_ids_and_registry_for_completion_match_a_full_load(shipped: FactBase) -> None:
    indexed = open_index(FACTS)
    assert indexed is not None
    with indexed:
        assert indexed.record_ids() == LoadedFacts(shipped).record_ids()
        assert indexed.registry().entities == shipped.entities
