"""Exports: every format, atomic writes, never overwriting without --force, SQLite that opens."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.errors import OutputError
from factcli.export.atomic import write_atomically

from .conftest import MINI


def export(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown", "sqlite"])
def test_export_each_format(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"facts.{fmt}"
    code, out, err = export(runner, "--format", fmt, "--output", str(target))
    assert (code, out) == (0, "")
    assert f"wrote {target}" in err
    written = [target.name] + (["facts.metadata.json"] if fmt == "sqlite" else [])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(written)  # no temp or journal
    if fmt == "json":
        data = json.loads(target.read_text(encoding="utf-8"))
        assert {v["id"] for v in data["visits"]} == {
            "2021-06-moscow",
            "2022-07-moscow",
            "2022-09-vladivostok",
        }
    elif fmt == "jsonl":
        kinds = {json.loads(line)["record_type"] for line in target.read_text("utf-8").splitlines()}
        assert kinds == {"visit", "event", "person", "org", "source"}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
        assert rows and all(row["sources"] and row["quotes"] for row in rows)
    elif fmt == "markdown":
        assert "# Visit to Moscow (“private”, per the Russian embassy)" in target.read_text(
            encoding="utf-8"
        )


def test_sqlite_has_foreign_keys_and_full_text_search(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    assert export(runner, "-f", "sqlite", "-o", str(target))[0] == 0
    db = sqlite3.connect(target)
    try:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        delegation = db.execute(
            "SELECT e.name FROM claims c JOIN entities e ON e.id = c.who"
            " WHERE c.record_id = '2022-07-moscow' AND c.section = 'delegation' ORDER BY c.id"
        ).fetchall()
        assert delegation[0] == ("Ye Win Oo",)
        quotes = db.execute(
            "SELECT s.publisher FROM citations ci JOIN sources s ON s.id = ci.source_id"
            " JOIN claims c ON c.id = ci.claim_id WHERE c.text = 'Ye Win Oo'"
        ).fetchall()
        assert quotes == [("Myanmar Now",)]
        hits = db.execute(
            "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'Rosatom'"
        ).fetchone()
        assert hits[0] > 0
        fks = db.execute("PRAGMA foreign_key_list(citations)").fetchall()
        assert {row[2] for row in fks} == {"claims", "sources"}
    finally:
        db.close()


def test_existing_target_is_untouched_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    code, out, err = export(runner, "-f", "json", "-o", str(target))
    assert (code, out) == (1, "")
    assert "already exists; pass --force" in err
    assert target.read_text(encoding="utf-8") == "precious"
    code, _, _ = export(runner, "-f", "json", "-o", str(target), "--force")
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["visits"]


def test_output_can_never_be_an_input_fact_file(runner: CliRunner, facts_copy: Path) -> None:
    victim = facts_copy / "people.toml"
    before = victim.read_bytes()
    code, _, err = export(runner, "-d", str(facts_copy), "-f", "json", "-o", str(victim), "--force")
    assert code == 1 and "input fact files" in err
    assert victim.read_bytes() == before


def test_failure_midway_leaves_target_and_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def explode(temp: Path) -> None:
        temp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, explode)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_missing_output_folder_is_a_clean_error(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = export(runner, "-f", "json", "-o", str(tmp_path / "no" / "x.json"))
    assert code == 1 and "no such directory" in err


def test_export_of_fixture_base(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "mini.json"
    assert export(runner, "-d", str(MINI), "-f", "json", "-o", str(target))[0] == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [v["id"] for v in data["visits"]] == ["2020-03-springfield"]


def test_output_error_is_a_factcli_error() -> None:
    assert OutputError("x").exit_code == 1


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_text_exports_follow_the_umask(
    runner: CliRunner, tmp_path: Path, umask: int, mode: int
) -> None:
    target = tmp_path / "all.json"
    previous = os.umask(umask)
    try:
        code, _, err = export(runner, "-d", str(MINI), "-f", "json", "-o", str(target))
    finally:
        os.umask(previous)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_replaced_export_keeps_its_mode(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    code, _, _ = export(runner, "-d", str(MINI), "-f", "json", "-o", str(target), "--force")
    assert code == 0 and stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown"])
def test_dash_means_standard_output(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"all.{fmt}"
    export(runner, "-d", str(MINI), "-f", fmt, "-o", str(target))
    code, out, err = export(runner, "-d", str(MINI), "-f", fmt, "-o", "-")
    assert (code, out, err) == (0, target.read_text(encoding="utf-8"), "")


def test_dash_is_refused_for_sqlite(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = export(runner, "-d", str(MINI), "-f", "sqlite", "-o", "-")
    assert (code, out) == (2, "") and "an SQLite database is a file" in err
    assert list(tmp_path.iterdir()) == []


def test_report_to_dash_is_standard_output(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", "-d", str(MINI), "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["all.json", "more.toml", "visits/new.toml", "report.md"])
def test_outputs_inside_the_facts_folder_are_refused(
    runner: CliRunner, facts_copy: Path, name: str
) -> None:
    before = sorted(p.relative_to(facts_copy) for p in facts_copy.rglob("*"))
    target = facts_copy / name
    if name.endswith(".md"):
        result = runner.invoke(app, ["report", "-d", str(facts_copy), "-o", str(target)])
        code, err = result.exit_code, result.stderr
    else:
        code, _, err = export(runner, "-d", str(facts_copy), "-f", "json", "-o", str(target))
    assert code == 1
    assert f"{target}: refusing to write inside the facts folder {facts_copy}" in err
    assert sorted(p.relative_to(facts_copy) for p in facts_copy.rglob("*")) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_a_read_only_folder_is_a_clean_error(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = export(runner, "-d", str(MINI), "-f", fmt, "-o", str(folder / "x"))
    finally:
        folder.chmod(0o755)
    assert code == 1 and "cannot write" in err and "Traceback" not in err
    assert list(folder.iterdir()) == []
