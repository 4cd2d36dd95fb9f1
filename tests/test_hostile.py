"""Broken and hostile fact files: clean errors, nothing lost, nothing executed by the terminal.

Each file in tests/hostile/ is dropped into a copy of the mini fixture base.
For each, the exact exit code, the stderr line naming file, line and key path,
an empty stdout and an untouched disk are checked, through ``validate`` and a
query command.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import FACTCLI, MINI

HOSTILE = Path(__file__).resolve().parent / "hostile"

# file -> the stderr line expected for it, after "<facts dir>/"
BROKEN = {
    "empty.toml": "empty.toml: file is empty",
    "whitespace-only.toml": "whitespace-only.toml: file is empty",
    "syntax-unclosed-table.toml": "syntax-unclosed-table.toml:1:7: TOML syntax error: Expected ']' at the end of a table declaration",
    "syntax-bad-value.toml": "syntax-bad-value.toml:1:5: TOML syntax error: Invalid value",
    "syntax-unclosed-string.toml": "syntax-unclosed-string.toml:2:8: TOML syntax error: Illegal character '\\n'",
    "duplicate-key.toml": "duplicate-key.toml:3:9: TOML syntax error: Cannot overwrite a value",
    "duplicate-table.toml": "duplicate-table.toml:4:7: TOML syntax error: Cannot declare ('visit',) twice",
    "wrong-type-id.toml": "wrong-type-id.toml:2: orgs[0].id: expected a string, got an integer",
    "wrong-type-table.toml": "wrong-type-table.toml:1: visit: expected a table, got a string",
    "missing-name.toml": "missing-name.toml:1: orgs[0].name: missing required key",
    "unknown-top-key.toml": "unknown-top-key.toml:1: visits: unknown key (did you mean 'visit'?)",
    "unknown-nested-key.toml": "unknown-nested-key.toml:4: orgs[0].alias: unknown key (did you mean 'aliases'?)",
    "bad-date.toml": "bad-date.toml:6: events[0].date: 'yesterday' is not a date like 2022-07 or 2022-07-10",
    "bad-month.toml": "bad-month.toml:6: events[0].date: '2022-13': month 13 is not 01-12",
    "bad-day.toml": "bad-day.toml:6: events[0].date: '2022-02-30': day 30 does not exist in that month",
    "interval-reversed.toml": "interval-reversed.toml:6: events[0].date: '2022-05/2022-01': the end is before the start",
    "duplicate-id-in-file.toml": "duplicate-id-in-file.toml:6: orgs[1].id: duplicate person or org id 'dup' (also in this file)",
    "dangling-source.toml": "dangling-source.toml:7: events[0].cite[0].source: unknown source 'nowhere'",
    "dangling-person.toml": "dangling-person.toml:7: events[0].participants[0]: unknown person or org 'nobody'",
    "dangling-speaker.toml": "dangling-speaker.toml:10: events[0].statements[0].speaker: unknown person or org 'ghost'",
    "quote-without-source.toml": "quote-without-source.toml:7: events[0].cite[0].source: missing required key",
    "empty-cite.toml": "empty-cite.toml:7: events[0].cite: needs at least 1 item(s)",
    "missing-cite.toml": "missing-cite.toml:1: events[0].cite: missing required key",
    "inferred-without-reasoning.toml": "inferred-without-reasoning.toml:1: events[0].reasoning: an inferred claim needs its reasoning in one line",
    "bad-basis.toml": "bad-basis.toml:7: events[0].basis: expected one of 'stated', 'inferred', got 'guessed'",
    "bad-id-slug.toml": "bad-id-slug.toml:2: orgs[0].id: 'Bad Id' is not a slug like 2024-05-state-visit",
    "empty-string.toml": "empty-string.toml:3: orgs[0].name: must not be empty",
    "array-for-string.toml": "array-for-string.toml:3: orgs[0].name: expected a string, got an array",
    "float-for-string.toml": "float-for-string.toml:3: orgs[0].name: expected a string, got a number",
    "bool-for-array.toml": "bool-for-array.toml:4: orgs[0].aliases: expected an array, got a boolean",
    "date-as-integer.toml": "date-as-integer.toml:6: events[0].date: expected a string or a table, got an integer",
    "date-as-toml-date.toml": 'date-as-toml-date.toml:6: events[0].date: expected a string or a table, got a TOML date or time (write dates as strings: "2022-07-10")',
    "visit-without-places.toml": "visit-without-places.toml:1: visit.places: missing required key",
    "visit-empty-places.toml": "visit-empty-places.toml:7: visit.places: needs at least 1 item(s)",
    "visit-end-before-start.toml": "visit-end-before-start.toml:7: visit.end: end 2020-01 is before start 2020-05",
    "delegation-number.toml": "delegation-number.toml:14: visit.delegation[0].rank: expected a string, got an integer",
    "visit-without-visitor.toml": "visit-without-visitor.toml:1: visit.visitor: missing required key",
    "visitor-unknown.toml": "visitor-unknown.toml:3: visit.visitor[1]: unknown person or org 'nobody'",
    "bad-status.toml": "bad-status.toml:16: visit.counterparts[0].status: expected one of 'held', 'planned', 'expected', 'ruled out', got 'maybe'",
    "mention-unknown.toml": "mention-unknown.toml:8: events[0].mentions[0]: unknown person or org 'nobody'",
    "control-character-raw.toml": "control-character-raw.toml:3:10: TOML syntax error: Illegal character '\\x07'",
    "invalid-utf8.toml": "invalid-utf8.toml:3: invalid UTF-8 at byte offset 26: fact files must be UTF-8",
    "utf16.toml": "utf16.toml:1: invalid UTF-8 at byte offset 0: fact files must be UTF-8",
    "nul-byte.toml": "nul-byte.toml:2:9: TOML syntax error: Expected newline or end of document after a statement",
    "integer-too-long.toml": "integer-too-long.toml: cannot parse: an integer has too many digits (the limit is 4300)",
}

# Too large to commit: written at test time.
GENERATED = {
    "deep-arrays.toml": (
        "x = " + "[" * 5000 + "]" * 5000 + "\n",
        "deep-arrays.toml: arrays or tables nested deeper than 64 levels",
    ),
    "deep-inline-tables.toml": (
        "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
        "deep-inline-tables.toml: arrays or tables nested deeper than 64 levels",
    ),
    "dotted-key.toml": (
        ".".join(["a"] * 20000) + " = 1\n",
        "dotted-key.toml: cannot parse: TOML key has more than the allowed 1000 parts",
    ),
    "oversized.toml": (
        "# " + "x" * (1024 * 1024) + "\n",
        "oversized.toml: file is 1048579 bytes; the limit is 1048576",
    ),
}


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _base_with(tmp_path: Path, name: str, content: bytes) -> Path:
    root = tmp_path / "facts"
    shutil.copytree(MINI, root)
    (root / name).write_bytes(content)
    return root


def _cases() -> list[tuple[str, bytes, str]]:
    cases = [(name, (HOSTILE / name).read_bytes(), line) for name, line in BROKEN.items()]
    cases += [(name, text.encode(), line) for name, (text, line) in GENERATED.items()]
    return cases


def test_corpus_is_complete() -> None:
    committed = {p.name for p in HOSTILE.glob("*.toml")}
    assert set(BROKEN) <= committed
    assert len(BROKEN) + len(GENERATED) >= 40


@pytest.mark.parametrize(("name", "content", "expected"), _cases(), ids=[c[0] for c in _cases()])
@pytest.mark.parametrize(
    "command", [["validate"], ["visits"], ["show", "2020-03-springfield", "--json"]]
)
def test_broken_file_is_reported_cleanly(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes, expected: str, command: list[str]
) -> None:
    root = _base_with(tmp_path, name, content)
    before = _snapshot(tmp_path)
    result = runner.invoke(app, [*command, "-d", str(root)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{root}/{expected}" in result.stderr.splitlines() or (
        name == "duplicate-id-across-files.toml"
    )
    assert "Traceback" not in result.stderr
    assert _snapshot(tmp_path) == before


def test_duplicate_across_files_names_both(runner: CliRunner, tmp_path: Path) -> None:
    name = "duplicate-id-across-files.toml"
    root = _base_with(tmp_path, name, (HOSTILE / name).read_bytes())
    result = runner.invoke(app, ["validate", "-d", str(root)])
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if "duplicate" in line]
    assert f"{root}/people.toml:2: people[0].id: duplicate person or org id 'joe-quimby'" in line
    assert str(root / name) in line


def test_skip_invalid_answers_and_lists_what_was_skipped(runner: CliRunner, tmp_path: Path) -> None:
    root = _base_with(tmp_path, "bad-date.toml", (HOSTILE / "bad-date.toml").read_bytes())
    result = runner.invoke(app, ["visits", "-d", str(root), "--skip-invalid", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "2020-03-springfield"
    assert f"skipped: {root}/bad-date.toml:6: events[0].date" in result.stderr


def test_byte_order_mark_is_accepted(runner: CliRunner, tmp_path: Path) -> None:
    root = _base_with(tmp_path, "valid-bom.toml", (HOSTILE / "valid-bom.toml").read_bytes())
    result = runner.invoke(app, ["org", "BOM Org", "-d", str(root), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "bom-org"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_hostile_text_never_reaches_the_terminal_raw(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    name = "valid-markup-and-escapes.toml"
    root = _base_with(tmp_path, name, (HOSTILE / name).read_bytes())
    if fmt == "csv":  # search hits carry the names, so a formula would reach the CSV
        result = runner.invoke(app, ["search", "HYPERLINK", "-d", str(root), "--format", fmt])
    else:
        result = runner.invoke(app, ["org", "hostile", "-d", str(root), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        assert "\x1b[2J\x1b[Hcleared" in data["aliases"]  # the exact data, escaped by JSON
        assert data["note"] == "line one\nline two\ttab\r\x00nul"
        return
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\x00", "\r"):
        assert raw not in out
    if fmt == "csv":
        assert "\"'=HYPERLINK(" in out and ",=HYPERLINK" not in out
    if fmt == "table":
        for literal in (
            "[bold red]Evil[/]",
            ":thumbs_up:",
            "[link=http://evil.example]click[/link]",
        ):
            assert literal in out
        assert "\\x1b[2J" in out


def test_facts_dir_that_is_a_file(runner: CliRunner, tmp_path: Path) -> None:
    afile = tmp_path / "facts.toml"
    afile.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["visits", "-d", str(afile)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"{afile}: is not a directory" in result.stderr


def test_symlink_loop(runner: CliRunner, tmp_path: Path) -> None:
    root = _base_with(tmp_path, "x.txt", b"")
    (root / "again").symlink_to(root, target_is_directory=True)
    result = runner.invoke(app, ["visits", "-d", str(root)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert "symbolic link loop" in result.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_facts_dir(runner: CliRunner, tmp_path: Path) -> None:
    root = _base_with(tmp_path, "x.txt", b"")
    root.chmod(0)
    try:
        result = runner.invoke(app, ["visits", "-d", str(root)])
    finally:
        root.chmod(0o755)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "not readable" in result.stderr


def _both_ways(root: Path, *args: str) -> list[subprocess.CompletedProcess[str]]:
    """The installed command run with and without the index; a hang fails the test."""
    command = [FACTCLI, *args, "-d", str(root)]
    return [
        subprocess.run(
            command, capture_output=True, text=True, timeout=60, env={**os.environ, **extra}
        )
        for extra in ({}, {"FACTCLI_INDEX": "off"})
    ]


def test_a_dangling_symlink_is_the_same_clear_error_with_or_without_the_index(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _base_with(tmp_path, "x.txt", b"")
    (root / "gone.toml").symlink_to("missing.toml")
    expected = f"{root}/gone.toml: symbolic link to a missing file (missing.toml)"
    for env in ({}, {"FACTCLI_INDEX": "off"}):
        result = runner.invoke(app, ["visits", "-d", str(root)], env=env)
        assert (result.exit_code, result.stdout) == (1, "")
        assert expected in result.stderr.splitlines()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    root = _base_with(tmp_path, "x.txt", b"")
    os.mkfifo(root / "pipe.toml")
    for run in _both_ways(root, "visits"):
        assert (run.returncode, run.stdout) == (1, "")
        assert f"{root}/pipe.toml: is a named pipe (FIFO), not a regular file" in run.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_link_to_an_endless_device_is_refused_unread(tmp_path: Path) -> None:
    root = _base_with(tmp_path, "x.txt", b"")
    (root / "zero.toml").symlink_to("/dev/zero")
    for run in _both_ways(root, "show", "2020-03-springfield"):
        assert (run.returncode, run.stdout) == (1, "")
        assert f"{root}/zero.toml: is a character device, not a regular file" in run.stderr
        assert "Traceback" not in run.stderr


def test_a_file_growing_past_its_stat_size_is_read_no_further(tmp_path: Path) -> None:
    from factcli.model.files import UnreadableFile, read_regular_file

    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * 101)
    with pytest.raises(UnreadableFile, match="file is 101 bytes; the limit is 100"):
        read_regular_file(path, 100)
    assert read_regular_file(path, 101) == b"#" * 101


ESCAPES = ("\x1b", "\x07", "\x9b", "\u202e", "\u2028")


def test_file_names_and_unknown_keys_reach_stderr_escaped(
    runner: CliRunner, tmp_path: Path
) -> None:
    name = "bad\x1b[1mname\u202e.toml"
    content = b'[[orgs]]\nid = "k"\nname = "K"\n"bad\\u001b[2J\\u0007key" = 1\n'
    root = _base_with(tmp_path, name, content)
    for command in (["validate"], ["visits"], ["visits", "--skip-invalid"]):
        result = runner.invoke(app, [*command, "-d", str(root)])
        assert not any(raw in result.stderr for raw in ESCAPES), command
        assert (
            f"{root}/bad\\x1b[1mname\\u202e.toml:1: orgs[0].bad\\x1b[2J\\x07key: unknown key"
            in result.stderr
        ), command


def test_ambiguous_names_reach_stderr_escaped(runner: CliRunner, tmp_path: Path) -> None:
    content = (
        b'[[orgs]]\nid = "evil-one"\nname = "Evil\\u001b]8;;http://x\\u0007 One\\u202e"\n\n'
        b'[[orgs]]\nid = "evil-two"\nname = "Evil\\u009b31m Two\\u2028"\n'
    )
    root = _base_with(tmp_path, "evil.toml", content)
    for env in ({}, {"FACTCLI_INDEX": "off"}):
        result = runner.invoke(app, ["org", "evil", "-d", str(root)], env=env)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            "factcli: 'evil' matches 2 entries: Evil\\x1b]8;;http://x\\x07 One\\u202e"
            " (evil-one); Evil\\x9b31m Two\\u2028 (evil-two); be more specific\n"
        )


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_escapes_what_breaks_javascript_and_terminals(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    content = (
        '[[orgs]]\nid = "sneaky"\nname = "Sneaky Jöe 東京"\n'
        'note = "c1 \\u0085 \\u009b del \\u007f bidi \\u202e \\u2066 ls \\u2028 ps \\u2029 bom \\ufeff"\n'
    ).encode()
    root = _base_with(tmp_path, "sneaky.toml", content)
    result = runner.invoke(app, ["org", "sneaky", "-d", str(root), "--format", fmt])
    assert result.exit_code == 0
    out = result.stdout
    assert out.isascii() is False and "Sneaky Jöe 東京" in out  # readable, not \\u-escaped
    for raw in ("\x85", "\x9b", "\x7f", "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff"):
        assert raw not in out
        assert f"\\u{ord(raw):04x}" in out
    assert json.loads(out.splitlines()[0] if fmt == "jsonl" else out)["note"] == (
        "c1 \x85 \x9b del \x7f bidi \u202e \u2066 ls \u2028 ps \u2029 bom \ufeff"
    )


def test_json_export_escapes_too(runner: CliRunner, tmp_path: Path) -> None:
    root = _base_with(tmp_path, "ls.toml", b'[[orgs]]\nid = "ls"\nname = "Line\\u2028Sep"\n')
    target = tmp_path / "all.json"
    result = runner.invoke(app, ["export", "-f", "json", "-o", str(target), "-d", str(root)])
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "\u2028" not in text and "Line\\u2028Sep" in text


@pytest.mark.parametrize("command", [["quote", "moscow"], ["coverage"]])
def test_skipped_archive_files_reach_stderr_escaped(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    archive = tmp_path / "arch\x1b[2J\u202e"
    archive.mkdir()
    result = runner.invoke(app, [*command, "--archive", str(archive)])
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert skipped and all(f"{tmp_path}/arch\\x1b[2J\\u202e/" in line for line in skipped)
    assert not any(raw in result.stderr for raw in ESCAPES)


def test_the_sqlite_export_names_its_files_escaped(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "out\x1b]52;c;eA==\x07"
    folder.mkdir()
    result = runner.invoke(
        app, ["export", "-d", str(MINI), "-f", "sqlite", "-o", str(folder / "facts.db")]
    )
    assert result.exit_code == 0, result.stderr
    assert "out\\x1b]52;c;eA==\\x07" in result.stderr
    assert not any(raw in result.stderr for raw in ESCAPES)
